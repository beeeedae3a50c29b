import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../gait';
import { generateRunner } from '../gait/synthetic';
import type { GaitAnalysis } from '../gait/schema';
import { curvesOf, strides } from '../report/curves';
import { cycleGap } from './curve-gaps';

/** The seeded synthetic runner seen from the side, with known contacts on both feet. */
const gait = analyzeGait({
  series: generateRunner({ view: 'side', fps: 60, durationS: 8, seed: 3, noisePx: 1, cadence: 170 }).series,
  view: 'side',
  calibration: { heightCm: 175 },
});

/** The same analysis with the right knee angle blanked on `share` of each right stride's frames. */
function hide(share: number): GaitAnalysis {
  return {
    ...gait,
    angles: gait.angles.map((a) =>
      a.id === 'knee-flexion' && a.side === 'right'
        ? { ...a, values: a.values.map((v, i) => (i % 10 < share * 10 ? null : v)) }
        : a,
    ),
  };
}

describe('why a side has no cycle curve', () => {
  it('says nothing when both sides are drawn', () => {
    const knee = curvesOf(gait).find((c) => c.key === 'knee-flexion');
    expect(knee?.left && knee.right).toBeTruthy();
    expect(cycleGap(gait, 'knee-flexion', 'left', 'Knee flexion')).toBeUndefined();
    expect(cycleGap(gait, 'knee-flexion', 'right', 'Knee flexion')).toBeUndefined();
  });

  it('says why when the far leg is hidden on too many frames, exactly when the curve is not drawn', () => {
    const hidden = hide(0.3);
    expect(curvesOf(hidden).find((c) => c.key === 'knee-flexion')?.right).toBeUndefined();
    const why = cycleGap(hidden, 'knee-flexion', 'right', 'Knee flexion');
    expect(why).toMatch(
      /^Right: no curve, only 0 of \d+ right strides have the angle on nearly every frame \(3 needed\)\./,
    );
    expect(why).toContain('film that side too');
    expect(cycleGap(hidden, 'knee-flexion', 'left', 'Knee flexion')).toBeUndefined();
  });

  it('says "1 of N strides has" when a single stride is usable (the walk on the sample clip read "have")', () => {
    // The right knee angle kept whole on the first right stride only, blanked on every frame after it.
    const first = strides(gait, 'right')[0]!;
    const one: GaitAnalysis = {
      ...gait,
      angles: gait.angles.map((a) =>
        a.id === 'knee-flexion' && a.side === 'right'
          ? { ...a, values: a.values.map((v, i) => (i <= Math.floor(first.to) ? v : null)) }
          : a,
      ),
    };
    expect(cycleGap(one, 'knee-flexion', 'right', 'Knee flexion')).toMatch(
      /^Right: no curve, only 1 of \d+ right strides has the angle on nearly every frame \(3 needed\)\./,
    );
  });

  it('says so when the side has no angle or no contacts at all', () => {
    const noRight = {
      ...gait,
      angles: gait.angles.filter((a) => !(a.id === 'knee-flexion' && a.side === 'right')),
    };
    expect(cycleGap(noRight, 'knee-flexion', 'right', 'Knee flexion')).toBe(
      'Right: no knee flexion in this clip.',
    );
    const noContacts = { ...gait, events: gait.events.filter((e) => e.side !== 'right') };
    expect(cycleGap(noContacts, 'knee-flexion', 'right', 'Knee flexion')).toMatch(
      /fewer than two right initial contacts/,
    );
  });
});

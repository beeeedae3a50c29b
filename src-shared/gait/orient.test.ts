/** Direction-proof side view and anatomically correct left/right in both views. */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from './analyze';
import type { GaitAnalysis } from './schema';
import { generateRunner } from './synthetic';

const means = (r: GaitAnalysis): Record<string, [number | null, number | null]> =>
  Object.fromEntries(r.variables.map((v) => [v.id, [v.left.mean, v.right.mean]]));

describe('side view orientation', () => {
  // An asymmetric runner, so a left/right mix-up would show.
  const design = {
    left: { heelAheadAtIcCm: 28, lateSwingHipFlexionDeg: 38 },
    right: { heelAheadAtIcCm: 18 },
  } as const;

  it('gives the same values whichever way the runner faces (no sign flips)', () => {
    const toRight = generateRunner({ view: 'side', facing: 'image-right', durationS: 5, ...design });
    const toLeft = generateRunner({ view: 'side', facing: 'image-left', durationS: 5, ...design });
    const a = analyzeGait({ series: toRight.series, view: 'side', cutoffHz: 'none' });
    const b = analyzeGait({ series: toLeft.series, view: 'side', cutoffHz: 'none' });
    expect(a.orientation.facing).toBe('image-right');
    expect(b.orientation.facing).toBe('image-left');
    const ma = means(a);
    const mb = means(b);
    for (const id of Object.keys(ma)) {
      for (const k of [0, 1] as const) {
        if (ma[id]?.[k] === null) continue;
        expect(mb[id]?.[k], id).toBeCloseTo(ma[id]?.[k] as number, 6);
      }
    }
    // Forward lean and hip extension stay positive in both directions.
    expect(ma['trunk-lean-ms']?.[0]).toBeGreaterThan(0);
    expect(mb['hip-extension-to']?.[1]).toBeGreaterThan(0);
  });

  it('knows left from right by the near leg, even when the pose model swaps the labels', () => {
    for (const facing of ['image-right', 'image-left'] as const) {
      for (const labels of ['anatomical', 'swapped'] as const) {
        const clip = generateRunner({ view: 'side', facing, labels, durationS: 5, ...design });
        const r = analyzeGait({
          series: clip.series,
          view: 'side',
          cutoffHz: 'none',
          calibration: { heightCm: 175 },
        });
        expect(r.orientation.nearSide).toBe(facing === 'image-right' ? 'right' : 'left');
        expect(r.orientation.labelsSwapped).toBe(labels === 'swapped');
        // Read at the first contact frame, which follows the contact instant by up to a frame: the
        // belt carries the heel back by up to ~5 cm at 60 fps (half that on average), the same
        // for both legs. So each side is within a frame's travel of its design, and the
        // left − right difference, which a mix-up would turn from +10 to −10 cm, within 1 cm.
        const over = r.variables.find((v) => v.id === 'overstride-ic');
        const [l, rt] = [over?.left.mean as number, over?.right.mean as number];
        expect(Math.abs(l - 28), `${facing} ${labels}`).toBeLessThan(5);
        expect(Math.abs(rt - 18), `${facing} ${labels}`).toBeLessThan(5);
        expect(Math.abs(l - rt - 10), `${facing} ${labels}`).toBeLessThan(1);
      }
    }
  });
});

describe('rear view left and right', () => {
  const design = {
    left: { pelvicDropDeg: 8, footLaneCm: 9 },
    right: { pelvicDropDeg: 2, footLaneCm: -1 },
  } as const;

  it.each(['anatomical', 'swapped'] as const)(
    'puts the patient\u2019s left on image-left (model labels %s)',
    (labels) => {
      const clip = generateRunner({ view: 'rear', labels, durationS: 6, ...design });
      // Midstance events from the truth (as the side view would give them), to read the designed peak.
      const r = analyzeGait({
        series: clip.series,
        view: 'rear',
        cutoffHz: 'none',
        calibration: { heightCm: 175 },
        externalEvents: { events: clip.truth.events, offsetS: 0 },
      });
      const v = (id: string): [number, number] => {
        const x = r.variables.find((y) => y.id === id);
        return [x?.left.mean as number, x?.right.mean as number];
      };
      // Left stance drops the right (swing) side; the designed drop peaks at 8° (left) and 2° (right)
      // and midstance falls near the middle of stance.
      const [dl, dr] = v('pelvic-drop-ms');
      expect(dl).toBeGreaterThan(7);
      expect(dl).toBeLessThanOrEqual(8);
      expect(dr).toBeGreaterThan(1.5);
      expect(dr).toBeLessThanOrEqual(2);
      const [bl, br] = v('base-of-support-ms');
      expect(bl).toBeCloseTo(9, 1);
      expect(br).toBeCloseTo(-1, 1);
      expect(r.flags.some((f) => f.code === 'external-events')).toBe(true);
    },
  );
});

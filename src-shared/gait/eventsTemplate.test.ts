/**
 * The contact template (eventsTemplate.ts) against a pose model's heel bias, on the synthetic runner
 * (known answers). MediaPipe lite on the labelled sample clip puts the swinging heel on the belt's
 * level 3-4 frames before the foot lands and lifts it again before the landing (label-aligned
 * median of its heel height over 14 contacts: 2, 3, 6, 13, 13 px at −4 … 0 frames, against 13, 14,
 * 15, 5, 3 px for the full model; docs/gait-methods.md). The threshold crossings then start the
 * stance at the false touch; the contact must still come out at the landing, because a foot on the
 * belt does not leave it before heel-off.
 */
import { describe, expect, it } from 'vitest';
import { Landmark } from '../pose/landmarks';
import { analyzeGait } from './analyze';
import { generateRunner } from './synthetic';
import { interiorTruth, matchEvents, missed } from './testing/match';

const DURATION = 10;

/**
 * The clip with each heel put on its belt level for `touchS` seconds, from `leadS` seconds before
 * every contact of that foot (a false touch in late swing), back at its true height after that.
 */
function withEarlyHeelTouch(fps: number, leadS: number, touchS: number, seed: number) {
  const clip = generateRunner({ view: 'side', fps, durationS: DURATION, noisePx: 2, seed });
  const frames = clip.series.frames;
  for (const e of clip.truth.events.filter((x) => x.kind === 'initial-contact')) {
    const heel = e.side === 'left' ? Landmark.leftHeel : Landmark.rightHeel;
    // The heel's image height on the belt: two frames into the stance.
    const onBelt = frames[Math.ceil(e.t * fps) + 2]?.image?.[heel]?.[1];
    if (onBelt === undefined) continue;
    const from = Math.ceil((e.t - leadS) * fps);
    const to = Math.ceil((e.t - leadS + touchS) * fps);
    for (let i = Math.max(0, from); i < to; i++) {
      const p = frames[i]?.image?.[heel];
      if (p) p[1] = onBelt;
    }
  }
  return clip;
}

describe('contacts with a false heel touch before every landing (a pose model\u2019s heel bias)', () => {
  it.each([
    { fps: 30, leadS: 0.13, touchS: 0.07 },
    { fps: 60, leadS: 0.13, touchS: 0.07 },
  ])(
    'at $fps fps, the heel on the belt from $leadS s before each contact for $touchS s: contacts within a frame, median 0; toe-offs as before',
    ({ fps, leadS, touchS }) => {
      const errs: Record<'initial-contact' | 'toe-off', number[]> = { 'initial-contact': [], 'toe-off': [] };
      for (const seed of [5, 6]) {
        const clip = withEarlyHeelTouch(fps, leadS, touchS, seed);
        const r = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: 175 } });
        const contacts = interiorTruth(clip.truth.events, DURATION, clip.truth.strideS).filter(
          (e) => e.kind === 'initial-contact' || e.kind === 'toe-off',
        );
        expect(missed(r, contacts, fps, 1)).toEqual([]);
        for (const m of matchEvents(r, clip.truth.events, fps))
          if (m.kind === 'initial-contact' || m.kind === 'toe-off') errs[m.kind].push(m.frameError);
        expect(Math.abs((r.cadence.value as number) - 170)).toBeLessThan(1);
      }
      for (const kind of ['initial-contact', 'toe-off'] as const) {
        const e = [...errs[kind]].sort((a, b) => a - b);
        expect(e.length, kind).toBeGreaterThan(40);
        expect(
          e.filter((x) => Math.abs(x) <= 1).length / e.length,
          `${kind}: ${e.join(',')}`,
        ).toBeGreaterThanOrEqual(0.9);
        expect(e[e.length >> 1], `${kind}: ${e.join(',')}`).toBe(0);
      }
    },
  );
});

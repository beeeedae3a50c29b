/**
 * A stance the entry/leave hysteresis finds must not be dropped afterwards (events.ts). On the
 * mirrored sample clip (issue 20, round 4) MediaPipe put the near foot's points of one stance at the
 * entry level on its first frame and inside the hysteresis band (above the entry level, under the
 * leave level) for the rest: 10, 18, 21, 19, 19, 26 px against an entry level of 14 px and a leave
 * level of 26 px. The run was found, then dropped, because its lift-off was sought as the last frame
 * at the entry level, which was its first. On a long clip the rhythm can put such a stance back
 * (a gap of two strides); on the mirrored clip its neighbour was itself split, and on a short clip
 * (no rhythm, no template) nothing can. Here the synthetic runner (known answers), on a short clip,
 * gets the same: one stance's heel and toe drawn 6% of a leg above the belt (the entry level is 4%,
 * the leave level 8%) from the frame after its contact frame until the foot really rises above that.
 * Short clips (no template) read such a lift-off where the foot leaves the band (eventsRuns.ts).
 */
import { describe, expect, it } from 'vitest';
import { Landmark } from '../pose/landmarks';
import { analyzeGait } from './analyze';
import { generateRunner } from './synthetic';
import { matchEvents } from './testing/match';

describe('a stance whose foot points sit inside the hysteresis band after the contact frame', () => {
  it.each([30, 60])('short clips at %i fps: the stance is kept, contact and toe-off within 1/30 s', (fps) => {
    const toErrors: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const clip = generateRunner({ view: 'side', fps, durationS: 2, noisePx: 1, seed });
      const leg = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: 175 } })
        .calibration.legLengthPx;
      const ics = clip.truth.events.filter((e) => e.kind === 'initial-contact' && e.side === 'left');
      const ic = ics.find((e) => e.t > 1);
      const to = clip.truth.events.find((e) => e.kind === 'toe-off' && e.side === 'left' && ic && e.t > ic.t);
      if (!ic || !to) throw new Error('no left stance in the second half of the clip');
      const series = structuredClone(clip.series);
      const fr = series.frames;
      const c0 = fr.findIndex((f) => f.t >= ic.t);
      const t1 = fr.findIndex((f) => f.t > to.t) - 1;
      for (const k of [Landmark.leftHeel, Landmark.leftFootIndex]) {
        // The point's belt level in this stance (image y grows downward), and the point drawn at
        // least 6% of a leg above it after the contact frame, until the foot is higher than that.
        let belt = -Infinity;
        for (let i = c0; i <= t1; i++) belt = Math.max(belt, fr[i]?.image?.[k]?.[1] ?? -Infinity);
        for (let i = c0 + 1; i <= t1 + 3; i++) {
          const p = fr[i]?.image?.[k];
          if (p) p[1] = Math.min(p[1], belt - 0.06 * leg);
        }
      }
      const r = analyzeGait({ series, view: 'side', calibration: { heightCm: 175 } });
      const near = (kind: string, truth: number): ReturnType<typeof matchEvents>[number] | undefined =>
        matchEvents(r, clip.truth.events, fps).find(
          (x) => x.side === 'left' && x.kind === kind && Math.abs(x.truthFrame - truth * fps) < 0.5,
        );
      const mIc = near('initial-contact', ic.t);
      const mTo = near('toe-off', to.t);
      expect(mIc, `seed ${seed}: contact`).toBeDefined();
      expect(Math.abs(mIc?.frameError ?? Infinity), `seed ${seed}`).toBeLessThanOrEqual(1);
      expect(mTo, `seed ${seed}: toe-off`).toBeDefined();
      toErrors.push(mTo?.frameError ?? Infinity);
    }
    // Where the noise leaves the foot at the entry level on one frame only (3 of these 5 seeds at
    // 30 fps), the lift-off is read where the foot leaves the band. Where it is there on two frames
    // (seeds 2 and 4 at 30 fps: the frame before the contact frame too; every seed at 60 fps), the
    // lift-off was read at the second: 6 frames early at 30 fps, 14 at 60 fps. A foot that stays
    // inside the band for longer than a lift takes to cross it has not lifted there (eventsRuns.ts;
    // docs/gait-methods.md, round 5): now within 1/30 s on every seed. At 60 fps that is +2 frames:
    // the drawn points hide the foot's first 6% of a leg of rise, so its lift shows only where it
    // passes the leave level.
    const tol = fps === 30 ? 1 : 2;
    expect(toErrors.filter((e) => Math.abs(e) <= tol).length, toErrors.join(',')).toBe(5);
  });
});

/**
 * The rear legs' swing confirmed backward (track-confirm.ts) on the synthetic rear clip (marker-clip.ts,
 * 60 fps, 3 s, known truth): the points it turns from held back into detected must each lie on its own
 * marker. A confirmation on a neighbour's blob (the two passes agreeing on one wrong identity) would
 * be a swap shown as a detection, which the issue forbids; this is what the unbroken agreement from
 * the upright frame is for.
 */
import { describe, expect, it } from 'vitest';
import { generateMarkerClip } from '../gait/synthetic/marker-clip';
import { truthSeeds } from './testing';
import { trackMarkers } from './index';
import { CONFIRMED_CONFIDENCE } from './track-confirm';

describe('rear legs confirmed backward', () => {
  it('confirms swing points, each on its own marker', async () => {
    const clip = generateMarkerClip({ view: 'rear', fps: 60, durationS: 3 });
    const seeds = truthSeeds(clip, clip.markers, 0, 0.5);
    const tracks = await trackMarkers(clip.frames(), seeds, {
      detection: { appearance: { kind: 'bright' } },
    });
    let confirmed = 0;
    let off = 0;
    for (const t of tracks) {
      if (t.name.endsWith('Psis')) continue;
      t.points.forEach((p, i) => {
        if (p.state !== 'detected' || p.confidence !== CONFIRMED_CONFIDENCE) return;
        confirmed++;
        const own = clip.truth.points[t.name]![i]!;
        const err = Math.hypot(p.x - own.x, p.y - own.y);
        // On its own marker: nearer its own truth than any other marker's, within 2 px (measured: 56 of
        // 58 within 1 px, two on the heel counter's fast upper marker 1.3 and 1.7 px off); covered, at
        // most 3 px off (not 'shown hidden').
        expect(err).toBeLessThanOrEqual(own.visible ? 2 : 3);
        if (err > 1) off++;
        // Within 1 px of its own, no identity question (test/markers/cases.ts, swaps): two markers
        // on one spot, either name is right there, and the fold search names either since "A
        // one-ended search that does not come back" (one point 0.63 px from its own truth, 0.55 px
        // from the other marker's).
        for (const o of tracks) {
          const q = clip.truth.points[o.name]![i]!;
          if (o.name !== t.name && q.visible && err > 1)
            expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThan(err);
        }
      });
    }
    // Measured: 55 more leg points within 1 px than without the backward pass (docs/markers.md).
    expect(confirmed).toBeGreaterThanOrEqual(40);
    expect(off).toBeLessThanOrEqual(0.1 * confirmed);
  }, 120_000);
});

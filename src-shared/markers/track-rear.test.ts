/**
 * Rear view (src-shared/gait/synthetic/marker-clip.ts, 60 fps, 3 s): both PSIS and each leg's two
 * heel-counter and two lower-shank markers. In swing the heel comes up behind the shank and passes
 * its lower markers; the tracker keeps each pair's order, the whole leg's order while the leg is
 * upright, and finds the leg again by its shape in stance (track-legs.ts). Measured now: PSIS 100%
 * within 1 px, all 8 stances with peak eversion within 1.5° of the design (docs/markers.md); the
 * test holds a floor one stance below so that it cannot silently fall.
 */
import { describe, expect, it } from 'vitest';
import { generateMarkerClip } from '../gait/synthetic/marker-clip';
import { truthSeeds } from './testing';
import { rearfootEversion, trackMarkers } from './index';
import type { MarkerTrack } from './types';

describe('trackMarkers on a synthetic rear clip (60 fps)', () => {
  it('keeps the PSIS within 1 px and recovers rearfoot eversion on most stances', async () => {
    const clip = generateMarkerClip({ view: 'rear', fps: 60, durationS: 3 });
    const seeds = truthSeeds(clip, clip.markers, 0, 0.5);
    const tracks = await trackMarkers(clip.frames(), seeds, {
      detection: { appearance: { kind: 'bright' } },
    });
    const by = (n: string): MarkerTrack => tracks.find((t) => t.name === n)!;
    for (const n of ['leftPsis', 'rightPsis']) {
      const t = by(n);
      const ok = t.points.filter((p, i) => {
        const q = clip.truth.points[t.name]![i]!;
        return p.state === 'detected' && Math.hypot(p.x - q.x, p.y - q.y) <= 1;
      }).length;
      expect(ok / t.points.length).toBeGreaterThanOrEqual(0.98);
    }
    let good = 0;
    let stances = 0;
    for (const side of ['left', 'right'] as const) {
      const steps = rearfootEversion(
        {
          heelUpper: by(`${side}HeelCounterUpper`),
          heelLower: by(`${side}HeelCounterLower`),
          shankUpper: by(`${side}ShankUpper`),
          shankLower: by(`${side}ShankLower`),
        },
        side,
        clip.truth.events,
      );
      const design = clip.truth.markerDesign.eversion[side];
      for (const s of steps) {
        stances++;
        if (s.peakInStance !== null && Math.abs(s.peakInStance - design.peak) <= 1.5) good++;
      }
    }
    expect(stances).toBe(8);
    expect(good).toBeGreaterThanOrEqual(7);
  }, 120_000);
});

/**
 * The marker core on a real clip: the sample treadmill run (720×1280, 30 fps, 12 s) with an ASIS and
 * a PSIS disc drawn on the runner's pelvis at a designed tilt (`markersOnSample`), decoded by the
 * app's decoder (services/markers/frames.ts) and tracked from the first frame. Light clothing
 * touches the discs on many frames and the drawn markers follow the pose landmark of the hip, jitter
 * and all (up to 40 px from a constant-velocity prediction): the case that lost the PSIS at frame 2
 * before the tracker cut its local search at several levels and weighed blobs by their looks
 * (docs/markers.md, "Tracking"). Issue 15's targets: within 1 px on ≥ 98% of frames, pelvic tilt
 * within 1°. The end-to-end test (markers-review.e2e.test.ts) runs the same clip through the app.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipFrames } from '../../src-main/services/markers/frames';
import { analyzeGait } from '../../src-shared/gait';
import { pelvicTiltSeries, trackMarkers, type MarkerName } from '../../src-shared/markers';
import { markerVariables } from '../../src-shared/review/marker-variables';
import { readSeries, TREADMILL_CLIP, TREADMILL_LANDMARKS } from '../review/fixtures/pose-store';
import { markersOnSample, sampleTiltDeg } from './marker-clip';

describe('markers on the sample treadmill run', () => {
  it('tracks the drawn ASIS and PSIS within 1 px on ≥ 98% of frames and gives the designed tilt', async () => {
    const cache = join(tmpdir(), 'stridelab-markers-e2e');
    mkdirSync(cache, { recursive: true });
    const series = readSeries(TREADMILL_LANDMARKS);
    const clip = join(cache, 'treadmill-side-markers.mp4');
    const { truth } = await markersOnSample(TREADMILL_CLIP, series, clip);
    const times = series.frames.map((f) => f.t);
    const first = truth[0]!.points.findIndex((p) => p !== null);
    // As a PT's click: a few tenths of a pixel off the disc's centre (the tracker snaps to the blob).
    const seeds = truth.map((t) => ({
      name: t.name as MarkerName,
      frame: first,
      x: t.points[first]!.x + 0.6,
      y: t.points[first]!.y - 0.4,
    }));
    const { width, height } = series.source;
    const tracks = await trackMarkers(clipFrames({ path: clip, width, height, times }, 'gray'), seeds, {
      detection: { appearance: { kind: 'bright' } },
      frameCount: times.length,
    });

    for (const tr of tracks) {
      const t = truth.find((m) => m.name === tr.name)!;
      let visible = 0;
      let within = 0;
      tr.points.forEach((p, i) => {
        const q = t.points[i];
        if (!q) return;
        visible++;
        if (p.state === 'detected' && Math.hypot(p.x - q.x, p.y - q.y) <= 1) within++;
      });
      expect(within / visible, tr.name).toBeGreaterThanOrEqual(0.98);
    }

    const asis = tracks.find((t) => t.name === 'rightAsis')!;
    const psis = tracks.find((t) => t.name === 'rightPsis')!;
    // Tilt on every frame with markers: within 1° of the design (1 px at each end of a 70 px line
    // is 1.2° at worst).
    const tilt = pelvicTiltSeries(asis, psis);
    let frames = 0;
    let close = 0;
    tilt.forEach((v, i) => {
      if (!truth[0]!.points[i]) return;
      frames++;
      if (Math.abs(v - sampleTiltDeg(times[i]!)) <= 1) close++;
    });
    expect(close / frames).toBeGreaterThanOrEqual(0.98);

    // At the gait engine's contacts, per side, as Review's table and the report compute it: the mean
    // within 1° of the design, and no side called not measurable (its spread is the runner's).
    const gait = analyzeGait({ series, view: 'side' });
    const rows = markerVariables('side', tracks, gait.events);
    const ic = rows.find((r) => r.id === 'pelvic-tilt-ic')!;
    expect(ic.source).toBe('markers');
    for (const side of ['left', 'right'] as const) {
      const ics = gait.events.filter((e) => e.kind === 'initial-contact' && e.side === side);
      const design = ics.reduce((a, e) => a + sampleTiltDeg(e.t), 0) / ics.length;
      const shown = ic[side]!;
      expect(shown.n).toBeGreaterThanOrEqual(ics.length - 1);
      expect(Math.abs(shown.mean! - design), side).toBeLessThan(1);
    }
    for (const r of rows)
      expect([r.id, r.left!.notMeasurable, r.right!.notMeasurable]).toEqual([r.id, null, null]);
  }, 300_000);
});

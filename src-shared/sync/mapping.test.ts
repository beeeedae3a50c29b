import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../gait/analyze';
import { createPrng, generateRunner, type SyntheticClip } from '../gait/synthetic';
import type { LandmarkSeries } from '../pose/landmarks';
import { estimateSync } from './estimate';
import { invert, playerOffsets, sideEventsForRear, timeInA, timeInB } from './mapping';

describe('alignment arithmetic', () => {
  it('maps times both ways and inverts, clock ratio included', () => {
    const al = { offsetS: 0.4, timeScale: 0.25 };
    expect(timeInA(al, 2)).toBeCloseTo(0.9, 12);
    expect(timeInB(al, timeInA(al, 3.3))).toBeCloseTo(3.3, 12);
    const inv = invert(al);
    expect(timeInA(inv, timeInA(al, 1.7))).toBeCloseTo(1.7, 12);
    expect(playerOffsets({ offsetS: 0.4, timeScale: 1 })).toEqual([0, 0.4]);
    expect(() => playerOffsets(al)).toThrow(/different clock rates/);
  });
});

/** Shared slow vertical sway, as in estimate.test.ts: makes one alignment unique over the whole range. */
function withSway(clip: SyntheticClip, startS: number): LandmarkSeries {
  const r = createPrng(77);
  const waves = [0.13, 0.29, 0.47].map((f) => ({ f, p: 2 * Math.PI * r.next() }));
  const k = clip.truth.pxPerCm * 3;
  const sway = (t: number): number => waves.reduce((s, w) => s + Math.sin(2 * Math.PI * w.f * t + w.p), 0);
  return {
    ...clip.series,
    frames: clip.series.frames.map((f) =>
      f.image
        ? { ...f, image: f.image.map(([x, y, z, v, p]) => [x, y - k * sway(startS + f.t), z, v, p]) }
        : f,
    ),
  };
}

describe('side-view events drive the rear-view analysis through the estimated alignment', () => {
  it('puts the rear clip initial contacts within a frame of the truth', () => {
    const side = generateRunner({ view: 'side', fps: 60, startS: 1, durationS: 9, noisePx: 1, seed: 1 });
    const rear = generateRunner({ view: 'rear', fps: 30, startS: 1.85, durationS: 7, noisePx: 1, seed: 2 });
    const sideSeries = withSway(side, 1);
    const rearSeries = withSway(rear, 1.85);
    const sync = estimateSync(sideSeries, rearSeries);
    expect(Math.abs(sync.offsetS - 0.85) * 60).toBeLessThan(1);
    // The sway only makes the alignment unique (it lifts the feet off the belt, so the gait engine
    // analyses the clips without it).
    const sideResult = analyzeGait({ series: side.series, view: 'side' });
    const r = analyzeGait({
      series: rear.series,
      view: 'rear',
      externalEvents: sideEventsForRear(sideResult.events, sync, 'A'),
    });
    const ics = r.events.filter((e) => e.kind === 'initial-contact');
    expect(ics.length).toBeGreaterThan(10);
    for (const e of ics) {
      const truth = rear.truth.events.filter((t) => t.kind === e.kind && t.side === e.side);
      expect(Math.min(...truth.map((t) => Math.abs(t.t - e.t)))).toBeLessThan(1 / 60);
    }
  });
});

/**
 * The robustness sweep's targets (docs/gait-methods.md, "Robustness sweep"), on synthetic runners
 * with known answers: a slice of the sweep's grid (every frame rate, strike and noise level, the
 * slowest and fastest cadences) on seed 5, which no fix was diagnosed on. Where the targets hold
 * on the whole sweep they are held here; where they do not, `it.fails` holds the target and a
 * second test the measured floor, so a regression and a fix both show.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  runSweepPoint,
  summariseSweep,
  sweepGrid,
  type SweepResult,
} from '../../src-shared/gait/testing/sweep';

let results: SweepResult[] = [];
let clean: SweepResult[] = [];
const at = (r: SweepResult): string => JSON.stringify(r.point);

describe('the gait engine across frame rates, cadences, contact times, strikes and runner sizes', () => {
  // 108 clips: ~20 s on a free core, a minute on a loaded one.
  beforeAll(() => {
    results = sweepGrid([5])
      .filter((p) => p.cadence === 150 || p.cadence === 200)
      .map(runSweepPoint);
    clean = results.filter((r) => r.point.noisePx === 1);
  }, 300_000);

  it('misses and invents no contact or toe-off, and counts cadence within 1 step/min, everywhere', () => {
    expect(results).toHaveLength(108);
    for (const r of results) {
      expect(r.ic.missed + r.to.missed, at(r)).toBe(0);
      expect(r.invented, at(r)).toBe(0);
      expect(Math.abs(r.cadenceError), at(r)).toBeLessThan(1);
    }
  });

  it('times initial contacts within ±1 frame (≥ 90% at every point) with 1 px noise, median 0', () => {
    for (const r of clean) expect(r.ic.within1 / r.ic.n, at(r)).toBeGreaterThanOrEqual(0.9);
    expect(summariseSweep(clean).icMedian).toBe(0);
  });

  it('keeps the pooled figures at the measured floor (4 px noise included), medians 0', () => {
    const s = summariseSweep(results);
    // Measured on this slice (108 clips): IC 96.6%, TO 90.8% within ±1 frame; medians 0 and 0.
    expect(s.icWithin1).toBeGreaterThanOrEqual(0.95);
    expect(s.toWithin1).toBeGreaterThanOrEqual(0.88);
    expect(s.icMedian).toBe(0);
    expect(s.toMedian).toBe(0);
  });

  // Not met: toe-offs come 1-7 frames late (25-35 ms) where 4 px of noise lies on a 250 px runner
  // at 50 fps and above (contacts then come 1-3 frames early), and 1-2 frames late where the
  // synthetic toe starts its lift slowly (midfoot strikes, long contacts, 50 fps and above). The
  // toe-off band is a quarter of the template's steepest frame of rise (eventsTemplate.ts
  // readToeOff), chosen on real footage in round 8; the noise floor is the template's resolution.
  it.fails(
    'times toe-offs within ±1 frame at every point (≥ 90%; the floor is 0% at 240 fps, 4 px on 250 px)',
    () => {
      for (const r of results) expect(r.to.within1 / r.to.n, at(r)).toBeGreaterThanOrEqual(0.9);
    },
  );

  it.fails('reads contact time within 15 ms at every point (worst today +54 ms, 4 px on 250 px)', () => {
    for (const r of results) expect(Math.abs(r.contactErrorMs), at(r)).toBeLessThan(15);
  });
});

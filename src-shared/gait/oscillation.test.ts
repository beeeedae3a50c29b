/**
 * Vertical oscillation on the synthetic runner (known answer: the designed pelvis range over a
 * stride, which the head shares: the model carries the head on a rigid trunk). The three ways the
 * old reading (max − min of the filtered pelvis centre per stride) went wrong on real clips, each
 * designed in: landmark noise, a runner drifting on the belt, and hip points that move with the
 * legs (the pose model's artefact on the sample clip: docs/gait-methods.md, "Vertical oscillation").
 */
import { describe, expect, it } from 'vitest';
import { Landmark, type LandmarkSeries } from '../pose/landmarks';
import { analyzeGait } from './analyze';
import { periodicRange, periodicRangeAuto } from './periodic-fit';
import { generateRunner, type SyntheticOptions } from './synthetic';

function vo(o: Partial<SyntheticOptions>, edit?: (s: LandmarkSeries) => LandmarkSeries) {
  const c = generateRunner({ view: 'side', fps: 30, durationS: 8, seed: 4, ...o });
  const series = edit ? edit(c.series) : c.series;
  const a = analyzeGait({ series, view: o.view ?? 'side', calibration: { pxPerCm: c.truth.pxPerCm } });
  const v = a.variables.find((x) => x.id === 'vertical-oscillation')!;
  return { v, truth: c.truth.verticalOscillationCm, strideS: c.truth.strideS };
}

describe('periodic fit', () => {
  it('returns the peak-to-peak of a two-harmonic curve with a drift, exactly', () => {
    const t = Float64Array.from({ length: 22 }, (_, i) => i / 30);
    const T = 0.7;
    const y = t.map(
      (x) => 3 * Math.cos((4 * Math.PI * x) / T) + 0.5 * Math.sin((2 * Math.PI * x) / T) + 5 * x,
    );
    const fit = periodicRange(t, y, 0, T, 2)!;
    // Peak-to-peak of 3cos(2u) + 0.5 sin(u) over a period, sampled finely.
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < 10000; k++) {
      const u = (2 * Math.PI * k) / 10000;
      const z = 3 * Math.cos(2 * u) + 0.5 * Math.sin(u);
      lo = Math.min(lo, z);
      hi = Math.max(hi, z);
    }
    expect(fit.range).toBeCloseTo(hi - lo, 2);
    expect(fit.residualSd).toBeLessThan(1e-9);
  });

  it('does not fit noise: AICc keeps two harmonics on a noisy sinusoid', () => {
    let s = 1;
    const rnd = (): number => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
    const t = Float64Array.from({ length: 21 }, (_, i) => i / 30);
    const y = t.map((x) => 4 * Math.cos((4 * Math.PI * x) / 0.7) + 1.5 * rnd());
    const fit = periodicRangeAuto(t, y, 0, 0.7)!;
    expect(fit.harmonics).toBe(2);
    // What is left is the fit's own noise (σ ≈ 0.87 here, uRange ≈ 0.65).
    expect(Math.abs(fit.range - 8)).toBeLessThan(2 * fit.uRange);
  });
});

describe('vertical oscillation on the synthetic runner', () => {
  it('is the designed range without noise (30 and 60 fps, side and rear)', () => {
    for (const o of [{ fps: 30 }, { fps: 60 }, { view: 'rear' as const }]) {
      const { v, truth } = vo(o);
      for (const s of [v.left, v.right])
        expect(Math.abs(s.mean! - truth), JSON.stringify(o)).toBeLessThan(0.25);
    }
  });

  it('stays within 0.6 cm of the design with 3 px (1 cm) of landmark noise at 30 fps', () => {
    // A range read from noisy points keeps a small upward bias (+0.3 cm here, 4%).
    for (const seed of [1, 2, 3]) {
      const { v, truth } = vo({ noisePx: 3, seed });
      for (const s of [v.left, v.right]) expect(Math.abs(s.mean! - truth), `seed ${seed}`).toBeLessThan(0.6);
    }
  });

  it('does not count a runner drifting up the image as oscillation', () => {
    const { v, truth, strideS } = vo({ driftCmPerS: 1.5 });
    // The old per-stride max − min adds the drift over a stride (about 1 cm here).
    expect(1.5 * strideS).toBeGreaterThan(0.9);
    for (const s of [v.left, v.right]) expect(Math.abs(s.mean! - truth)).toBeLessThan(0.3);
  });

  it('reads the head in a side view: hip points that bob with the legs do not change it', () => {
    // The pose model's hip points on the sample clip rose and fell against the shoulders by ~4.6 cm
    // each stride; here 3 cm at the step rate, on the hips only.
    const clean = vo({}).v;
    const bobbing = vo({}, (series) => ({
      ...series,
      frames: series.frames.map((f) => ({
        ...f,
        image: f.image?.map((p, i) =>
          i === Landmark.leftHip || i === Landmark.rightHip
            ? [p[0], p[1] + 1.5 * 3.086 * Math.cos(2 * Math.PI * (f.t / 0.353)), p[2], p[3], p[4]]
            : p,
        ) as typeof f.image,
      })),
    })).v;
    expect(Math.abs(bobbing.left.mean! - clean.left.mean!)).toBeLessThan(0.05);
    expect(Math.abs(bobbing.right.mean! - clean.right.mean!)).toBeLessThan(0.05);
  });

  it('its 95% interval holds the truth with noise', () => {
    const { v, truth } = vo({ noisePx: 2, fps: 60 });
    for (const s of [v.left, v.right]) {
      const [lo, hi] = s.uncertainty!.interval;
      expect(lo).toBeLessThan(truth + 0.1);
      expect(hi).toBeGreaterThan(truth - 0.1);
    }
  });
});

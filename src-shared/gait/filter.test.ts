import { describe, expect, it } from 'vitest';
import { butterworthLowPass, filtfilt, maxCutoffHz, residualAnalysis } from './filter';
import { createPrng } from './synthetic/prng';

const sine = (n: number, fs: number, f: number, amp = 1, phase = 0): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / fs + phase));

function amplitude(y: Float64Array, skip: number): number {
  let m = 0;
  for (let i = skip; i < y.length - skip; i++) m = Math.max(m, Math.abs(y[i] as number));
  return m;
}

describe('zero-lag Butterworth', () => {
  const fs = 120;
  it('has unit gain at DC and keeps a constant signal exactly', () => {
    const c = butterworthLowPass(10, fs);
    expect((c.b0 + c.b1 + c.b2) / (1 + c.a1 + c.a2)).toBeCloseTo(1, 12);
    const y = filtfilt(new Float64Array(50).fill(3.5), 6, fs);
    for (const v of y) expect(v).toBeCloseTo(3.5, 10);
  });

  it('is −3 dB at the cutoff after both passes (Winter correction)', () => {
    const y = filtfilt(sine(2400, fs, 6), 6, fs);
    expect(amplitude(y, 300)).toBeCloseTo(Math.SQRT1_2, 2);
  });

  it('passes low frequencies and stops high ones, with the 4th-order roll-off', () => {
    expect(amplitude(filtfilt(sine(2400, fs, 1), 8, fs), 300)).toBeCloseTo(1, 3);
    // Overall |H|² = 1/(1+(f/fc')^4)^2 per pass pair, with fc' the per-pass cutoff; at 4 fc the
    // gain is about 0.004.
    const g = amplitude(filtfilt(sine(2400, fs, 32), 8, fs), 300);
    expect(g).toBeLessThan(0.01);
    expect(g).toBeGreaterThan(0.001);
  });

  it('does not shift peaks in time (zero lag)', () => {
    const x = sine(600, fs, 2);
    const y = filtfilt(x, 6, fs);
    // A 2 Hz sine sampled at 120 Hz peaks at samples 15 + 60k.
    for (const k of [2, 3, 4, 5]) {
      const i = 15 + 60 * k;
      expect(y[i] as number).toBeGreaterThan(y[i - 1] as number);
      expect(y[i] as number).toBeGreaterThan(y[i + 1] as number);
    }
  });

  it('refuses a cutoff at or above half the frame rate', () => {
    expect(() => butterworthLowPass(60, 120)).toThrow(/cutoff/);
  });
});

describe('residual analysis (Winter)', () => {
  it('estimates the noise level and picks a cutoff between signal and noise', () => {
    const fs = 120;
    const rng = createPrng(7);
    const sigma = 0.05;
    const x = Float64Array.from(sine(1200, fs, 2), (v) => v + sigma * rng.gaussian());
    const r = residualAnalysis(x, fs);
    expect(r.cutoffHz).not.toBeNull();
    expect(r.cutoffHz as number).toBeGreaterThan(2);
    expect(r.cutoffHz as number).toBeLessThan(10);
    expect(r.noiseRms).toBeGreaterThan(0.5 * sigma);
    expect(r.noiseRms).toBeLessThan(1.5 * sigma);
    // Filtering at the chosen cutoff brings the signal closer to the truth than the raw data.
    const y = filtfilt(x, r.cutoffHz as number, fs);
    const clean = sine(1200, fs, 2);
    const err = (a: ArrayLike<number>): number => {
      let s = 0;
      for (let i = 0; i < clean.length; i++) s += ((a[i] as number) - (clean[i] as number)) ** 2;
      return Math.sqrt(s / clean.length);
    };
    expect(err(y)).toBeLessThan(0.5 * err(x));
  });

  it('reports no cutoff for a noise-free signal', () => {
    const r = residualAnalysis(sine(600, 60, 1.5), 60);
    expect(r.cutoffHz).toBeNull();
  });

  it('limits the cutoff below the frame rate', () => {
    expect(maxCutoffHz(30)).toBeLessThan(15);
  });
});

import { describe, expect, it } from 'vitest';
import { createPrng } from '../gait/synthetic/prng';
import { fft, fftSize, maskedPearsonAllLags, maskedSpectra } from './fft';
import { pearsonAtLag } from './xcorr';

describe('fft', () => {
  it('matches the discrete Fourier transform by definition, and inverts', () => {
    const rng = createPrng(1);
    const n = 16;
    const x = Array.from({ length: n }, () => rng.gaussian());
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    fft(re, im);
    for (let k = 0; k < n; k++) {
      let dr = 0;
      let di = 0;
      x.forEach((v, t) => {
        dr += v * Math.cos((-2 * Math.PI * k * t) / n);
        di += v * Math.sin((-2 * Math.PI * k * t) / n);
      });
      expect(re[k]).toBeCloseTo(dr, 9);
      expect(im[k]).toBeCloseTo(di, 9);
    }
    fft(re, im, true);
    re.forEach((v, t) => expect(v).toBeCloseTo(x[t]!, 12));
  });
});

describe('maskedPearsonAllLags', () => {
  it('gives the lag-by-lag Pearson correlation and overlap, masks included, at every lag', () => {
    const rng = createPrng(4);
    const a = Array.from({ length: 90 }, (_, i) => 200 + 50 * Math.sin(i / 7) + 5 * rng.gaussian());
    const b = Array.from({ length: 70 }, (_, i) => -30 + 20 * Math.sin((i + 12) / 7) + 3 * rng.gaussian());
    for (const i of [3, 4, 5, 40, 41]) a[i] = NaN;
    for (const i of [0, 22, 69]) b[i] = NaN;
    const size = fftSize(a.length, b.length);
    const { r, n } = maskedPearsonAllLags(maskedSpectra(a, size), maskedSpectra(b, size), -75, 95);
    for (let lag = -75; lag <= 95; lag++) {
      const direct = pearsonAtLag(a, b, lag);
      const k = lag + 75;
      if (Number.isNaN(direct.r)) expect(r[k]).toBeNaN();
      else expect(r[k]).toBeCloseTo(direct.r, 9);
      if (lag > -b.length && lag < a.length) expect(n[k]).toBe(direct.n);
    }
  });
});

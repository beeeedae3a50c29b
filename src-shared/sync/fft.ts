/**
 * Cross-correlation by FFT, with masks: the per-lag sums a masked Pearson correlation needs, for
 * every lag at once in O(N log N) instead of O(N) per lag (a 60 s clip pair has ~7000 lags).
 * Radix-2 iterative Cooley–Tukey FFT [Cooley & Tukey 1965]; the masked normalised cross-correlation
 * from six plain correlations follows Padfield, "Masked object registration in the Fourier domain",
 * IEEE Trans Image Process 21(5):2706–2718, 2012.
 */

/** In-place FFT of (re, im), length a power of two; `inverse` scales by 1/n. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j] as number, re[i] as number];
      [im[i], im[j]] = [im[j] as number, im[i] as number];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const xr = (re[b] as number) * cr - (im[b] as number) * ci;
        const xi = (re[b] as number) * ci + (im[b] as number) * cr;
        re[b] = (re[a] as number) - xr;
        im[b] = (im[a] as number) - xi;
        re[a] = (re[a] as number) + xr;
        im[a] = (im[a] as number) + xi;
        const t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
  if (inverse)
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] as number) / n;
      im[i] = (im[i] as number) / n;
    }
}

interface Spectrum {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

function spectrum(x: ArrayLike<number>, size: number): Spectrum {
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < x.length; i++) re[i] = x[i] as number;
  fft(re, im);
  return { re, im };
}

/** c[L] = Σ_j x[j + L] · y[j], from spectra X and Y: IFFT(X · conj(Y)). */
function correlate(x: Spectrum, y: Spectrum): Float64Array {
  const n = x.re.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ar = x.re[i] as number;
    const ai = x.im[i] as number;
    const br = y.re[i] as number;
    const bi = -(y.im[i] as number);
    re[i] = ar * br - ai * bi;
    im[i] = ar * bi + ai * br;
  }
  fft(re, im, true);
  return re;
}

/** The spectra of one masked signal: values (0 where masked), squares, mask. */
export interface MaskedSpectra {
  readonly length: number;
  readonly v: Spectrum;
  readonly v2: Spectrum;
  readonly m: Spectrum;
}

/** Transform size for two signals of these lengths: no wrap-around for any lag. */
export const fftSize = (na: number, nb: number): number => {
  let n = 1;
  while (n < na + nb) n <<= 1;
  return n;
};

export function maskedSpectra(x: readonly number[], size: number): MaskedSpectra {
  // Centre on the valid mean first: the per-lag sums then stay small and the subtraction in the
  // covariance loses no precision.
  let s = 0;
  let c = 0;
  for (const v of x)
    if (!Number.isNaN(v)) {
      s += v;
      c++;
    }
  const mean = c ? s / c : 0;
  const v = x.map((u) => (Number.isNaN(u) ? 0 : u - mean));
  return {
    length: x.length,
    v: spectrum(v, size),
    v2: spectrum(
      v.map((u) => u * u),
      size,
    ),
    m: spectrum(
      x.map((u) => (Number.isNaN(u) ? 0 : 1)),
      size,
    ),
  };
}

/**
 * Pearson correlation of a[j + lag] and b[j] over the samples where both are valid, for every lag in
 * [minLag, maxLag], with the overlap count. Same answer as pearsonAtLag lag by lag (xcorr.ts).
 */
export function maskedPearsonAllLags(
  a: MaskedSpectra,
  b: MaskedSpectra,
  minLag: number,
  maxLag: number,
): { r: number[]; n: number[] } {
  const size = a.v.re.length;
  const n = correlate(a.m, b.m);
  const sa = correlate(a.v, b.m);
  const sb = correlate(a.m, b.v);
  const saa = correlate(a.v2, b.m);
  const sbb = correlate(a.m, b.v2);
  const sab = correlate(a.v, b.v);
  const r: number[] = [];
  const counts: number[] = [];
  for (let lag = minLag; lag <= maxLag; lag++) {
    const i = ((lag % size) + size) % size;
    const k = Math.max(0, Math.round(n[i] as number));
    counts.push(k);
    if (k < 3 || lag <= -b.length || lag >= a.length) {
      r.push(NaN);
      continue;
    }
    const cov = (sab[i] as number) - ((sa[i] as number) * (sb[i] as number)) / k;
    const va = (saa[i] as number) - ((sa[i] as number) * (sa[i] as number)) / k;
    const vb = (sbb[i] as number) - ((sb[i] as number) * (sb[i] as number)) / k;
    r.push(va > 1e-9 * k && vb > 1e-9 * k ? Math.max(-1, Math.min(1, cov / Math.sqrt(va * vb))) : NaN);
  }
  return { r, n: counts };
}

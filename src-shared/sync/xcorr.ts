/**
 * Masked, multi-channel normalised cross-correlation over a bounded lag range, and its peaks.
 *
 * At each lag the two signals are compared only where both have data, with a Pearson correlation
 * computed on that overlap alone (mean and SD of the overlapping samples, not of the whole signal),
 * so a dropout or a shorter overlap does not bias the score towards zero lag or away from it.
 * Computed for all lags at once by FFT (fft.ts); `pearsonAtLag` is the same sum lag by lag.
 * Channels are combined as a weighted mean of their correlations, each weighted by its reliability
 * and by how many samples it had at that lag.
 */

import { fftSize, maskedPearsonAllLags, maskedSpectra, type MaskedSpectra } from './fft';

export interface ChannelPair {
  readonly name: string;
  readonly a: readonly number[];
  readonly b: readonly number[];
  /** Relative reliability (0 drops the channel). */
  readonly weight: number;
}

export interface LagScores {
  /** Lag of B after A, in samples: B's sample j lines up with A's sample j + lag. */
  readonly lags: number[];
  /** Combined correlation per lag, −1..1, or NaN where the overlap was too short. */
  readonly scores: number[];
  /** Mean overlap (samples) of the channels used at each lag. */
  readonly overlaps: number[];
}

/** Pearson correlation of a[j + lag] and b[j] over the samples where both are finite. */
export function pearsonAtLag(
  a: readonly number[],
  b: readonly number[],
  lag: number,
): { r: number; n: number } {
  const j0 = Math.max(0, -lag);
  const j1 = Math.min(b.length, a.length - lag);
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let j = j0; j < j1; j++) {
    const x = a[j + lag] as number;
    const y = b[j] as number;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    n++;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  if (n < 3) return { r: NaN, n };
  const cov = sab - (sa * sb) / n;
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  if (va <= 1e-12 || vb <= 1e-12) return { r: NaN, n };
  return { r: cov / Math.sqrt(va * vb), n };
}

/** Spectra are reused across calls for the same signal array (the same channel is tried with and without a label swap). */
const spectraCache = new WeakMap<readonly number[], MaskedSpectra>();
function spectraOf(x: readonly number[], size: number): MaskedSpectra {
  const hit = spectraCache.get(x);
  if (hit && hit.v.re.length === size) return hit;
  const s = maskedSpectra(x, size);
  spectraCache.set(x, s);
  return s;
}

/** Per-lag combined correlation of several channel pairs (each by FFT, see fft.ts). */
export function crossCorrelate(
  pairs: readonly ChannelPair[],
  minLag: number,
  maxLag: number,
  minOverlap: number,
): LagScores {
  const lags: number[] = [];
  for (let lag = minLag; lag <= maxLag; lag++) lags.push(lag);
  const num = new Float64Array(lags.length);
  const den = new Float64Array(lags.length);
  const overlap = new Float64Array(lags.length);
  const used = new Float64Array(lags.length);
  for (const p of pairs) {
    if (!(p.weight > 0)) continue;
    const size = fftSize(p.a.length, p.b.length);
    const { r, n } = maskedPearsonAllLags(spectraOf(p.a, size), spectraOf(p.b, size), minLag, maxLag);
    for (let i = 0; i < lags.length; i++) {
      const ri = r[i] as number;
      const ni = n[i] as number;
      if (Number.isNaN(ri) || ni < minOverlap) continue;
      num[i] = (num[i] as number) + p.weight * ni * ri;
      den[i] = (den[i] as number) + p.weight * ni;
      overlap[i] = (overlap[i] as number) + ni;
      used[i] = (used[i] as number) + 1;
    }
  }
  return {
    lags,
    scores: lags.map((_, i) => ((den[i] as number) > 0 ? (num[i] as number) / (den[i] as number) : NaN)),
    overlaps: lags.map((_, i) => ((used[i] as number) ? (overlap[i] as number) / (used[i] as number) : 0)),
  };
}

export interface Peak {
  /** Index into the scores array. */
  readonly index: number;
  readonly score: number;
  /** The peak sits at the end of the searched range: the true lag may lie beyond it. */
  readonly atEdge: boolean;
}

/** Local maxima of the score curve (plateaus count once), highest first. */
export function findPeaks(scores: readonly number[]): Peak[] {
  const peaks: Peak[] = [];
  const valid = (v: number | undefined): v is number => v !== undefined && !Number.isNaN(v);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!valid(s)) continue;
    const l = scores[i - 1];
    const r = scores[i + 1];
    if (!valid(l) && !valid(r)) continue;
    if ((valid(l) ? s >= l : true) && (valid(r) ? s > r : true))
      peaks.push({ index: i, score: s, atEdge: !valid(l) || !valid(r) });
  }
  return peaks.sort((p, q) => q.score - p.score);
}

/**
 * Sub-sample position of a peak by fitting a parabola through it and its two neighbours
 * [e.g. Smith, "Spectral Audio Signal Processing", quadratic interpolation of spectral peaks].
 * Returns the fractional index offset in −0.5…0.5 and the interpolated height.
 */
export function parabolicRefine(scores: readonly number[], i: number): { delta: number; height: number } {
  const y0 = scores[i - 1];
  const y1 = scores[i] as number;
  const y2 = scores[i + 1];
  if (y0 === undefined || y2 === undefined || Number.isNaN(y0) || Number.isNaN(y2))
    return { delta: 0, height: y1 };
  const den = y0 - 2 * y1 + y2;
  if (den >= 0) return { delta: 0, height: y1 };
  const delta = Math.max(-0.5, Math.min(0.5, (0.5 * (y0 - y2)) / den));
  return { delta, height: y1 - 0.25 * (y0 - y2) * delta };
}

/**
 * Masked, multi-channel normalised cross-correlation over a bounded lag range, and its peaks.
 *
 * At each lag the two signals are compared only where both have data, with a Pearson correlation
 * computed on that overlap alone (mean and SD of the overlapping samples, not of the whole signal),
 * so a dropout or a shorter overlap does not bias the score towards zero lag or away from it.
 * Channels are combined as a weighted mean of their correlations, each weighted by its reliability
 * and by how many samples it had at that lag.
 */

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

export function crossCorrelate(
  pairs: readonly ChannelPair[],
  minLag: number,
  maxLag: number,
  minOverlap: number,
): LagScores {
  const lags: number[] = [];
  const scores: number[] = [];
  const overlaps: number[] = [];
  for (let lag = minLag; lag <= maxLag; lag++) {
    let num = 0;
    let den = 0;
    let overlap = 0;
    let used = 0;
    for (const p of pairs) {
      if (!(p.weight > 0)) continue;
      const { r, n } = pearsonAtLag(p.a, p.b, lag);
      if (Number.isNaN(r) || n < minOverlap) continue;
      num += p.weight * n * r;
      den += p.weight * n;
      overlap += n;
      used++;
    }
    lags.push(lag);
    scores.push(den > 0 ? num / den : NaN);
    overlaps.push(used ? overlap / used : 0);
  }
  return { lags, scores, overlaps };
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

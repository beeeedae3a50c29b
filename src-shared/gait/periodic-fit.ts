/**
 * Peak-to-peak of a cyclic movement over one stride, read from a least-squares fit instead of the
 * raw extremes.
 *
 * Why: the range (max − min) of a noisy series is biased upward: each extreme picks the sample whose
 * noise happens to point outward. With a pose model's hip points (σ ≈ 2–3 cm after the 8 Hz filter at
 * 30 fps on the sample clip) the stride-by-stride range of the pelvis read 13 cm where the head,
 * whose face points jitter far less, moved 8–9 cm (docs/gait-methods.md, "Vertical oscillation").
 * A steady runner's movement within a stride is a smooth periodic curve, so it is fitted by a
 * truncated Fourier series of the stride frequency plus a straight line (the runner drifting up or
 * down on the belt over the stride is not oscillation) [Winter 2009, ch. 2: harmonic analysis of gait
 * signals, where the first few harmonics hold almost all of a cyclic movement's power]; the fit
 * averages the noise of every sample instead of taking two of them.
 */

export interface PeriodicFit {
  /** Peak-to-peak of the fitted curve without its straight line (drift), in the input's unit. */
  readonly range: number;
  /** Time (s, the input's clock) of the fitted minimum and maximum. */
  readonly tMin: number;
  readonly tMax: number;
  /** Minimum and maximum of the fitted curve without drift, at the mean drift level. */
  readonly min: number;
  readonly max: number;
  /** Mean of the fitted curve over the stride (its level at mid-stride). */
  readonly mean: number;
  /** RMS of the residuals (data − fit), corrected for the parameters fitted. */
  readonly residualSd: number;
  /**
   * Standard uncertainty of `range` from the residuals: each extreme of a least-squares fit of p
   * parameters to n samples moves by about σ·√(p/n) (the mean leverage of a sample), two extremes
   * in quadrature.
   */
  readonly uRange: number;
  readonly n: number;
  readonly harmonics: number;
}

/** Solves the symmetric positive system A x = b (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = r;
    const pivot = (m[p] as number[])[c] as number;
    if (!(Math.abs(pivot) > 1e-12)) return null;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const row = m[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = m[r] as number[];
      const f = (other[c] as number) / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) other[k] = (other[k] as number) - f * (row[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}

/**
 * Fits y(t) = a + b·(t − t0) + Σ_k [c_k cos(2πk(t − t0)/T) + s_k sin(2πk(t − t0)/T)], k = 1..harmonics,
 * over samples in [t0, t0 + T], and returns the peak-to-peak of the periodic part. Non-finite samples
 * are skipped. The number of harmonics is lowered so that there are at least two samples per
 * parameter (at 30 fps a stride has about 21 samples). Null when too few samples remain.
 */
export function periodicRange(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  t0: number,
  period: number,
  maxHarmonics = 4,
): PeriodicFit | null {
  const ts: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const ti = t[i] as number;
    const yi = y[i] as number;
    if (ti < t0 - 1e-9 || ti > t0 + period + 1e-9 || !Number.isFinite(yi)) continue;
    ts.push(ti - t0);
    ys.push(yi);
  }
  const n = ts.length;
  const harmonics = Math.min(maxHarmonics, Math.floor((n / 2 - 2) / 2));
  if (!(period > 0) || harmonics < 1) return null;
  const p = 2 + 2 * harmonics;
  const w = (2 * Math.PI) / period;
  const basis = (tt: number): number[] => {
    const row = [1, tt / period];
    for (let k = 1; k <= harmonics; k++) row.push(Math.cos(k * w * tt), Math.sin(k * w * tt));
    return row;
  };
  const ata = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const atb = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const row = basis(ts[i] as number);
    for (let r = 0; r < p; r++) {
      atb[r] = (atb[r] as number) + (row[r] as number) * (ys[i] as number);
      const ar = ata[r] as number[];
      for (let c = 0; c < p; c++) ar[c] = (ar[c] as number) + (row[r] as number) * (row[c] as number);
    }
  }
  const coef = solve(ata, atb);
  if (!coef) return null;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const row = basis(ts[i] as number);
    const fit = row.reduce((a, x, k) => a + x * (coef[k] as number), 0);
    ss += ((ys[i] as number) - fit) ** 2;
  }
  const residualSd = n > p ? Math.sqrt(ss / (n - p)) : 0;
  // The periodic part on a fine grid (its extremes fall between samples).
  const periodic = (tt: number): number => {
    let v = 0;
    for (let k = 1; k <= harmonics; k++)
      v +=
        (coef[2 * k] as number) * Math.cos(k * w * tt) + (coef[2 * k + 1] as number) * Math.sin(k * w * tt);
    return v;
  };
  const GRID = 400;
  let lo = Infinity;
  let hi = -Infinity;
  let tMin = 0;
  let tMax = 0;
  for (let g = 0; g < GRID; g++) {
    const tt = (g / GRID) * period;
    const v = periodic(tt);
    if (v < lo) {
      lo = v;
      tMin = tt;
    }
    if (v > hi) {
      hi = v;
      tMax = tt;
    }
  }
  const level = (coef[0] as number) + (coef[1] as number) / 2;
  return {
    range: hi - lo,
    tMin: t0 + tMin,
    tMax: t0 + tMax,
    min: level + lo,
    max: level + hi,
    mean: level,
    residualSd,
    uRange: Math.SQRT2 * residualSd * Math.sqrt(p / n),
    n,
    harmonics,
  };
}

/**
 * As periodicRange, with the number of harmonics chosen per stride by the corrected Akaike
 * criterion (AICc; Hurvich & Tsai 1989) among 2..maxHarmonics: a clean series keeps the harmonics
 * that shape its curve, a noisy one is not fitted to its noise (at 30 fps, 4 harmonics are 10
 * parameters on ~21 samples, and their range grows with the noise).
 */
export function periodicRangeAuto(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  t0: number,
  period: number,
  maxHarmonics = 4,
): PeriodicFit | null {
  let best: PeriodicFit | null = null;
  let bestScore = Infinity;
  for (let h = 2; h <= maxHarmonics; h++) {
    const fit = periodicRange(t, y, t0, period, h);
    if (!fit || fit.harmonics !== h) continue;
    const p = 2 + 2 * h;
    if (fit.n - p - 1 <= 0) continue;
    const rss = Math.max(1e-12, fit.residualSd ** 2 * (fit.n - p));
    const score = fit.n * Math.log(rss / fit.n) + 2 * p + (2 * p * (p + 1)) / (fit.n - p - 1);
    if (score < bestScore) {
      bestScore = score;
      best = fit;
    }
  }
  return best ?? periodicRange(t, y, t0, period, 1);
}

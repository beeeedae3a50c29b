/**
 * Zero-lag low-pass filtering of landmark trajectories.
 *
 * A 2nd-order Butterworth low-pass run forward then backward: a 4th-order, zero-phase filter
 * [Winter 2009, "Biomechanics and Motor Control of Human Movement", §3.4.4; the same filter Kinovea
 * uses]. Two passes lower the −3 dB point, so each pass is designed at fc / C with
 * C = (2^(1/2) − 1)^(1/4) ≈ 0.802 (Winter's correction for the number of passes; Robertson & Dowling
 * 2003), and the whole filter is −3 dB at fc. Coefficients come from the bilinear transform with
 * frequency pre-warping. Ends are padded by odd reflection and the filter starts in steady state, to
 * avoid start-up transients at the clip's edges.
 *
 * The cutoff is chosen per clip by residual analysis [Winter 2009, §3.4.4.3]: the RMS residual
 * between raw and filtered signal is computed over a range of cutoffs; its high-frequency part is a
 * straight line (noise only); the line's intercept estimates the noise RMS, and the cutoff is where
 * the residual curve falls to that level (noise removed, signal kept).
 */

/** Two-pass correction factor for a 2nd-order filter [Winter 2009]. */
export const TWO_PASS_CORRECTION = Math.pow(Math.SQRT2 - 1, 1 / 4);

export interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/** 2nd-order Butterworth low-pass for one pass (bilinear transform, pre-warped). */
export function butterworthLowPass(cutoffHz: number, sampleHz: number): Biquad {
  if (!(cutoffHz > 0 && cutoffHz < sampleHz / 2))
    throw new Error(
      `filter cutoff ${cutoffHz} Hz must be between 0 and half the frame rate (${sampleHz / 2} Hz)`,
    );
  const k = Math.tan((Math.PI * cutoffHz) / sampleHz);
  const k2 = k * k;
  const norm = 1 / (1 + Math.SQRT2 * k + k2);
  const b0 = k2 * norm;
  return { b0, b1: 2 * b0, b2: b0, a1: 2 * (k2 - 1) * norm, a2: (1 - Math.SQRT2 * k + k2) * norm };
}

function runPass(c: Biquad, x: Float64Array): Float64Array {
  const y = new Float64Array(x.length);
  const x0 = x[0] ?? 0;
  // Steady state for a constant input x0 (unit DC gain): every delayed value equals x0.
  let x1 = x0;
  let x2 = x0;
  let y1 = x0;
  let y2 = x0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const yi = c.b0 * xi + c.b1 * x1 + c.b2 * x2 - c.a1 * y1 - c.a2 * y2;
    y[i] = yi;
    x2 = x1;
    x1 = xi;
    y2 = y1;
    y1 = yi;
  }
  return y;
}

/** Highest overall cutoff the two-pass filter can be given at a frame rate. */
export function maxCutoffHz(sampleHz: number): number {
  return 0.45 * sampleHz * TWO_PASS_CORRECTION;
}

/**
 * Zero-lag (forward–backward) Butterworth low-pass of a finite signal. `cutoffHz` is the overall
 * −3 dB frequency of the two-pass filter.
 */
export function filtfilt(x: ArrayLike<number>, cutoffHz: number, sampleHz: number): Float64Array {
  const n = x.length;
  if (n < 2) return Float64Array.from(x);
  const c = butterworthLowPass(cutoffHz / TWO_PASS_CORRECTION, sampleHz);
  const pad = Math.min(n - 1, Math.max(9, Math.round((3 * sampleHz) / cutoffHz)));
  const ext = new Float64Array(n + 2 * pad);
  const first = x[0] as number;
  const last = x[n - 1] as number;
  for (let i = 0; i < pad; i++) ext[i] = 2 * first - (x[pad - i] as number);
  for (let i = 0; i < n; i++) ext[pad + i] = x[i] as number;
  for (let i = 0; i < pad; i++) ext[pad + n + i] = 2 * last - (x[n - 2 - i] as number);
  const fwd = runPass(c, ext);
  fwd.reverse();
  const back = runPass(c, fwd);
  back.reverse();
  return back.slice(pad, pad + n);
}

export interface ResidualAnalysis {
  /** Chosen cutoff, Hz; null when the signal has no measurable noise. */
  readonly cutoffHz: number | null;
  /** Noise RMS estimate (the regression intercept), signal units. */
  readonly noiseRms: number;
  readonly cutoffsHz: readonly number[];
  readonly residuals: readonly number[];
}

/** Winter's residual analysis of one finite signal. */
export function residualAnalysis(
  x: ArrayLike<number>,
  sampleHz: number,
  minHz = 1,
  stepHz = 0.5,
): ResidualAnalysis {
  const fMax = maxCutoffHz(sampleHz);
  const cutoffs: number[] = [];
  for (let f = minHz; f <= fMax + 1e-9; f += stepHz) cutoffs.push(f);
  const residuals = cutoffs.map((f) => {
    const y = filtfilt(x, f, sampleHz);
    let s = 0;
    for (let i = 0; i < x.length; i++) s += ((x[i] as number) - (y[i] as number)) ** 2;
    return Math.sqrt(s / x.length);
  });
  // Regression over the upper half of the cutoffs: the noise-only part of the residual curve.
  const from = Math.floor(cutoffs.length / 2);
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let m = 0;
  for (let i = from; i < cutoffs.length; i++) {
    const f = cutoffs[i] as number;
    const r = residuals[i] as number;
    sx += f;
    sy += r;
    sxx += f * f;
    sxy += f * r;
    m++;
  }
  const slope = m > 1 ? (m * sxy - sx * sy) / (m * sxx - sx * sx) : 0;
  const intercept = Math.max(0, (sy - slope * sx) / Math.max(1, m));
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, x[i] as number);
    hi = Math.max(hi, x[i] as number);
  }
  const range = hi - lo;
  // Noise-free (synthetic) signal: even the highest cutoff leaves almost nothing behind.
  if (!((residuals[residuals.length - 1] as number) > 1e-4 * Math.max(range, 1e-12)))
    return { cutoffHz: null, noiseRms: intercept, cutoffsHz: cutoffs, residuals };
  let chosen = cutoffs[cutoffs.length - 1] as number;
  for (let i = 0; i < cutoffs.length; i++) {
    if ((residuals[i] as number) <= intercept) {
      chosen = cutoffs[i] as number;
      break;
    }
  }
  return { cutoffHz: chosen, noiseRms: intercept, cutoffsHz: cutoffs, residuals };
}

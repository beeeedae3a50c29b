/**
 * Signal conditioning for the two-view synchronisation: gap filling, detrending, a zero-lag
 * Butterworth filter, derivatives and a signal-to-noise estimate. Samples are on a uniform grid; `NaN` marks "no data".
 *
 * The low-pass is a second-order Butterworth run forwards then backwards (zero phase lag, effective
 * fourth order), as Winter recommends for kinematic data [Winter, "Biomechanics and Motor Control of
 * Human Movement", 4th ed., §3.4.4]. Zero lag matters here more than anywhere: a filter that delayed
 * one view's signal would shift the very offset we are measuring.
 */

/** Biquad coefficients of a 2nd-order Butterworth low-pass (bilinear transform, prewarped). */
function butterworthLowPass(cutoffHz: number, sampleHz: number): { b: number[]; a: number[] } {
  // Forward-backward filtering squares the magnitude, putting −6 dB at the cutoff; correct the cutoff
  // so the pair has −3 dB there [Winter §3.4.4.3: C = (2^(1/n) − 1)^(1/4) for n = 2 passes].
  const correction = Math.pow(Math.SQRT2 - 1, 0.25);
  const wc = Math.tan((Math.PI * Math.min(cutoffHz / correction, 0.45 * sampleHz)) / sampleHz);
  const k1 = Math.SQRT2 * wc;
  const k2 = wc * wc;
  const a0 = 1 + k1 + k2;
  const b0 = k2 / a0;
  return { b: [b0, 2 * b0, b0], a: [1, (2 * (k2 - 1)) / a0, (1 - k1 + k2) / a0] };
}

function biquad(x: readonly number[], c: { b: number[]; a: number[] }): number[] {
  const [b0, b1, b2] = c.b as [number, number, number];
  const [, a1, a2] = c.a as [number, number, number];
  const y = new Array<number>(x.length);
  // Start in steady state on the first sample so the edge does not ring.
  let x1 = x[0] ?? 0;
  let x2 = x1;
  let y1 = x1;
  let y2 = x1;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const yi = b0 * xi + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    y[i] = yi;
    x2 = x1;
    x1 = xi;
    y2 = y1;
    y1 = yi;
  }
  return y;
}

/** Zero-lag low-pass of a gap-free signal. */
export function lowPass(x: readonly number[], cutoffHz: number, sampleHz: number): number[] {
  if (x.length < 3) return [...x];
  const c = butterworthLowPass(cutoffHz, sampleHz);
  const forward = biquad(x, c);
  return biquad(forward.reverse(), c).reverse();
}

/**
 * Fill `NaN` runs by linear interpolation between their neighbours (edges take the nearest value),
 * so the filter can run; the caller keeps the mask and re-applies it afterwards.
 */
export function fillGaps(x: readonly number[]): number[] {
  const out = [...x];
  let last = -1;
  for (let i = 0; i <= out.length; i++) {
    if (i < out.length && Number.isNaN(out[i])) continue;
    if (i - last > 1) {
      const left = last >= 0 ? (out[last] as number) : undefined;
      const right = i < out.length ? (out[i] as number) : undefined;
      for (let j = last + 1; j < i; j++) {
        if (left === undefined) out[j] = right ?? 0;
        else if (right === undefined) out[j] = left;
        else out[j] = left + ((right - left) * (j - last)) / (i - last);
      }
    }
    last = i;
  }
  return out;
}

/** Remove the least-squares straight line (a gap-free signal). */
export function detrend(x: readonly number[]): number[] {
  const n = x.length;
  if (n < 2) return x.map(() => 0);
  const mi = (n - 1) / 2;
  const mv = x.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  x.forEach((v, i) => {
    num += (i - mi) * (v - mv);
    den += (i - mi) * (i - mi);
  });
  const slope = num / den;
  return x.map((v, i) => v - mv - slope * (i - mi));
}

/** Mean and standard deviation of the valid samples. */
export function maskedStats(x: readonly number[]): { mean: number; sd: number; n: number } {
  let n = 0;
  let s = 0;
  let ss = 0;
  for (const v of x) {
    if (Number.isNaN(v)) continue;
    n++;
    s += v;
    ss += v * v;
  }
  const mean = n ? s / n : 0;
  return { mean, sd: n > 1 ? Math.sqrt(Math.max(0, ss / n - mean * mean)) : 0, n };
}

/**
 * Central-difference derivative per second of a gap-free signal (one-sided at the ends). Velocity,
 * not position, is what the views are compared on: it drops each camera's constant offset and slow
 * drift, and sharpens the correlation peak [the synchronisation step of Pose2Sim, Pagnon et al.
 * 2022, correlates keypoint speeds for the same reasons].
 */
export function derivative(x: readonly number[], sampleHz: number): number[] {
  const n = x.length;
  if (n < 2) return x.map(() => 0);
  return x.map((_, i) => {
    const lo = Math.max(0, i - 1);
    const hi = Math.min(n - 1, i + 1);
    return (((x[hi] as number) - (x[lo] as number)) * sampleHz) / (hi - lo);
  });
}

/**
 * Signal-to-noise of a position signal: SD of its low-passed version over SD of what the low-pass
 * removed (landmark jitter). A landmark that barely moves in one view scores near 1.
 */
export function snrOf(raw: readonly number[], smooth: readonly number[]): number {
  const body = maskedStats(raw.map((v, i) => (Number.isNaN(v) ? NaN : (smooth[i] as number))));
  const noise = maskedStats(raw.map((v, i) => (Number.isNaN(v) ? NaN : v - (smooth[i] as number))));
  if (noise.sd > 0) return body.sd / noise.sd;
  return body.sd > 0 ? 100 : 0;
}

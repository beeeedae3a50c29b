/**
 * Cleaning stage: mark low-visibility points missing, fill short gaps, then low-pass filter with
 * the zero-lag Butterworth of filter.ts at a per-clip cutoff. The raw tracks are kept unchanged for
 * display; only the cleaned copy feeds the angles and events.
 *
 * - A point is missing below visibility 0.5 (the threshold MediaPipe's own drawing utilities use).
 * - Gaps up to 0.1 s are filled by linear interpolation: shorter than a quarter of a running step,
 *   so no event can hide in one. Longer gaps stay missing, and the filter runs on each unbroken
 *   stretch separately (it never bridges a gap).
 * - Cutoff: residual analysis [Winter 2009] on every leg coordinate, the median taken per clip, and
 *   kept within [min(8 Hz, top), top], top = what the frame rate allows (filter.ts). The floor
 *   matters at 30 fps, where running has real content up to the Nyquist frequency and residual
 *   analysis would mistake it for noise.
 */
import { filtfilt, maxCutoffHz, residualAnalysis } from './filter';
import { JOINTS, SIDES, type Body, type Joint, type Track } from './types';

export const MIN_VISIBILITY = 0.5;
export const MAX_GAP_S = 0.1;
export const CUTOFF_FLOOR_HZ = 8;

export interface CleanReport {
  readonly method: 'butterworth-zero-lag-4th-order';
  /** Overall −3 dB cutoff actually used, Hz; null = not filtered. */
  readonly cutoffHz: number | null;
  readonly choice: 'residual-analysis' | 'user' | 'none' | 'noise-free';
  /** Residual-analysis noise estimate, pixels (median over coordinates). */
  readonly noiseRmsPx: number | null;
  /** Points filled by interpolation, and points left missing, over the leg joints. */
  readonly filledPoints: number;
  readonly missingPoints: number;
}

/** Longest stretches of finite values: [start, end) index pairs. */
export function finiteRuns(a: Float64Array): [number, number][] {
  const runs: [number, number][] = [];
  let s = -1;
  for (let i = 0; i <= a.length; i++) {
    const ok = i < a.length && Number.isFinite(a[i] as number);
    if (ok && s < 0) s = i;
    if (!ok && s >= 0) {
      runs.push([s, i]);
      s = -1;
    }
  }
  return runs;
}

function fillGaps(a: Float64Array, t: Float64Array, maxGapS: number): number {
  let filled = 0;
  let last = -1;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i] as number)) continue;
    if (last >= 0 && i - last > 1 && (t[i] as number) - (t[last] as number) <= maxGapS + 1e-9) {
      const a0 = a[last] as number;
      const a1 = a[i] as number;
      const t0 = t[last] as number;
      const t1 = t[i] as number;
      for (let k = last + 1; k < i; k++) {
        a[k] = a0 + ((a1 - a0) * ((t[k] as number) - t0)) / (t1 - t0);
        filled++;
      }
    }
    last = i;
  }
  return filled;
}

function filterRuns(a: Float64Array, cutoffHz: number, fps: number): Float64Array {
  const out = Float64Array.from(a);
  for (const [s, e] of finiteRuns(a)) {
    if (e - s < 4) continue;
    out.set(filtfilt(a.subarray(s, e), cutoffHz, fps), s);
  }
  return out;
}

function copyTrack(tr: Track): { x: Float64Array; y: Float64Array; v: Float64Array } {
  return { x: Float64Array.from(tr.x), y: Float64Array.from(tr.y), v: Float64Array.from(tr.v) };
}

export function clean(
  raw: Body,
  t: Float64Array,
  fps: number,
  cutoff: 'auto' | 'none' | number = 'auto',
): { body: Body; unfiltered: Body; report: CleanReport } {
  let filled = 0;
  let missing = 0;
  const gapFilled: Record<'left' | 'right', Record<Joint, Track>> = {
    left: {} as Record<Joint, Track>,
    right: {} as Record<Joint, Track>,
  };
  for (const side of SIDES) {
    for (const j of JOINTS) {
      const tr = copyTrack(raw[side][j]);
      for (let i = 0; i < tr.x.length; i++) {
        if (!((tr.v[i] as number) >= MIN_VISIBILITY)) {
          tr.x[i] = NaN;
          tr.y[i] = NaN;
        }
      }
      filled += fillGaps(tr.x, t, MAX_GAP_S);
      fillGaps(tr.y, t, MAX_GAP_S);
      for (const v of tr.x) if (!Number.isFinite(v)) missing++;
      gapFilled[side][j] = tr;
    }
  }

  const top = maxCutoffHz(fps);
  let cutoffHz: number | null = null;
  let choice: CleanReport['choice'] = 'none';
  let noiseRmsPx: number | null = null;
  if (typeof cutoff === 'number') {
    cutoffHz = Math.min(cutoff, top);
    choice = 'user';
  } else if (cutoff === 'auto') {
    const cutoffs: number[] = [];
    const noise: number[] = [];
    let noiseFree = 0;
    for (const side of SIDES) {
      for (const j of ['hip', 'knee', 'ankle', 'heel', 'toe'] as const) {
        for (const axis of ['x', 'y'] as const) {
          const a = gapFilled[side][j][axis];
          const runs = finiteRuns(a).filter(([s, e]) => e - s >= Math.max(16, fps));
          const longest = runs.sort((p, q) => q[1] - q[0] - (p[1] - p[0]))[0];
          if (!longest) continue;
          const r = residualAnalysis(a.subarray(longest[0], longest[1]), fps);
          noise.push(r.noiseRms);
          if (r.cutoffHz === null) noiseFree++;
          else cutoffs.push(r.cutoffHz);
        }
      }
    }
    const med = (xs: number[]): number => [...xs].sort((p, q) => p - q)[xs.length >> 1] as number;
    noiseRmsPx = noise.length ? med(noise) : null;
    if (cutoffs.length === 0 || noiseFree > cutoffs.length) {
      choice = 'noise-free';
    } else {
      cutoffHz = Math.min(top, Math.max(Math.min(CUTOFF_FLOOR_HZ, top), med(cutoffs)));
      choice = 'residual-analysis';
    }
  }

  const out: Record<'left' | 'right', Record<Joint, Track>> = {
    left: {} as Record<Joint, Track>,
    right: {} as Record<Joint, Track>,
  };
  for (const side of SIDES) {
    for (const j of JOINTS) {
      const tr = gapFilled[side][j];
      out[side][j] =
        cutoffHz === null
          ? tr
          : { x: filterRuns(tr.x, cutoffHz, fps), y: filterRuns(tr.y, cutoffHz, fps), v: tr.v };
    }
  }
  return {
    body: out,
    unfiltered: gapFilled,
    report: {
      method: 'butterworth-zero-lag-4th-order',
      cutoffHz,
      choice,
      noiseRmsPx,
      filledPoints: filled,
      missingPoints: missing,
    },
  };
}

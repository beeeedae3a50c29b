/**
 * The dominant period of a (conditioned) gait signal from its autocorrelation: the first clear peak
 * after lag zero [the usual autocorrelation cadence estimate, e.g. Moe-Nilssen & Helbostad 2004,
 * "Estimation of gait cycle characteristics by trunk accelerometry", J Biomech 37:121–126].
 * Used to (1) tell whether a clip is periodic, so the report can say "one stride away" when two
 * alignments score alike, and (2) propose a time-scale candidate when one clip runs slower than the
 * other (slow motion): the same step period measured in both clips gives their clock ratio.
 */
import { parabolicRefine, pearsonAtLag } from './xcorr';

export interface Period {
  readonly periodS: number;
  /** Autocorrelation at that lag, 0..1: how periodic the signal is. */
  readonly strength: number;
}

/** Autocorrelation peak in [minS, maxS]; null when the signal has no clear period (strength < 0.5). */
export function dominantPeriod(
  values: readonly number[],
  sampleHz: number,
  minS = 0.2,
  maxS = 2.5,
): Period | null {
  const lo = Math.max(1, Math.round(minS * sampleHz));
  const hi = Math.min(Math.floor(values.length / 2), Math.round(maxS * sampleHz));
  if (hi <= lo + 1) return null;
  const r: number[] = [];
  for (let lag = lo - 1; lag <= hi + 1; lag++) r.push(pearsonAtLag(values, values, lag).r);
  for (let k = 1; k < r.length - 1; k++) {
    const v = r[k] as number;
    if (!(v >= 0.5) || !(v >= (r[k - 1] as number)) || !(v > (r[k + 1] as number))) continue;
    return { periodS: (lo - 1 + k + parabolicRefine(r, k).delta) / sampleHz, strength: v };
  }
  return null;
}

/** Frame rates cameras capture at, and rates slow-motion clips are written at (fps). */
const CAPTURE_FPS = [24, 25, 30, 48, 50, 60, 90, 100, 120, 240, 480];
const PLAYBACK_FPS = [24, 25, 30, 60];

/**
 * Clock-ratio candidates near a measured step-period ratio: the ratio itself and every
 * playback/capture ratio of common slow-motion settings within 3% of it (a 240 fps capture written as
 * a 30 fps file runs 8 times slow; the measured ratio is only as good as the period estimate).
 */
export function timeScaleCandidates(measured: number): number[] {
  const out = [measured];
  for (const c of CAPTURE_FPS)
    for (const p of PLAYBACK_FPS)
      for (const r of [p / c, c / p])
        if (Math.abs(r / measured - 1) < 0.03 && !out.some((o) => Math.abs(o - r) < 1e-9)) out.push(r);
  return out;
}

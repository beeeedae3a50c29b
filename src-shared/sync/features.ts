/**
 * From a landmark series to the signals that are cross-correlated: every SYNC_LANDMARK, resampled
 * onto the common time grid, low-passed (zero lag), differentiated, in each FAMILY (channels.ts).
 */
import type { LandmarkName, LandmarkSeries } from '../pose/landmarks';
import { FAMILIES, readTracks, resample, type FamilyName } from './channels';
import { derivative, detrend, fillGaps, lowPass, snrOf } from './filter';

/** Keypoint jitter is removed above this; the timing of gait events lives below it [Winter §3.4]. */
export const LOW_PASS_HZ = 6;
/** The slow family's band: below the step frequency of walking (~1.8 Hz) and running (~2.8 Hz). */
export const SLOW_HZ = 0.8;

export interface FeatureChannel {
  readonly family: FamilyName;
  readonly landmark: LandmarkName;
  /** On the grid; NaN where the landmark was missing. */
  readonly values: number[];
  /** Motion over jitter of the underlying position (filter.ts snrOf). */
  readonly snr: number;
  /** Fraction of grid samples with data. */
  readonly coverage: number;
}

export interface Features {
  readonly count: number;
  readonly channels: FeatureChannel[];
  /** Mid-hip image y on the grid (gap-filled, low-passed): the body's bounce, for the step period. */
  readonly pelvisY: number[];
}

export function nominalFps(s: LandmarkSeries): number {
  if (s.source.fps > 0) return s.source.fps;
  const dt = s.frames
    .slice(1)
    .map((f, i) => f.t - (s.frames[i] as { t: number }).t)
    .sort((a, b) => a - b);
  const med = dt[Math.floor(dt.length / 2)];
  return med && med > 0 ? 1 / med : 30;
}

export function lastTime(s: LandmarkSeries): number {
  return s.frames[s.frames.length - 1]?.t ?? 0;
}

export function buildFeatures(series: LandmarkSeries, sampleHz: number, timeScale: number): Features {
  const count = Math.floor(lastTime(series) * timeScale * sampleHz + 1e-9) + 1;
  // Bridge up to ~3 missing frames (a brief dropout) but never invent a longer stretch.
  const maxGapS = Math.max(0.1, 3.5 / nominalFps(series)) * timeScale;
  const channels: FeatureChannel[] = [];
  const hips: number[][] = [];
  for (const track of readTracks(series)) {
    const rx = resample(track.t, track.x, sampleHz, count, timeScale, maxGapS);
    const ry = resample(track.t, track.y, sampleHz, count, timeScale, maxGapS);
    const valid = ry.filter((v) => !Number.isNaN(v)).length;
    const coverage = valid / Math.max(1, count);
    const sx = lowPass(fillGaps(rx), LOW_PASS_HZ, sampleHz);
    const sy = lowPass(fillGaps(ry), LOW_PASS_HZ, sampleHz);
    if (track.name === 'leftHip' || track.name === 'rightHip') hips.push(sy);
    const vx = derivative(sx, sampleHz);
    const vy = derivative(sy, sampleHz);
    const mask = (v: number, i: number): number => (Number.isNaN(ry[i] as number) ? NaN : v);
    const snrY = snrOf(ry, sy);
    const snrXY = Math.max(snrY, snrOf(rx, sx));
    const slow = lowPass(detrend(sy), SLOW_HZ, sampleHz);
    for (const family of FAMILIES) {
      const values =
        family === 'vertical-velocity'
          ? vy.map(mask)
          : family === 'speed'
            ? vx.map((v, i) => mask(Math.hypot(v, vy[i] as number), i))
            : slow.map(mask);
      channels.push({
        family,
        landmark: track.name,
        values,
        snr: family === 'speed' ? snrXY : snrY,
        coverage,
      });
    }
  }
  const pelvisY = (hips[0] ?? []).map((v, i) => (v + (hips[1]?.[i] ?? v)) / 2);
  return { count, channels, pelvisY };
}

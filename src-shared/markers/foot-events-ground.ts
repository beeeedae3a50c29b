/**
 * A point of the foot on the belt (docs/markers.md, "Marker events"): its stance level and where it
 * lands on it and lifts off it, from its image height frame by frame. Used for the heel marker and
 * for the forefoot point (foot-events-pivot.ts) alike.
 */
import { median } from '../stats';
import type { MarkerPoint, MarkerTrack } from './types';

/** A position to use: anything but a lost point. */
export const usablePoint = (p: MarkerPoint | undefined): p is MarkerPoint => !!p && p.state !== 'lost';
/** Detected in the image, or placed by the PT: a measured position (not coasted, not placed by its segment). */
export const seenState = (p: MarkerPoint | undefined): boolean =>
  !!p && (p.state === 'detected' || p.state === 'hand');

/** A point's stance level: the image height it keeps on the belt, and how steady that is. */
export interface StanceLevel {
  /** Image y of the level, pixels (y down). */
  readonly levelPx: number;
  /** SD of the per-stance levels (median height of each grounded run), pixels; null below 2 stances. */
  readonly stanceSdPx: number | null;
  readonly stances: number;
}

/** A point's height series (image y, NaN where unusable) and whether each frame was seen. */
export interface PointSeries {
  readonly y: Float64Array;
  readonly seen: Uint8Array;
  readonly confidence: Float64Array;
}

export interface Crossing {
  readonly frameF: number;
  /** Frames the crossing was read from. */
  readonly from: number;
  readonly to: number;
}

export interface Crossings {
  readonly level: StanceLevel;
  readonly landings: Crossing[];
  readonly lifts: Crossing[];
}

/** Image y grows downward: the stance level is among the largest values (heel-contact.ts). */
export function stanceLevelOf(y: Float64Array): { level: number; range: number } | null {
  const finite = Array.from(y)
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  if (finite.length < 10) return null;
  const level = finite[Math.floor(0.9 * (finite.length - 1))]!;
  return { level, range: level - finite[0]! };
}

const sd = (xs: readonly number[]): number | null => {
  if (xs.length < 2) return null;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

/**
 * Where a point lands on and lifts off its stance level. In swing once clearly off the ground (a
 * quarter of its vertical range, as heel-contact.ts); on the ground within `band` of the level; a
 * grounded run of fewer than two frames is noise, not a stance.
 */
export function groundCrossings(y: Float64Array, band: number): Crossings | null {
  const lv = stanceLevelOf(y);
  if (!lv || lv.range < 4 * band) return null;
  const { level, range } = lv;
  const on = (v: number): boolean => v >= level - band;
  const landings: Crossing[] = [];
  const lifts: Crossing[] = [];
  const stanceLevels: number[] = [];
  let airborne = false;
  let run: number[] | null = null;
  for (let i = 1; i < y.length; i++) {
    const a = y[i - 1]!;
    const b = y[i]!;
    if (!Number.isFinite(b)) {
      run = null;
      continue;
    }
    if (b < level - 0.25 * range) airborne = true;
    if (Number.isFinite(a) && airborne && on(b) && !on(a)) {
      airborne = false;
      // Where the descent reaches the middle of the band, between i−1 and i (a little past i when it
      // stops short of it). A heel that strikes the belt at speed is in the band within a fraction of
      // a pixel of first touch; one that sets down softly (the synthetic runner's, whose foot lands
      // with no vertical speed) first enters it well before: the middle halves the worse of the two
      // errors (on the synthetic runner's true markers, mean error +0.2 to +0.4 frame at 30 fps, −0.4
      // to 0 at 120 fps; to the level itself +0.4 to +0.5 at 30 fps, up to 0.96 frame late).
      const f = b > a ? Math.min(1.5, Math.max(0, (level - band / 2 - a) / (b - a))) : 1;
      landings.push({ frameF: i - 1 + f, from: i - 1, to: i });
      run = [b];
      continue;
    }
    if (run && on(b)) {
      run.push(b);
      continue;
    }
    // A stance cut by the clip's start, or seen again after a gap (its landing not seen): on the
    // ground without a landing, so its lift can still be read.
    const fresh = landings.length === 0 && lifts.length === 0 && !airborne;
    if (!run && on(b) && (fresh || !Number.isFinite(a))) {
      run = [b];
      airborne = false;
      continue;
    }
    if (run && Number.isFinite(a) && on(a) && !on(b)) {
      if (run.length >= 2) {
        stanceLevels.push(median(run));
        // The first two frames of rise, extended back to the level (not later than the frame that
        // clears the band, not before the last frame on it). A foot rolling off the belt leaves it
        // slowly, so this is still late by a few ms (synthetic runner: +0.1 to +0.5 frame at 30 and
        // 60 fps, +0.8 to +1.3 at 120 fps); extending by the square root of the height (a rise from
        // rest) put it a frame early at every rate, so the rise is not that either.
        const c = y[i + 1];
        const h1 = level - b;
        const h2 = c !== undefined && Number.isFinite(c) ? level - c : NaN;
        const ha = level - a;
        const back = h2 > h1 ? i - h1 / (h2 - h1) : i - 1 + Math.max(0, -ha) / (h1 - ha);
        lifts.push({ frameF: Math.min(i, Math.max(i - 1, back)), from: i - 1, to: h2 > h1 ? i + 1 : i });
      }
    }
    run = null;
  }
  const stanceSd = sd(stanceLevels);
  return {
    level: { levelPx: level, stanceSdPx: stanceSd, stances: stanceLevels.length },
    landings,
    lifts,
  };
}

/** A track's image heights (NaN where lost), whether each point was seen, and its confidence. */
export function pointSeries(track: MarkerTrack): PointSeries {
  const n = track.points.length;
  const y = new Float64Array(n).fill(NaN);
  const seen = new Uint8Array(n);
  const confidence = new Float64Array(n);
  track.points.forEach((p, i) => {
    if (!usablePoint(p)) return;
    y[i] = p.y;
    seen[i] = seenState(p) ? 1 : 0;
    confidence[i] = p.confidence;
  });
  return { y, seen, confidence };
}

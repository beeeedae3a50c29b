/**
 * The local search of marker tracking (track.ts; docs/markers.md, "Tracking"): a marker's state, the
 * gate around its prediction, and the blobs a window around it holds at a threshold set by the
 * marker's own expected contrast, so a motion-blurred marker dimmer than the still ones is found.
 */
import { detectAtThresholds } from './detect';
import type { Candidate } from './track-reacquire';
import type { Segments } from './track-segments';
import { median } from '../stats';
import type { Blob, DetectionOptions, MarkerImage, MarkerSeed } from './types';

export interface State {
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** Frames since the last detection (0 = detected this frame). */
  coast: number;
  lost: boolean;
  radius: number;
  contrast: number;
  /** Frames since the seed: the velocity is unknown at first, so the gate starts wide. */
  age: number;
  /** Where it was last detected. */
  seenX: number;
  seenY: number;
  /** Its height on the seed frame (a chain's length). */
  seedY: number;
  /** Roundness of its blob on the seed frame (a still marker: a disc on the pixel grid, ~0.95). */
  roundness0: number;
  /** Its mean level (grey, or closeness to the picked colour), learnt from its round views. */
  level: number;
  /**
   * Length of its streak as a fraction of its frame-to-frame travel (the shutter time over the frame
   * interval), learnt from its own blobs (`learnBlur`); 1 until seen moving: the longest possible.
   */
  blur: number;
  /**
   * The largest recent error of its constant-velocity prediction, px (decaying by 10% a frame): how
   * hard this marker changes speed. A foot reverses from swing to the belt's speed at contact (on
   * the synthetic runner at 60 fps by up to 20 px in one frame) while a pelvis marker barely turns.
   */
  jolt: number;
  /**
   * Held by two fixed lengths to other named markers (track-segments.ts: a knee between trochanter
   * and malleolus, a foot marker): only then may its gate widen for a hard change of speed.
   */
  rigid: boolean;
  /**
   * Rear view: a leg member that came close to another member, or went unseen, while the leg was
   * folded (track-legs.ts): it may have taken its neighbour's blob, so it is tracked but not reported
   * until the leg is upright again and the order along it names the blobs.
   */
  doubt?: boolean;
  /** While lost: the blobs on its circle followed as candidates for it (track-reacquire.ts). */
  candidates?: Candidate[] | undefined;
  /**
   * Frames since it was taken up again after being lost (undefined once its confidence is whole
   * again): a point just after a loss is reported with a confidence that starts low (track.ts).
   */
  regained?: number | undefined;
}

export interface TrackerConfig {
  readonly detection: DetectionOptions;
  /** Groups of marker indices that keep their order in image height, top first (protocol.ts TOP_TO_BOTTOM). */
  readonly chains?: readonly (readonly number[])[];
  /**
   * Rear view: each leg with all four markers named, as [shank upper, shank lower, heel-counter
   * upper, heel-counter lower]: in order from top to bottom while the shank is upright (track-legs.ts).
   */
  readonly legs?: readonly (readonly number[])[];
  /** Per leg, the longest top-to-bottom span of its four markers seen so far, px (track-legs.ts). */
  legSpans?: number[];
  readonly gatePx?: number;
  readonly maxCoastFrames: number;
  /** Segment lengths among the named markers (track-segments.ts), set on the seed frame. */
  segments?: Segments | undefined;
}

/** Expected axis ratio of a disc of radius r smeared over L pixels (box shutter): its second moments. */
export function streakRatio(r: number, len: number): number {
  return Math.sqrt((r * r) / 4 / ((r * r) / 4 + (len * len) / 12));
}

export function gateOf(s: State, cfg: TrackerConfig): number {
  const base = cfg.gatePx ?? Math.max(12, 6 * s.radius);
  const speed = Math.hypot(s.vx, s.vy);
  // Room for a hard change of speed, and on the first steps after the seed (no velocity yet) for a
  // fast one, only where two fixed lengths check the blob taken (track-segments.ts): a foot
  // reverses at contact by up to 20 px a frame at 60 fps, and a swing foot at 30 fps moves 60 px a
  // frame, more than the other markers' gates allow; a wrong blob within that room rarely keeps
  // the foot's three lengths. A pair (the pelvis) gets none: on the sample treadmill run its drawn
  // markers jitter by up to 40 px, and the room made the tracking 1.7x slower for nothing.
  let g = base + 0.6 * speed + (s.rigid ? Math.min(3 * base, s.jolt) : 0);
  if (s.age < 2) g += (s.rigid ? 7 : 2) * base;
  if (s.coast > 0) g *= 1 + 0.3 * Math.min(s.coast, cfg.maxCoastFrames);
  if (s.lost) g *= 2;
  return g;
}

/** Candidate blobs for one marker: a local search around its prediction. */
export function localBlobs(
  frame: MarkerImage,
  s: State,
  px: number,
  py: number,
  gate: number,
  cfg: TrackerConfig,
): Blob[] {
  const speed = Math.hypot(s.vx, s.vy);
  const d = cfg.detection;
  const minRound = Math.min(d.minRoundness ?? 0.5, 0.7 * streakRatio(s.radius, speed));
  const area = Math.PI * s.radius * s.radius;
  const half = gate + 3 * s.radius;
  const opts = {
    ...d,
    minRoundness: minRound,
    minAreaPx: Math.min(d.minAreaPx ?? 4, Math.max(2, 0.3 * area)),
    maxAreaPx: Math.max(d.maxAreaPx ?? 2000, 3 * (area + 2 * s.radius * speed)),
    region: { x: px - half, y: py - half, width: 2 * half, height: 2 * half },
  };
  const rungs = detectAtThresholds(frame, opts, (_, median) => thresholdLadder(s, median, d.appearance.kind));
  // One view of each place: the one most like the marker (a marker grown into what it touches at
  // the lower thresholds is less round and too big; its core at the higher ones is itself).
  const out: Blob[] = [];
  for (const rung of rungs)
    for (const b of rung) {
      if (b.contrast < minContrast(s)) continue;
      const k = out.findIndex((o) => Math.hypot(o.x - b.x, o.y - b.y) < Math.max(1, o.radiusPx, b.radiusPx));
      if (k < 0) out.push(b);
      else if (appearanceCost(s, b) < appearanceCost(s, out[k]!)) out[k] = b;
    }
  return out;
}

/**
 * Grey levels the local search cuts at. The lowest: half the expected (blurred) contrast above the
 * window's median for bright markers, so a smeared marker dimmer than the still ones is found; any
 * closeness for a colour. Then four more up to just under the marker's own level: a white marker on
 * light clothing is one component with the clothing at the lowest (on the sample treadmill run the
 * PSIS disc at 255, a sweatshirt at 130-215 beside it and a window median of 60 made one blob of
 * 3000 px) and a disc of its own higher up. A global threshold, or one set from the window's
 * median alone, cannot cut both a dim streak and a disc on a bright surround.
 */
export function thresholdLadder(s: State, median: number, kind: 'bright' | 'colour'): number[] {
  const base = kind === 'bright' ? median + Math.max(10, 0.5 * expectedContrast(s)) : 0;
  const top = s.level - 0.1 * s.contrast;
  if (top < base + 12) return [base];
  return [0, 1, 2, 3, 4].map((k) => base + (k / 4) * (top - base));
}

/**
 * How unlike the marker a blob looks, added to the assignment cost (0 for a blob of the marker's own
 * size and shape). The marker's size is known from the seed and a streak of length L (its speed)
 * adds about 2rL pixels; a round marker's blob is as round as a disc smeared over L (`streakRatio`).
 * Without this term, a patch of light clothing next to the marker's path (roundness 0.5, several
 * hundred pixels) and a 4-pixel glint cost only their distance: on the sample treadmill run both
 * were taken over the marker 20 px further away. Scale: a blob of twice or half the area costs 0.07,
 * a tenth of it 0.8; a roundness 0.4 below the expected one costs 0.4 (a miss costs 1.5).
 */
export function appearanceCost(s: State, b: Blob): number {
  const len = s.blur * Math.hypot(s.vx, s.vy);
  const area = Math.PI * s.radius * s.radius + 2 * s.radius * len;
  const size = 0.15 * Math.log(b.areaPx / area) ** 2;
  const shape = Math.max(0, s.roundness0 * streakRatio(s.radius, len) - 0.05 - b.roundness);
  return size + shape;
}

/**
 * Learns the marker's blur from a blob it was given: the streak length that the blob's roundness
 * (relative to the still marker's) implies by `streakRatio`, over the distance moved. A marker filmed
 * with a short shutter stays round however fast it moves, so a long streak is not to be expected of
 * it (a 1/250 s shutter at 60 fps: 0.24; at 30 fps: 0.12). Only frames with a travel of 3 px or more
 * tell anything; a running mean with weight 0.2.
 */
export function learnBlur(s: State, b: Blob, travel: number): void {
  if (travel < 3) return;
  const rho = Math.max(0.2, Math.min(1, b.roundness / Math.max(0.5, s.roundness0)));
  const len = Math.sqrt(3 * s.radius * s.radius * (1 / (rho * rho) - 1));
  s.blur = 0.8 * s.blur + 0.2 * Math.min(1, len / travel);
}

/**
 * The least contrast a blob may have to be this marker: a streak of length L spreads the disc's light
 * over 2r + L pixels, so the expected contrast falls by 2r / (2r + L); the shutter is unknown, so L is
 * bounded by the frame-to-frame speed.
 */
export function expectedContrast(s: State): number {
  const speed = Math.hypot(s.vx, s.vy);
  return (s.contrast * 2 * s.radius) / (2 * s.radius + speed);
}
/**
 * The contrast expected of its blob given the streak it was seen to leave (its learnt blur times its
 * speed), for judging how dim a blob is: `expectedContrast` bounds the streak by the whole travel
 * (the shutter unknown), which a search threshold needs, but which lets a faint smear pass for a
 * marker filmed with a short shutter.
 */
export function streakContrast(s: State): number {
  const len = s.blur * Math.hypot(s.vx, s.vy);
  return (s.contrast * 2 * s.radius) / (2 * s.radius + len);
}
export function minContrast(s: State): number {
  return Math.max(12, 0.3 * expectedContrast(s));
}

/**
 * Pools blobs found in several windows: one per place (within the larger radius). Of two views of
 * one place (two windows cut at different levels) the one most like one of the markers is kept
 * (`appearanceCost`), so a marker's clean disc is not replaced by its view merged with the
 * clothing it touches from a window cut lower; equally like (within 0.02): the larger, whose
 * centroid is the fuller.
 */
export function pool(lists: Blob[][], states: readonly State[]): Blob[] {
  const score = (b: Blob): number => Math.min(...states.map((s) => appearanceCost(s, b)));
  const out: { b: Blob; score: number }[] = [];
  for (const list of lists)
    for (const b of list) {
      const k = out.findIndex(
        ({ b: o }) => Math.hypot(o.x - b.x, o.y - b.y) < Math.max(1, o.radiusPx, b.radiusPx),
      );
      const sc = score(b);
      if (k < 0) out.push({ b, score: sc });
      else {
        const o = out[k]!;
        if (sc < o.score - 0.02 || (sc <= o.score + 0.02 && b.areaPx > o.b.areaPx)) out[k] = { b, score: sc };
      }
    }
  return out.map((o) => o.b);
}

/** The blob the PT clicked: the nearest within its reach. */
function seedBlob(seed: MarkerSeed, blobs: readonly Blob[]): Blob | undefined {
  let best: Blob | undefined;
  let bestD = Infinity;
  for (const b of blobs) {
    const d = Math.hypot(b.x - seed.x, b.y - seed.y);
    if (d < bestD && d <= Math.max(10, 4 * b.radiusPx)) {
      bestD = d;
      best = b;
    }
  }
  return best;
}

/**
 * The markers' states on the seed frame. Two markers named on one blob touch there (a rear leg
 * folded on the frame the PT picks: its heel counter's lower and shank's upper marker 7 px apart
 * on the synthetic runner, one blob or two as the noise falls), and the blob's centroid, size and
 * shape are the pair's, not either marker's. Such a marker starts at the click, with the median
 * size, shape, contrast and level of the markers named on blobs of their own (a protocol's markers
 * are one size). Taking the merged blob's radius (4.6 px for 3.2) made the fold search
 * (track-fold-obs.ts) leave that leg's merged blobs unsplit all clip long (docs/markers.md, "Where
 * the rear legs' misses are").
 */
export function seedStates(seeds: readonly MarkerSeed[], blobs: readonly Blob[]): State[] {
  const picked = seeds.map((s) => seedBlob(s, blobs));
  const shared = picked.map((b) => b !== undefined && picked.filter((q) => q === b).length > 1);
  const alone = picked.filter((b, i): b is Blob => b !== undefined && !shared[i]);
  return seeds.map((s, i) => {
    if (!shared[i] || alone.length === 0) return stateAtSeed(s, blobs);
    const mid = (f: (b: Blob) => number): number => median(alone.map(f));
    return {
      ...stateAtSeed(s, []),
      radius: mid((b) => b.radiusPx),
      contrast: mid((b) => b.contrast),
      roundness0: mid((b) => b.roundness),
      level: mid((b) => b.level),
    };
  });
}

/** A marker's state on its seed frame: the blob the PT clicked (within its reach), else the click. */
export function stateAtSeed(seed: MarkerSeed, blobs: readonly Blob[]): State {
  const best = seedBlob(seed, blobs);
  return {
    x: best?.x ?? seed.x,
    y: best?.y ?? seed.y,
    vx: 0,
    vy: 0,
    coast: 0,
    lost: false,
    radius: best?.radiusPx ?? 3,
    contrast: best?.contrast ?? 60,
    age: 0,
    seenX: best?.x ?? seed.x,
    seenY: best?.y ?? seed.y,
    seedY: best?.y ?? seed.y,
    roundness0: best?.roundness ?? 0.9,
    level: best?.level ?? 255,
    blur: 1,
    jolt: 0,
    rigid: false,
  };
}

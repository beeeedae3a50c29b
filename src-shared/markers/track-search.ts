/**
 * The local search of marker tracking (track.ts; docs/markers.md, "Tracking"): a marker's state, the
 * gate around its prediction, and the blobs a window around it holds at a threshold set by the
 * marker's own expected contrast, so a motion-blurred marker dimmer than the still ones is found.
 */
import { detectBlobs } from './detect';
import type { Blob, DetectionOptions, MarkerImage } from './types';

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
}

export interface TrackerConfig {
  readonly detection: DetectionOptions;
  /** Groups of marker indices that keep their order in image height, top first (protocol.ts TOP_TO_BOTTOM). */
  readonly chains?: readonly (readonly number[])[];
  readonly gatePx?: number;
  readonly maxCoastFrames: number;
}

/** Expected axis ratio of a disc of radius r smeared over L pixels (box shutter): its second moments. */
export function streakRatio(r: number, len: number): number {
  return Math.sqrt((r * r) / 4 / ((r * r) / 4 + (len * len) / 12));
}

export function gateOf(s: State, cfg: TrackerConfig): number {
  const base = cfg.gatePx ?? Math.max(12, 6 * s.radius);
  const speed = Math.hypot(s.vx, s.vy);
  let g = base + 0.6 * speed;
  if (s.age < 2) g += 2 * base;
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
  // Bright markers: threshold half the expected contrast above the window's median, so a dim
  // (blurred) marker is found even beside a brighter one. A colour keeps its distance threshold.
  const appearance =
    d.appearance.kind === 'bright'
      ? { kind: 'bright' as const, threshold: { aboveBackground: Math.max(10, 0.5 * expectedContrast(s)) } }
      : d.appearance;
  return detectBlobs(frame, {
    ...d,
    appearance,
    minRoundness: minRound,
    minAreaPx: Math.min(d.minAreaPx ?? 4, Math.max(2, 0.3 * area)),
    maxAreaPx: Math.max(d.maxAreaPx ?? 2000, 3 * (area + 2 * s.radius * speed)),
    region: { x: px - half, y: py - half, width: 2 * half, height: 2 * half },
  }).filter((b) => b.contrast >= minContrast(s));
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
export function minContrast(s: State): number {
  return Math.max(12, 0.3 * expectedContrast(s));
}

/** Pools blobs found in several windows: the same blob seen twice (within 0.5 px) counts once. */
export function pool(lists: Blob[][]): Blob[] {
  // The same blob found in two windows (different local thresholds) differs by a fraction of its
  // radius: one per place, the larger (its threshold was the lower, its centroid the fuller).
  const out: Blob[] = [];
  for (const list of lists)
    for (const b of list) {
      const k = out.findIndex((o) => Math.hypot(o.x - b.x, o.y - b.y) < Math.max(1, o.radiusPx, b.radiusPx));
      if (k < 0) out.push(b);
      else if (b.areaPx > out[k]!.areaPx) out[k] = b;
    }
  return out;
}

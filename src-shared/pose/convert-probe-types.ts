/**
 * What the conversion probe (src-renderer/src/pose-engine/convert-probe.ts, in Chromium) reports to
 * the bench and tests in Node (scripts/bench/pose-convert.ts): pure types, readable on both sides.
 */
import type { ColorSpaceLike } from './yuv-scale';

/** Per-channel difference of two RGBA images of one size (alpha left out). */
export interface PixelDiff {
  /** Largest |a − b| per channel R, G, B. */
  readonly max: [number, number, number];
  /** Sum of |a − b| per channel, and over how many pixels. */
  readonly sum: [number, number, number];
  readonly pixels: number;
  /** How many channel values differ by 0, 1, 2, 3, and more than 3. */
  readonly histogram: [number, number, number, number, number];
}

/** A clip's frames through both routes (reduce-frame.ts). */
export interface ClipComparison {
  readonly frames: number;
  readonly factor: number;
  readonly width: number;
  readonly height: number;
  /** The decoder's frames: format and colour space as Chromium reports them (first frame). */
  readonly format: string | null;
  readonly colorSpace: ColorSpaceLike & {
    readonly primaries?: string | null;
    readonly transfer?: string | null;
  };
  /** Frames the planar route took (at k = 1 none: the RGBA route only, as before). */
  readonly planarFrames: number;
  /** Milliseconds per frame in each route, the two alternating first and second frame by frame. */
  readonly rgbaMs: number;
  readonly planarMs: number;
  readonly diff: PixelDiff;
  /**
   * With the bound checked (tests): the largest amount by which a channel of a reduced pixel differs
   * from the old route beyond yuv-scale.ts's bound 1.5 + e + d (≤ 0: every pixel within it), and how
   * many channel values had a clamping term d > 0.
   */
  readonly beyondBound?: number;
  readonly clamped?: number;
}

/** A made-up I420 frame through Chromium's RGBA copy and both routes. */
export interface SyntheticResult {
  /** Chromium's RGBA copy of the whole frame. */
  readonly rgba: number[];
  /** The frame reduced by 2 through each route (null: the planar route declined the frame). */
  readonly reducedRgba: number[];
  readonly reducedPlanar: number[] | null;
  readonly colorSpace: ClipComparison['colorSpace'];
}

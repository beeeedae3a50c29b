/**
 * The second pose pass on the runner's region (docs/pose-engine.md, "Second pass on the runner's
 * region"). MediaPipe's person detector sees the whole frame letterboxed to 224x224 (BlazePose,
 * Bazarevsky et al. 2020, arXiv:2006.10204, §3): a runner 443 px tall in a 1920x1080 frame is ~52 px
 * there, and once VIDEO mode's tracking loses him the detector often does not find him again
 * (measured: 225 of 360 frames). Handing the landmarker a fixed crop around him makes him ~3× larger
 * to the detector; one crop for the whole clip keeps VIDEO mode's frame-to-frame tracking valid.
 * Where the first pass finds him upright too rarely to place that crop, it is placed from every pose's
 * box, and a pass that still misses him often is followed by one on his own region
 * (docs/pose-engine.md, "A runner too small for the first pass").
 * Pure: a pass's boxes in, the next pass's crop and the decision out.
 */

/** A rectangle of the clip's upright frame, in whole pixels. */
export interface CropRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A pose's bounding box in pixels (the shape of track.ts `Box`). */
export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Tunables, with why. */
export const RUNNER_CROP = {
  /**
   * A second pass only when the first found the runner in fewer than this share of the clip's
   * frames: the sample clip's runner (590 px of 1280) is found in all of them, the same runner small
   * in a landscape frame in 62%; a clip found in 90% loses a few strides' frames at most.
   */
  secondPassBelow: 0.9,
  /**
   * ...and only when the crop makes him at least this much larger to the detector (the frame's long
   * side over the crop's, since both are letterboxed into the same square): below that the detector
   * sees him hardly larger and the pass would cost a whole run for little.
   */
  minGain: 1.5,
  /** Frames of him the crop is built from, at least: fewer say too little about where he runs. */
  minFrames: 10,
  /**
   * The union is taken between these quantiles of the boxes' edges, not min and max: a landmark
   * thrown onto the background on a frame or two (up to 290 px on the sample clip's proxy) would
   * otherwise widen the crop for the whole clip.
   */
  quantile: 0.02,
  /**
   * Margin on each side, as a share of his median box height: the landmark box stops at the eyes
   * and the heels and toes' markers, the detector wants the head and a little context, and a runner
   * drifts on the belt between the frames the quantiles keep.
   */
  margin: 0.25,
  /**
   * Passes over the clip, the first included, at most: each costs a whole run; a third, on the
   * runner's own region, follows one placed from every pose's box (`crowdCrop`).
   */
  maxPasses: 3,
} as const;

/** The q-quantile of `values` (sorted copy, nearest rank). */
function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
}

/** The largest even integer not above `v`. */
const even = (v: number): number => 2 * Math.floor(v / 2);

/**
 * The fixed crop around the runner: the union of his boxes between the 2% and 98% quantiles of each
 * edge, widened by the margin, clamped to the frame, its edges on even pixels (4:2:0 frames carry
 * colour per 2x2 block, and `VideoFrame.copyTo` refuses a rect that splits one). Null with too few
 * boxes.
 */
export function runnerCrop(boxes: readonly PixelBox[], width: number, height: number): CropRect | null {
  if (boxes.length < RUNNER_CROP.minFrames || width < 2 || height < 2) return null;
  const q = RUNNER_CROP.quantile;
  const margin =
    RUNNER_CROP.margin *
    quantile(
      boxes.map((b) => b.y1 - b.y0),
      0.5,
    );
  // One edge of the union: its quantile, moved out by the margin, onto even pixels, inside the frame.
  const edge = (of: (b: PixelBox) => number, at: number, out: -1 | 1, size: number): number => {
    const v = quantile(boxes.map(of), at) + out * margin;
    const onEven = out < 0 ? even(v) : 2 * Math.ceil(v / 2);
    return Math.min(even(size), Math.max(0, onEven));
  };
  const x0 = edge((b) => b.x0, q, -1, width);
  const y0 = edge((b) => b.y0, q, -1, height);
  const x1 = edge((b) => b.x1, 1 - q, 1, width);
  const y1 = edge((b) => b.y1, 1 - q, 1, height);
  if (x1 - x0 < 2 || y1 - y0 < 2) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The crop where the runner was found upright too rarely to place one on him: every pose the pass
 * returned lies on him or across him (a skeleton spread over his legs is still on his legs), so the
 * median of their boxes' centres is on him, while their sizes say nothing of his. In a landscape frame
 * he stands within its height, so a square of the frame's height centred there holds him whole
 * wherever on that centre he is, and is the frame's width over its height smaller to the detector
 * (1.78 for 16:9). In a portrait frame that square is not sure to hold him; the crop is then the whole
 * frame, which no pass takes (`minGain`). Null with fewer boxes than `minFrames`.
 */
export function crowdCrop(boxes: readonly PixelBox[], width: number, height: number): CropRect | null {
  if (boxes.length < RUNNER_CROP.minFrames || width < 2 || height < 2) return null;
  const side = even(Math.min(width, height));
  const centre = quantile(
    boxes.map((b) => (b.x0 + b.x1) / 2),
    0.5,
  );
  const x = Math.min(even(width) - side, Math.max(0, even(centre - side / 2)));
  return { x, y: 0, width: side, height: even(height) };
}

/** What a pass gave, as the next pass's decision needs it. */
export interface PassBoxes {
  /** Frames where the pass found the runner (upright), and frames in all. */
  readonly found: number;
  readonly total: number;
  /** His boxes in those frames, in pixels of the whole frame. */
  readonly runner: readonly PixelBox[];
  /** Every pose's box in every frame, upright or not. */
  readonly all: readonly PixelBox[];
  /** The region the pass looked at; null for the whole frame. */
  readonly region: CropRect | null;
}

/**
 * The crop for the next pass, or null where `pass` is kept without one: a pass that found the runner
 * in fewer than `secondPassBelow` of the frames is followed by one on his region (`runnerCrop`), or,
 * where he was found too rarely to place it, on every pose's (`crowdCrop`), when that crop makes him at
 * least `minGain` larger to the detector than the region the pass looked at (both are letterboxed into
 * the same square, so the gain is the ratio of their long sides). `width` x `height`: the frame.
 */
export function nextPassCrop(pass: PassBoxes, width: number, height: number): CropRect | null {
  if (pass.total === 0 || pass.found >= RUNNER_CROP.secondPassBelow * pass.total) return null;
  const crop = runnerCrop(pass.runner, width, height) ?? crowdCrop(pass.all, width, height);
  if (!crop) return null;
  const seen = pass.region ?? { width, height };
  const gain = Math.max(seen.width, seen.height) / Math.max(crop.width, crop.height);
  return gain >= RUNNER_CROP.minGain ? crop : null;
}

/** Why `crop` cannot be cut from a `width` x `height` frame, or null when it can. */
export function cropProblem(crop: CropRect, width: number, height: number): string | null {
  const { x, y, width: w, height: h } = crop;
  if (![x, y, w, h].every(Number.isInteger)) return 'the crop is not in whole pixels';
  if (x % 2 || y % 2 || w % 2 || h % 2) return 'the crop is not on even pixels';
  if (x < 0 || y < 0 || w < 2 || h < 2 || x + w > width || y + h > height)
    return `the crop ${w}x${h} at ${x},${y} is not inside the ${width}x${height} frame`;
  return null;
}

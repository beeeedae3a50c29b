/**
 * The frame the pose landmarker is handed: the clip's frame reduced by a whole factor, not the
 * decoder's full 1080x1920. Pure (runs in the engine's decode worker and in tests).
 *
 * Why a smaller frame keeps the landmarks: MediaPipe Pose never looks at the full frame. Its person
 * detector sees the whole frame letterboxed to 224x224, and its landmark model sees the region
 * around the person resized to 256x256 (BlazePose, Bazarevsky et al. 2020, "BlazePose: On-device
 * Real-time Body Pose tracking", arXiv:2006.10204, §3; the model cards' input sizes). A runner
 * 1,200 px tall in a 1080x1920 frame is shrunk ~4.7× inside the model; halving the frame first
 * leaves the model ~2.3× to shrink. Measured on the labelled clip upscaled to 1080x1920, the
 * reduced frames gave contacts as the original 720p clip does and full-size frames a frame early;
 * CPU per frame was the same either way on a machine without a GPU. The landmark differences
 * against full resolution on the real clips, per body region, are in docs/pose-engine.md
 * ("Input resolution"); `POSE_INPUT_LONG_SIDE` is the size chosen from them.
 */

/**
 * Long side (px) of the frame handed to the landmarker: each frame is reduced by the largest whole
 * factor that keeps its long side at least this long (1080x1920 → 540x960, 2160x3840 → 540x960;
 * 720x1280 and 1280x720 are handed over whole). Chosen from the measurement in docs/pose-engine.md
 * ("Input resolution"): halving a 720x1280 clip (to 360x640) moved its contacts a frame early on the
 * hand-labelled clip, which an imperceptible re-encode does not.
 */
export const POSE_INPUT_LONG_SIDE = 960;

/**
 * The whole reduction factor for a frame: the largest k with max(w, h) / k ≥ longSide (1 when the
 * frame is already that small, or when no reduction is asked for).
 */
export function inputFactor(width: number, height: number, longSide: number | undefined): number {
  if (!longSide || longSide <= 0) return 1;
  // k² × 255 must fit the 16-bit lanes of boxDownscale's accumulator: k ≤ 16.
  return Math.max(1, Math.min(16, Math.floor(Math.max(width, height) / longSide)));
}

/** The reduced frame's size: whole k×k blocks only (a partial block at the right or bottom edge is dropped). */
export function inputSize(width: number, height: number, k: number): { width: number; height: number } {
  return { width: Math.floor(width / k), height: Math.floor(height / k) };
}

/**
 * Area average (box filter) of each k×k block of an RGBA frame: the anti-aliased reduction for a
 * whole factor (each source pixel counts once, no moiré from skipped pixels). Works on 32-bit
 * pixels of a little-endian machine (every target of Chromium and Electron): red and blue are summed
 * together in the two 16-bit lanes of one integer, green in another, so a pixel costs two adds.
 * Alpha is set opaque (the decoder's frames are).
 *
 * `src`: width × height pixels; `dst`: inputSize(width, height, k) pixels; `acc`: scratch of at
 * least 2 × the reduced width (passed in so a caller reuses it frame after frame).
 */
export function boxDownscale(
  src: Uint32Array,
  width: number,
  height: number,
  k: number,
  dst: Uint32Array,
  acc: Uint32Array,
): void {
  const { width: outW, height: outH } = inputSize(width, height, k);
  if (dst.length < outW * outH || acc.length < outW * 2)
    throw new RangeError('boxDownscale: buffer too small');
  const n = k * k;
  const half = n >> 1;
  for (let oy = 0; oy < outH; oy++) {
    acc.fill(0, 0, outW * 2);
    for (let ky = 0; ky < k; ky++) {
      let i = (oy * k + ky) * width;
      for (let a = 0; a < outW * 2; a += 2) {
        let rb = 0;
        let g = 0;
        for (let kx = 0; kx < k; kx++, i++) {
          const p = src[i]!;
          rb += p & 0xff00ff;
          g += p & 0xff00;
        }
        acc[a] = acc[a]! + rb;
        acc[a + 1] = acc[a + 1]! + g;
      }
    }
    let o = oy * outW;
    for (let a = 0; a < outW * 2; a += 2, o++) {
      const rb = acc[a]!;
      const r = (((rb & 0xffff) + half) / n) | 0;
      const b = (((rb >>> 16) + half) / n) | 0;
      const g = (((acc[a + 1]! >>> 8) + half) / n) | 0;
      dst[o] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
    }
  }
}

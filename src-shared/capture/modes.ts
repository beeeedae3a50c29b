/**
 * Which picture size and frame rate to ask a camera for. `getCapabilities()` gives ranges (largest
 * width, largest height, highest rate), not the modes the camera really pairs: a USB webcam often
 * does 1920×1080 at 30 fps but 60 fps only at 1280×720. So we offer the usual modes inside the
 * ranges, pick the best one, ask for it as `ideal` constraints, and judge what `getSettings()`
 * reports afterwards (the truth).
 *
 * Frame rate before resolution: running at 3 steps/s, the contact phase lasts about 0.2–0.3 s, so
 * at 30 fps initial contact falls up to 33 ms between frames. Souza (2016, "An evidence-based
 * videotaped running biomechanics analysis", Phys Med Rehabil Clin N Am 27:217–236) recommends at
 * least 60 frames per second for 2D running analysis; below that we warn.
 */
import { hertz, pixels, type Hertz, type Pixels } from '../units';

export const MIN_CLINICAL_FPS: Hertz = hertz(60);

/** The subset of MediaTrackCapabilities we use, as plain data (src-shared has no DOM types). */
export interface RangeCapability {
  readonly min?: number;
  readonly max?: number;
}
export interface CameraCapabilities {
  readonly width?: RangeCapability;
  readonly height?: RangeCapability;
  readonly frameRate?: RangeCapability;
}

export interface CaptureMode {
  readonly width: Pixels;
  readonly height: Pixels;
  readonly fps: Hertz;
}

/** Common camera picture sizes, largest first (UVC webcams, phones used as webcams). */
export const STANDARD_SIZES: readonly (readonly [number, number])[] = [
  [3840, 2160],
  [2560, 1440],
  [1920, 1080],
  [1280, 720],
  [960, 540],
  [800, 600],
  [640, 480],
  [640, 360],
  [320, 240],
];

/** Common camera frame rates, highest first. */
export const STANDARD_RATES: readonly number[] = [240, 120, 100, 90, 60, 50, 30, 25, 24, 20, 15];

const within = (value: number, range: RangeCapability | undefined): boolean =>
  (range?.min === undefined || value >= range.min) && (range?.max === undefined || value <= range.max);

/** Sizes the camera's ranges allow, largest first; the camera's own maximum leads if it is not a standard size. */
export function sizesFor(caps: CameraCapabilities): { width: Pixels; height: Pixels }[] {
  const out: { width: Pixels; height: Pixels }[] = [];
  // No ranges at all: we cannot tell what the camera does, so we offer nothing rather than guess.
  if (!caps.width && !caps.height) return out;
  const maxW = caps.width?.max;
  const maxH = caps.height?.max;
  if (maxW !== undefined && maxH !== undefined && !STANDARD_SIZES.some(([w, h]) => w === maxW && h === maxH))
    out.push({ width: pixels(maxW), height: pixels(maxH) });
  for (const [w, h] of STANDARD_SIZES)
    if (within(w, caps.width) && within(h, caps.height)) out.push({ width: pixels(w), height: pixels(h) });
  return out.sort((a, b) => b.width * b.height - a.width * a.height);
}

/** Rates the camera's range allows, highest first; its maximum leads if it is not a standard rate. */
export function ratesFor(caps: CameraCapabilities): Hertz[] {
  if (!caps.frameRate) return [];
  const max = caps.frameRate.max;
  const rates = STANDARD_RATES.filter((r) => within(r, caps.frameRate));
  if (max !== undefined && max > 0 && !rates.includes(max)) rates.unshift(Math.round(max * 100) / 100);
  return rates.sort((a, b) => b - a).map(hertz);
}

/**
 * The largest picture asked for by default. The pose model looks at 256×256 pixels, so 4K adds
 * disk and CPU but no precision; and browsers pick the camera mode nearest to BOTH size and rate,
 * so asking a 4K webcam for 3840×2160 at 60 gets 4K at 30 rather than 1080p at 60. The PT can
 * still choose a larger size.
 */
export const DEFAULT_MAX_PIXELS = 1920 * 1088; // 1080p, either way up (1088: its coded height)

/**
 * The best mode to ask for: the highest frame rate the camera offers, then the largest picture up
 * to DEFAULT_MAX_PIXELS. A
 * camera that reports no ranges at all (some drivers) gets 1280×720 at 60, as an `ideal` only.
 */
export function bestMode(caps: CameraCapabilities): CaptureMode {
  const sizes = sizesFor(caps);
  const size = sizes.find((s) => s.width * s.height <= DEFAULT_MAX_PIXELS) ??
    sizes[sizes.length - 1] ?? { width: pixels(1280), height: pixels(720) };
  const fps = ratesFor(caps)[0] ?? MIN_CLINICAL_FPS;
  return { width: size.width, height: size.height, fps };
}

/** A plain-words warning when the rate the camera really delivers is too low for running, else undefined. */
export function frameRateWarning(actualFps: number): string | undefined {
  if (!(actualFps > 0)) return 'The camera does not say its frame rate; check it records at least 60 fps.';
  if (actualFps + 0.5 >= MIN_CLINICAL_FPS) return undefined;
  return `${formatFps(actualFps)} fps is below the ${MIN_CLINICAL_FPS} fps needed to time initial contact in running; choose a faster mode or a faster camera if you can.`;
}

export function formatFps(fps: number): string {
  return Number.isInteger(fps) ? String(fps) : fps.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

export function describeMode(mode: CaptureMode): string {
  return `${mode.width}×${mode.height} at ${formatFps(mode.fps)} fps`;
}

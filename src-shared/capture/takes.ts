/**
 * Takes: names, numbering and how many frames a take should hold. Pure, shared by the capture page
 * (what to expect) and the capture service (what to check).
 */
import type { Hertz, Seconds } from '../units';

/** "flat · take 2": what the PT sees in lists and replay. */
export function takeName(conditionLabel: string, number: number): string {
  return `${conditionLabel.trim()} · take ${number}`;
}

/** The next take number for a condition: one more than the highest so far (discarded takes keep their number). */
export function nextTakeNumber(existing: readonly number[]): number {
  return existing.reduce((max, n) => Math.max(max, n), 0) + 1;
}

/**
 * The clip's file name as the PT would know it: date, condition, view, take. Only letters, digits,
 * dots, dashes and underscores, so it is valid on every file system the library may be copied to.
 */
export function takeFileName(
  date: string,
  conditionLabel: string,
  view: string,
  number: number,
  extension: string,
): string {
  const safe = (s: string): string =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'take';
  return `${safe(date)}_${safe(conditionLabel)}_${safe(view)}_take${number}.${extension.replace(/^\./, '')}`;
}

/** Frames a camera running at `fps` delivers in `duration` seconds (the recorder keeps every one). */
export function expectedFrames(duration: Seconds, fps: Hertz): number {
  return Math.round(duration * fps);
}

/** Frames may differ by a couple: the recorder starts and stops between two camera frames. */
export const FRAME_COUNT_TOLERANCE = 2;

export function frameCountMatches(
  actual: number,
  expected: number,
  tolerance: number = FRAME_COUNT_TOLERANCE,
): boolean {
  return Math.abs(actual - expected) <= tolerance;
}

/** "0:07.4": the running take timer (minutes:seconds.tenths). */
export function formatTakeTime(elapsed: Seconds): string {
  const tenths = Math.max(0, Math.floor(elapsed * 10));
  const minutes = Math.floor(tenths / 600);
  const rest = tenths - minutes * 600;
  const secs = Math.floor(rest / 10);
  return `${minutes}:${String(secs).padStart(2, '0')}.${rest % 10}`;
}

/**
 * A camera's reported rate (getSettings().frameRate, a float) as the exact fraction a video file
 * uses: whole rates as n/1, NTSC rates (29.97, 59.94…) as n·1000/1001, anything else in 1/1000.
 */
export function rateFraction(fps: number): { num: number; den: number } {
  if (Math.abs(fps - Math.round(fps)) < 0.005) return { num: Math.round(fps), den: 1 };
  const ntsc = (fps * 1001) / 1000;
  if (Math.abs(ntsc - Math.round(ntsc)) < 0.005) return { num: Math.round(ntsc) * 1000, den: 1001 };
  return { num: Math.round(fps * 1000), den: 1000 };
}

/**
 * Frames lost between the camera and the file: the encoder could not keep up (a slow or busy
 * computer, too large a picture). Undefined when nothing worth telling was lost.
 */
export function lostFramesWarning(
  view: string,
  delivered: number | undefined,
  recorded: number | undefined,
): string | undefined {
  if (delivered === undefined || recorded === undefined) return undefined;
  const lost = delivered - recorded;
  if (lost <= FRAME_COUNT_TOLERANCE) return undefined;
  return `The ${view} camera sent ${delivered} frames but only ${recorded} were recorded: the computer could not keep up. Choose a smaller picture size or close other programs, then record again.`;
}

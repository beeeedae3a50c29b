/**
 * A clip's progress when pose reads it in parts (the steady window first, then the frames before it:
 * src-main/services/pose/input.ts; docs/pose-engine.md, "A clip read in two parts").
 *
 * Each part reports as one run (src-main/services/pose/run.ts): `framesDone` its earlier passes'
 * frames plus this pass's, `totalFrames` its earlier passes' frames plus the whole clip's count
 * (the container's, whatever range the part reads). For the first part read that is the clip's
 * work: this pass's frames and those of the parts still to come. A later part's clip count holds
 * the frames the parts before it already read, so it is counted once, as done: frames done over
 * frames to do, every pass adding its frames to both. Without this the frames before the window
 * restarted the count (180 of 240 after the window's three passes, then 60 of 120).
 */

/** What the parts read before this one did. */
export interface PartsBefore {
  /** Frames detected over all their passes. */
  readonly framesDone: number;
  /** Frames of the clip they cover (one pass's). */
  readonly clipFrames: number;
}

export const NO_PARTS_BEFORE: PartsBefore = { framesDone: 0, clipFrames: 0 };

/**
 * The clip's frames done and to do from a part's report. The total is at least the frames done: the
 * container's count is a hint (run.ts), and the frame at a part's start may be read by both parts.
 */
export function clipProgress(
  before: PartsBefore,
  part: { readonly framesDone: number; readonly totalFrames: number },
): { framesDone: number; totalFrames: number } {
  const framesDone = before.framesDone + part.framesDone;
  const totalFrames = Math.max(framesDone, before.framesDone + part.totalFrames - before.clipFrames);
  return { framesDone, totalFrames };
}

/**
 * Hand correction from the keyboard (workflow.md: "every action reachable without the mouse"): the
 * PT chooses a point on the frame on screen (`.` `,` walk through the editable landmarks), moves it
 * pixel by pixel (Alt+arrows, Shift for ten) and saves it (Enter) as the same correction a drag makes.
 * Until saved, the move is a draft on this frame only; Escape drops it. Pure state, as playhead.ts.
 */
import type { LandmarkFrame, LandmarkName } from '../pose/landmarks';
import { imagePoint, type ImagePoint } from '../units';
import { EDITABLE_LANDMARKS } from './overlay-tables';
import { landmarkOf } from './scene';

export interface PointDraft {
  readonly recordingId: string;
  readonly frame: number;
  readonly landmark: LandmarkName;
  /** Where the point is now: the series' own (corrections applied) until moved. */
  readonly at: ImagePoint;
  /** Moved since chosen or last saved: Enter has something to save. */
  readonly moved: boolean;
}

/** Does the draft belong to this clip and frame? (Stepping to another frame leaves it behind.) */
export const draftOn = (d: PointDraft | null, recordingId: string, frame: number): PointDraft | null =>
  d && d.recordingId === recordingId && d.frame === frame ? d : null;

/**
 * The next (dir 1) or previous (dir −1) editable landmark the frame has, after the current one;
 * from nothing, the first (or last). Undefined when the frame has no pose.
 */
export function choosePoint(
  frame: LandmarkFrame | undefined,
  recordingId: string,
  current: PointDraft | null,
  dir: 1 | -1,
): PointDraft | null {
  const present = EDITABLE_LANDMARKS.filter((name) => landmarkOf(frame, name));
  if (!frame || present.length === 0) return null;
  const from = current && current.frame === frame.index ? present.indexOf(current.landmark) : -1;
  const i = from < 0 ? (dir > 0 ? 0 : present.length - 1) : (from + dir + present.length) % present.length;
  const landmark = present[i]!;
  return { recordingId, frame: frame.index, landmark, at: landmarkOf(frame, landmark)!.at, moved: false };
}

/** Move the chosen point by (dx, dy) video pixels, kept inside the picture. */
export function nudgePoint(
  d: PointDraft,
  dx: number,
  dy: number,
  size: { readonly width: number; readonly height: number },
): PointDraft {
  const clamp = (v: number, max: number): number => Math.min(max, Math.max(0, v));
  return {
    ...d,
    at: imagePoint(clamp(d.at.x + dx, size.width), clamp(d.at.y + dy, size.height)),
    moved: true,
  };
}

/** Escape: the point back where the series has it (the move is dropped, the choice kept). */
export function revertPoint(d: PointDraft, frame: LandmarkFrame | undefined): PointDraft {
  const p = landmarkOf(frame, d.landmark);
  return { ...d, at: p?.at ?? d.at, moved: false };
}

/** "left knee" for "leftKnee": the clinic's words in messages. */
export const pointWords = (name: LandmarkName): string => name.replace(/([A-Z])/g, ' $1').toLowerCase();

/**
 * Key frames the PT marks in the review for the report ("left initial contact", "right midstance"),
 * with the overlays that were on when marked, so the report draws the picture the PT chose.
 */
export type KeyFrameEvent = 'IC' | 'MS' | 'TO';

export interface KeyFrameOverlays {
  readonly skeleton: boolean;
  readonly angles: boolean;
  readonly trunk: boolean;
  readonly tibia: boolean;
  readonly pelvis: boolean;
}

export interface KeyFrameMark {
  readonly id: string;
  readonly sessionId: string;
  readonly recordingId: string;
  /** Frame index of the clip (proxy frame = source frame), and its true time from the timestamp table. */
  readonly frame: number;
  readonly t: number;
  readonly label: string;
  readonly event?: KeyFrameEvent;
  readonly side?: 'left' | 'right';
  readonly overlays: KeyFrameOverlays;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const EVENT_WORDS: Record<KeyFrameEvent, string> = { IC: 'initial contact', MS: 'midstance', TO: 'toe-off' };

/** The clinic's words for a key frame: "Left initial contact". */
export function keyFrameLabel(event: KeyFrameEvent | undefined, side: 'left' | 'right' | undefined): string {
  if (!event) return 'Key frame';
  const words = EVENT_WORDS[event];
  return side ? `${side === 'left' ? 'Left' : 'Right'} ${words}` : words[0]!.toUpperCase() + words.slice(1);
}

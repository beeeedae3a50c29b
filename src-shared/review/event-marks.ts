/**
 * The PT's event corrections as they are made in the review (issue 20 item 3): "initial contact
 * here" / "toe-off here" for a foot on the frame on screen, and "delete the event on this frame".
 * Each turns into one edit appended to the clip's list (src-shared/gait/event-edits.ts applies the
 * list in order after detection), so the list is also the audit of what the PT did.
 *
 * "Here" is a move when the same event of that foot is within the edit reach (3 frames, the gait
 * engine's EDIT_REACH_FRAMES: the PT nudges a contact read a frame or two early), otherwise an add
 * (the detector missed it). The events given are those on screen, i.e. with the earlier edits
 * already applied, so a second nudge moves the already-moved event.
 */
import { EDIT_REACH_FRAMES, type EditableEventKind, type EventEdit } from '../gait/event-edits';
import type { GaitFlag } from '../gait/schema';
import type { Foot } from './navigation';
import type { FrameEvent } from './analyse';

export interface MarkResult {
  /** The whole list after the mark (unchanged when there was nothing to do). */
  readonly edits: readonly EventEdit[];
  /** What happened, in the clinic's words. */
  readonly said: string;
  readonly changed: boolean;
}

const KIND_WORDS: Record<EditableEventKind, string> = {
  'initial-contact': 'initial contact',
  'toe-off': 'toe-off',
};
const footWord = (f: Foot): string => (f === 'left' ? 'Left' : 'Right');

/** Put the foot's initial contact (or toe-off) on `frame`: move the nearby one, or add one. */
export function markEventHere(
  edits: readonly EventEdit[],
  events: readonly FrameEvent[],
  kind: EditableEventKind,
  side: Foot,
  frame: number,
): MarkResult {
  const what = `${footWord(side)} ${KIND_WORDS[kind]}`;
  let near: FrameEvent | undefined;
  for (const e of events) {
    if (e.kind !== kind || e.foot !== side) continue;
    const d = Math.abs(e.frame - frame);
    if (d <= EDIT_REACH_FRAMES && (!near || d < Math.abs(near.frame - frame))) near = e;
  }
  if (near?.frame === frame) return { edits, said: `${what} is already on frame ${frame}.`, changed: false };
  if (near)
    return {
      edits: [...edits, { op: 'move', kind, side, from: near.frame, to: frame }],
      said: `${what} moved from frame ${near.frame} to ${frame}.`,
      changed: true,
    };
  return {
    edits: [...edits, { op: 'add', kind, side, frame }],
    said: `${what} added on frame ${frame}.`,
    changed: true,
  };
}

/** Delete the initial contacts and toe-offs on `frame` (usually one; midstance follows from them). */
export function deleteEventsAt(
  edits: readonly EventEdit[],
  events: readonly FrameEvent[],
  frame: number,
): MarkResult {
  const here = events.filter(
    (e): e is FrameEvent & { kind: EditableEventKind } =>
      e.frame === frame && (e.kind === 'initial-contact' || e.kind === 'toe-off'),
  );
  if (!here.length)
    return {
      edits,
      said: `No initial contact or toe-off on frame ${frame} to delete.`,
      changed: false,
    };
  return {
    edits: [...edits, ...here.map((e) => ({ op: 'delete' as const, kind: e.kind, side: e.foot, frame }))],
    said: `Deleted: ${here.map((e) => `${footWord(e.foot).toLowerCase()} ${KIND_WORDS[e.kind]}`).join(', ')} on frame ${frame}.`,
    changed: true,
  };
}

/**
 * What the events panel says beside the frame on screen: the warning about an impossible sequence
 * on this frame (event-sequence.ts, so the PT sees it at once after the edit), else the warning
 * about the corrections as a whole (one that no longer applies). The quality list shows them all.
 */
export function eventNoteAt(flags: readonly GaitFlag[] | undefined, frame: number): string | undefined {
  const warnings = (flags ?? []).filter((f) => f.code === 'events-corrected' && f.severity !== 'info');
  return (
    warnings.find((f) => f.values?.frame === frame)?.message ??
    warnings.find((f) => f.values?.frame === undefined)?.message
  );
}

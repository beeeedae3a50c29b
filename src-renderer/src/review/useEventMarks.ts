/**
 * The event-correction keys and buttons on the active player's frame (issue 20 item 3): each turns
 * into the clip's whole new list of corrections (src-shared/review/event-marks.ts), saved as one
 * undoable step of the review's history (useReviewDoc), after which the worker re-analyses the clip.
 */
import { useCallback } from 'react';
import type { FrameEvent } from '../../../src-shared/review/analyse';
import { deleteEventsAt, markEventHere } from '../../../src-shared/review/event-marks';
import type { ReviewAction } from '../../../src-shared/review/keymap';
import type { ReviewDoc } from './useReviewDoc';

type EventAction = Extract<ReviewAction, { type: 'mark-event' | 'delete-event' }>;

export function useEventMarks(
  doc: ReviewDoc,
  recordingId: string,
  /** The active clip's events as analysed now (earlier corrections applied); undefined before the first analysis. */
  events: readonly FrameEvent[] | undefined,
  frame: number,
): (a: EventAction) => Promise<string> {
  return useCallback(
    async (a: EventAction): Promise<string> => {
      if (!events) return 'Wait for the gait analysis of this clip before correcting its events.';
      let said = '';
      // On the latest saved list (a second key press may come before the first is saved).
      await doc.editEvents(recordingId, (edits) => {
        const r =
          a.type === 'mark-event'
            ? markEventHere(edits, events, a.kind, a.side, frame)
            : deleteEventsAt(edits, events, frame);
        said = r.said;
        return r.changed ? r.edits : undefined;
      });
      return said;
    },
    [doc, recordingId, events, frame],
  );
}

import type { EventEditInput } from '../../../src-shared/contract/review';
import type { DataLayer } from '../../data';

/** The PT's corrections of gait events (table event_edits, src-main/data/event-edits.ts). */
export function listEventEdits(data: DataLayer, recordingId: string): Promise<EventEditInput[]> {
  return data.eventEdits.get(recordingId);
}

/** Replace the recording's edits (an empty list removes the row: the detector's events come back). */
export function saveEventEdits(
  data: DataLayer,
  recordingId: string,
  edits: readonly EventEditInput[],
): Promise<void> {
  return data.eventEdits.put(recordingId, edits, new Date().toISOString());
}

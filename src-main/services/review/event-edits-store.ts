import type Database from 'better-sqlite3';
import { EventEditSchema, type EventEditInput } from '../../../src-shared/contract/review';

/**
 * The only SQL on `event_edits` (migration 0008). The stored JSON is parsed here, once, against the
 * contract's schema: an edit that no longer parses (a library from a later version) is dropped rather
 * than crashing the analysis.
 */
export function listEventEdits(db: Database.Database, recordingId: string): EventEditInput[] {
  const row = db.prepare(`SELECT edits_json FROM event_edits WHERE recording_id = ?`).get(recordingId) as
    { edits_json: string } | undefined;
  if (!row) return [];
  const raw = JSON.parse(row.edits_json) as unknown[];
  return raw.flatMap((e) => {
    const parsed = EventEditSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Replace the recording's edits (an empty list removes the row: the detector's events come back). */
export function saveEventEdits(
  db: Database.Database,
  recordingId: string,
  edits: readonly EventEditInput[],
): void {
  if (edits.length === 0) {
    db.prepare(`DELETE FROM event_edits WHERE recording_id = ?`).run(recordingId);
    return;
  }
  db.prepare(
    `INSERT INTO event_edits (recording_id, edits_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (recording_id) DO UPDATE SET edits_json = excluded.edits_json, updated_at = excluded.updated_at`,
  ).run(recordingId, JSON.stringify(edits), new Date().toISOString());
}

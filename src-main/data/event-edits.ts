import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EventEditSchema, type EventEditInput } from '../../src-shared/contract/review';
import { parseJson } from './parse';
import type { Database } from './schema';

/**
 * The `event_edits` table (migration 0008): the PT's corrections of gait events, the whole ordered list
 * per recording. Parsed against the contract's schema: an edit that no longer parses (a library from a
 * later version) is dropped rather than crashing the analysis.
 */
export interface EventEditsRepo {
  get(recordingId: string): Promise<EventEditInput[]>;
  /** Replace the list; an empty list removes the row (the detector's events come back). */
  put(recordingId: string, edits: readonly EventEditInput[], at: string): Promise<void>;
}

const List = z.array(z.unknown());

export function eventEditsRepo(db: Kysely<Database>): EventEditsRepo {
  return {
    async get(recordingId) {
      const row = await db
        .selectFrom('event_edits')
        .select('edits_json')
        .where('recording_id', '=', recordingId)
        .executeTakeFirst();
      if (!row) return [];
      return parseJson(List, row.edits_json, `the event corrections of recording ${recordingId}`).flatMap(
        (e) => {
          const parsed = EventEditSchema.safeParse(e);
          return parsed.success ? [parsed.data] : [];
        },
      );
    },
    async put(recordingId, edits, at) {
      if (edits.length === 0) {
        await db.deleteFrom('event_edits').where('recording_id', '=', recordingId).execute();
        return;
      }
      const values = { edits_json: JSON.stringify(edits), updated_at: at };
      await db
        .insertInto('event_edits')
        .values({ recording_id: recordingId, ...values })
        .onConflict((oc) => oc.column('recording_id').doUpdateSet(values))
        .execute();
    },
  };
}

import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * The capture tables (migration 0004: `capture_takes`, `capture_clips`). So far the read the sync
 * service needs; the takes' own reads and writes (services/capture/takes-db.ts) move here next.
 */
export interface CaptureRepo {
  /**
   * When two recordings were recorded together (the two views of one take): each clip's start
   * relative to the take's shared start, in ms, or undefined.
   */
  startOffsetsMs(recordingAId: string, recordingBId: string): Promise<{ a: number; b: number } | undefined>;
}

export function captureRepo(db: Kysely<Database>): CaptureRepo {
  return {
    async startOffsetsMs(aId, bId) {
      const row = await db
        .selectFrom('capture_clips as a')
        .innerJoin('capture_clips as b', 'a.take_id', 'b.take_id')
        .select(['a.start_offset_ms as a', 'b.start_offset_ms as b'])
        .where('a.recording_id', '=', aId)
        .where('b.recording_id', '=', bId)
        .where('a.start_offset_ms', 'is not', null)
        .where('b.start_offset_ms', 'is not', null)
        .executeTakeFirst();
      return row && row.a !== null && row.b !== null ? { a: row.a, b: row.b } : undefined;
    },
  };
}

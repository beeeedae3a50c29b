import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { SearchWindow, StoredEstimate, SyncRecord } from '../../src-shared/contract/sync';
import { parseJson, parseWord } from './parse';
import type { Database, RecordingSyncTable } from './schema';

/** The rest of the estimate, read whole from `details_json`. */
export type SyncDetails = Omit<
  StoredEstimate,
  'offsetS' | 'offsetFramesA' | 'confidence' | 'level' | 'estimatedAt'
>;

/** A pair of recordings in the order the caller asks about them. */
export interface SyncPair {
  readonly sessionId: string;
  readonly a: string;
  readonly b: string;
}

/** An automatic estimate as it is stored: the offset in use starts as the estimate itself. */
export interface NewEstimate {
  readonly offsetS: number;
  readonly timeScale: number;
  readonly fpsA: number;
  readonly confidence: number;
  readonly level: StoredEstimate['level'];
  readonly details: SyncDetails;
}

/**
 * The two-view alignments (`recording_sync`, migration 0006): one row per pair of recordings, in
 * whichever order it was first stored. The replacing writes are several statements: call them
 * inside `data.transaction` (services/sync/store.ts does).
 */
export interface SyncRepo {
  /** The stored row of a pair, in either order; `flipped` when stored as (b, a). */
  pair(a: string, b: string): Promise<{ record: SyncRecord; flipped: boolean } | undefined>;
  /** A session's pairs whose clips are both out of the trash, oldest first. */
  pairsOfSession(sessionId: string): Promise<SyncRecord[]>;
  /** Store a fresh estimate for (a, b), replacing the pair's row in either order (its creation kept). */
  putEstimate(pair: SyncPair, e: NewEstimate, at: string): Promise<void>;
  /** A pair never estimated, set by hand: offset in seconds of A. */
  insertManual(pair: SyncPair, offsetS: number, fpsA: number, at: string): Promise<void>;
  /** Set the offset in use by hand on the row stored as (a, b). */
  setManual(
    storedA: string,
    storedB: string,
    offsetS: number,
    nudgeFrames: number,
    at: string,
  ): Promise<void>;
}

export function syncRepo(db: Kysely<Database>): SyncRepo {
  const eitherOrder = (a: string, b: string) =>
    db
      .selectFrom('recording_sync')
      .where((eb) =>
        eb.or([
          eb.and([eb('recording_a_id', '=', a), eb('recording_b_id', '=', b)]),
          eb.and([eb('recording_a_id', '=', b), eb('recording_b_id', '=', a)]),
        ]),
      );
  return {
    async pair(a, b) {
      const row = await eitherOrder(a, b).selectAll().executeTakeFirst();
      return row && { record: toRecord(row), flipped: row.recording_a_id !== a };
    },
    async pairsOfSession(sessionId) {
      const rows = await db
        .selectFrom('recording_sync as s')
        .innerJoin('recordings as a', 'a.id', 's.recording_a_id')
        .innerJoin('recordings as b', 'b.id', 's.recording_b_id')
        .selectAll('s')
        .where('s.session_id', '=', sessionId)
        .where('a.deleted_at', 'is', null)
        .where('b.deleted_at', 'is', null)
        .orderBy('s.created_at')
        .execute();
      return rows.map(toRecord);
    },
    async putEstimate(pair, e, at) {
      const old = await eitherOrder(pair.a, pair.b).select('created_at').executeTakeFirst();
      await db
        .deleteFrom('recording_sync')
        .where((eb) =>
          eb.or([
            eb.and([eb('recording_a_id', '=', pair.a), eb('recording_b_id', '=', pair.b)]),
            eb.and([eb('recording_a_id', '=', pair.b), eb('recording_b_id', '=', pair.a)]),
          ]),
        )
        .execute();
      await db
        .insertInto('recording_sync')
        .values({
          session_id: pair.sessionId,
          recording_a_id: pair.a,
          recording_b_id: pair.b,
          offset_s: e.offsetS,
          time_scale: e.timeScale,
          fps_a: e.fpsA,
          manual: 0,
          nudge_frames: 0,
          estimated_offset_s: e.offsetS,
          confidence: e.confidence,
          level: e.level,
          details_json: JSON.stringify(e.details),
          estimated_at: at,
          created_at: old?.created_at ?? at,
          updated_at: at,
        })
        .execute();
    },
    async insertManual(pair, offsetS, fpsA, at) {
      await db
        .insertInto('recording_sync')
        .values({
          session_id: pair.sessionId,
          recording_a_id: pair.a,
          recording_b_id: pair.b,
          offset_s: offsetS,
          time_scale: 1,
          fps_a: fpsA,
          manual: 1,
          nudge_frames: 0,
          details_json: '{}',
          created_at: at,
          updated_at: at,
        })
        .execute();
    },
    async setManual(storedA, storedB, offsetS, nudgeFrames, at) {
      await db
        .updateTable('recording_sync')
        .set({ offset_s: offsetS, manual: 1, nudge_frames: nudgeFrames, updated_at: at })
        .where('recording_a_id', '=', storedA)
        .where('recording_b_id', '=', storedB)
        .execute();
    },
  };
}

const Alternative = z.object({ offsetS: z.number(), offsetFramesA: z.number(), score: z.number() });
const Window = z.object({
  minS: z.number(),
  maxS: z.number(),
  from: z.enum(['request', 'capture']),
}) satisfies z.ZodType<SearchWindow>;
/** Lists and flags an earlier version may not have written read as empty, as they always did. */
const DetailsSchema = z.object({
  timeScale: z.number(),
  peak: z.number(),
  runnerUp: Alternative.nullable().default(null),
  alternatives: z.array(Alternative).default([]),
  labelsSwapped: z.boolean().default(false),
  periodS: z.number().nullable().default(null),
  overlapS: z.number(),
  warnings: z.array(z.string()).default([]),
  window: Window.nullable().default(null),
}) satisfies z.ZodType<SyncDetails>;

function toRecord(r: Selectable<RecordingSyncTable>): SyncRecord {
  const what = `the alignment of recordings ${r.recording_a_id} and ${r.recording_b_id}`;
  let estimate: StoredEstimate | null = null;
  if (r.estimated_offset_s !== null && r.confidence !== null && r.level !== null && r.estimated_at !== null) {
    estimate = {
      ...parseJson(DetailsSchema, r.details_json, what),
      offsetS: r.estimated_offset_s,
      offsetFramesA: r.estimated_offset_s * r.fps_a,
      confidence: r.confidence,
      level: parseWord(['high', 'medium', 'low'] as const, r.level, what),
      estimatedAt: r.estimated_at,
    };
  }
  return {
    sessionId: r.session_id,
    recordingAId: r.recording_a_id,
    recordingBId: r.recording_b_id,
    offsetS: r.offset_s,
    offsetFramesA: r.offset_s * r.fps_a,
    timeScale: r.time_scale,
    fpsA: r.fps_a,
    manual: r.manual === 1,
    nudgeFrames: r.nudge_frames,
    estimate,
    updatedAt: r.updated_at,
  };
}

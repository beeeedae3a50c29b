import { sql, type Insertable, type Kysely } from 'kysely';
import { z } from 'zod';
import { VIEWS, type ClipProbe, type Condition, type Recording } from '../../src-shared/contract/recordings';
import { isPostgres } from './dialect';
import { parseJson, parseWord } from './parse';
import type { Database, RecordingsTable } from './schema';

/** The files of a recording, relative to the library's media folder. */
export type MediaKind = 'original' | 'proxy' | 'thumb' | 'timestamps';

/** A recording as stored: the domain record plus what only main needs (its files, its frame count). */
export interface StoredRecording extends Recording {
  readonly frameCount: number;
  readonly paths: Readonly<Record<MediaKind, string>>;
}

export type NewRecording = Insertable<RecordingsTable>;

/** The `recordings` table (migration 0002). */
export interface RecordingsRepo {
  /** The recording, in the trash or not. */
  get(id: string): Promise<StoredRecording | undefined>;
  /** A session's recordings not in the trash, by view, condition, then age. */
  listForSession(sessionId: string): Promise<StoredRecording[]>;
  /** A session's recordings not in the trash, oldest first. */
  listForSessionByAge(sessionId: string): Promise<StoredRecording[]>;
  /** A clip with these bytes already in the session (not in the trash). */
  findBySha(sessionId: string, sha256: string): Promise<StoredRecording | undefined>;
  /** Whether a row (even in the trash) names this folder of media/ (media/purge.ts). */
  exists(id: string, sessionId: string): Promise<boolean>;
  insert(row: NewRecording): Promise<void>;
  /**
   * Insert the row unless a clip with its bytes is already in its session (not in the trash), and
   * return that clip instead: the duplicate check and the insert as one step. Call it inside
   * `data.transaction`. Two imports of one file at once each checked before either row was written
   * and both went in. On PostgreSQL (several workstations, each its own transaction) the check
   * waits for a lock on the session's clips held to the end of the transaction
   * (`pg_advisory_xact_lock`), so the second sees the first's row once that commits; on SQLite the
   * transaction holds the library's one connection, which one process owns (the library lock).
   */
  insertUnlessSame(row: NewRecording): Promise<StoredRecording | undefined>;
  update(
    id: string,
    change: { view: string; condition: Condition; trimStart: number; trimEnd: number },
    at: string,
  ): Promise<void>;
  setDeleted(id: string, deletedAt: string | null): Promise<boolean>;
  purge(id: string): Promise<boolean>;
}

export function recordingsRepo(db: Kysely<Database>): RecordingsRepo {
  const all = () => db.selectFrom('recordings').selectAll();
  return {
    async get(id) {
      const row = await all().where('id', '=', id).executeTakeFirst();
      return row && toRecording(row);
    },
    async listForSession(sessionId) {
      const rows = await all()
        .where('session_id', '=', sessionId)
        .where('deleted_at', 'is', null)
        .orderBy('view')
        .orderBy('condition_label')
        .orderBy('created_at')
        .execute();
      return rows.map(toRecording);
    },
    async listForSessionByAge(sessionId) {
      const rows = await all()
        .where('session_id', '=', sessionId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .execute();
      return rows.map(toRecording);
    },
    async findBySha(sessionId, sha256) {
      const row = await all()
        .where('session_id', '=', sessionId)
        .where('sha256', '=', sha256)
        .where('deleted_at', 'is', null)
        .limit(1)
        .executeTakeFirst();
      return row && toRecording(row);
    },
    async exists(id, sessionId) {
      const row = await db
        .selectFrom('recordings')
        .select('id')
        .where('id', '=', id)
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async insert(row) {
      await db.insertInto('recordings').values(row).execute();
    },
    async insertUnlessSame(row) {
      if (isPostgres(db))
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`recordings of ${row.session_id}`}, 0))`.execute(
          db,
        );
      const same = await this.findBySha(row.session_id, row.sha256);
      if (!same) await this.insert(row);
      return same;
    },
    async update(id, change, at) {
      await db
        .updateTable('recordings')
        .set({
          view: change.view,
          ...conditionColumns(change.condition),
          trim_start_frame: change.trimStart,
          trim_end_frame: change.trimEnd,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },
    async setDeleted(id, deletedAt) {
      const r = await db
        .updateTable('recordings')
        .set({ deleted_at: deletedAt })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async purge(id) {
      const r = await db.deleteFrom('recordings').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export function conditionColumns(
  c: Condition,
): Pick<RecordingsTable, 'condition_label' | 'incline_pct' | 'speed_kmh' | 'shoes'> {
  return {
    condition_label: c.label,
    incline_pct: c.inclinePct ?? null,
    speed_kmh: c.speedKmh ?? null,
    shoes: c.shoes || null,
  };
}

/**
 * The probe as import wrote it (media/import.ts). Fields are checked for their type where present:
 * rows written by tests and by early versions can lack the later ones, and readers that use those
 * fall back (proxyFps → nominalFps).
 */
const num = z.number().optional();
const ProbeSchema = z.looseObject({
  container: z.string().optional(),
  codec: z.string().optional(),
  width: num,
  height: num,
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).optional(),
  displayWidth: num,
  displayHeight: num,
  proxyWidth: num,
  proxyHeight: num,
  nominalFps: num,
  averageFps: num,
  frameCount: num,
  durationS: num,
  variableFrameRate: z.boolean().optional(),
  proxyFps: num,
});

export function toRecording(r: RecordingsTable): StoredRecording {
  const what = `recording ${r.id}`;
  const condition: Condition = { label: r.condition_label };
  if (r.incline_pct !== null) condition.inclinePct = r.incline_pct;
  if (r.speed_kmh !== null) condition.speedKmh = r.speed_kmh;
  if (r.shoes !== null) condition.shoes = r.shoes;
  const rec: StoredRecording = {
    id: r.id,
    sessionId: r.session_id,
    view: parseWord(VIEWS, r.view, what),
    condition,
    originalName: r.original_name,
    sha256: r.sha256,
    sizeBytes: r.size_bytes,
    probe: parseJson(ProbeSchema, r.probe_json, what) as unknown as ClipProbe,
    trim: { startFrame: r.trim_start_frame, endFrame: r.trim_end_frame },
    proxyStatus: parseWord(['ready', 'failed'] as const, r.proxy_status, what),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    frameCount: r.frame_count,
    paths: {
      original: r.original_path,
      proxy: r.proxy_path,
      thumb: r.thumb_path,
      timestamps: r.timestamps_path,
    },
  };
  return r.deleted_at ? { ...rec, deletedAt: r.deleted_at } : rec;
}

/** The domain record alone, for the contract (the files stay in main). */
export function publicRecording(r: StoredRecording): Recording {
  const { frameCount: _f, paths: _p, ...rec } = r;
  return rec;
}

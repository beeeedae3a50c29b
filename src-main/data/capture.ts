import type { Kysely, Selectable } from 'kysely';
import type { CaptureCamera, CaptureClip, CaptureTake, TakeStatus } from '../../src-shared/contract/capture';
import { ConditionSchema, VIEWS, type Condition, type View } from '../../src-shared/contract/recordings';
import { takeName } from '../../src-shared/capture/takes';
import { compact, parseJson, parseWord } from './parse';
import type { CaptureClipsTable, CaptureTakesTable, Database } from './schema';

const STATUSES = [
  'recording',
  'saved',
  'recovered',
  'failed',
  'discarded',
] as const satisfies readonly TakeStatus[];

/** A take as the capture page opens it: its row and one clip row per camera. */
export interface NewTake {
  readonly id: string;
  readonly sessionId: string;
  readonly number: number;
  readonly condition: Condition;
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  readonly cameras: readonly CaptureCamera[];
}

/** What the finish, the import and the recovery learn about one view's clip; absent fields stay. */
export interface ClipChange {
  readonly recordingId?: string | null;
  readonly startOffsetMs?: number;
  readonly durationMs?: number;
  readonly framesDelivered?: number;
  readonly error?: string | null;
}

/**
 * The capture tables (migration 0004): `capture_takes`, one press of R, and `capture_clips`, one
 * clip per view of it. Writing a take whole (`insertTake`) is two tables: call it inside
 * `data.transaction`, which services/capture/takes-db.ts does.
 */
export interface CaptureRepo {
  /**
   * When two recordings were recorded together (the two views of one take): each clip's start
   * relative to the take's shared start, in ms, or undefined.
   */
  startOffsetsMs(recordingAId: string, recordingBId: string): Promise<{ a: number; b: number } | undefined>;
  /** The take with its clips (side first), each with its recording's frame count once imported. */
  take(id: string): Promise<CaptureTake | undefined>;
  /** A session's takes in the order they were recorded. */
  takes(sessionId: string): Promise<CaptureTake[]>;
  /** A take's status, or undefined when there is no such take. */
  takeStatus(id: string): Promise<TakeStatus | undefined>;
  takeIdsWithStatus(status: TakeStatus): Promise<string[]>;
  /** The numbers already given to the session's takes of this condition. */
  takeNumbers(sessionId: string, conditionLabel: string): Promise<number[]>;
  /** The take (status 'recording') and one clip per camera. */
  insertTake(take: NewTake, at: string): Promise<void>;
  setTakeStatus(id: string, status: TakeStatus, at: string): Promise<void>;
  setTakeStart(id: string, startedAt: string): Promise<void>;
  updateClip(takeId: string, view: View, change: ClipChange): Promise<void>;
}

type ClipRow = Selectable<CaptureClipsTable> & { frame_count: number | null };

export function captureRepo(db: Kysely<Database>): CaptureRepo {
  const clipsOf = async (takeIds: readonly string[]): Promise<Map<string, ClipRow[]>> => {
    const byTake = new Map<string, ClipRow[]>();
    if (takeIds.length === 0) return byTake;
    const rows = await db
      .selectFrom('capture_clips as c')
      .leftJoin('recordings as r', 'r.id', 'c.recording_id')
      .selectAll('c')
      .select('r.frame_count')
      .where('c.take_id', 'in', takeIds)
      .execute();
    // Side before rear, whatever each backend's collation makes of the two words.
    rows.sort((x, y) => VIEWS.indexOf(x.view as View) - VIEWS.indexOf(y.view as View));
    for (const r of rows) byTake.set(r.take_id, [...(byTake.get(r.take_id) ?? []), r]);
    return byTake;
  };
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
    async take(id) {
      const row = await db.selectFrom('capture_takes').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return toTake(row, (await clipsOf([id])).get(id) ?? []);
    },
    async takes(sessionId) {
      const rows = await db
        .selectFrom('capture_takes')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('started_at')
        .orderBy('number')
        .execute();
      const clips = await clipsOf(rows.map((r) => r.id));
      return rows.map((r) => toTake(r, clips.get(r.id) ?? []));
    },
    async takeStatus(id) {
      const row = await db
        .selectFrom('capture_takes')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirst();
      return row && parseWord(STATUSES, row.status, `take ${id}`);
    },
    async takeIdsWithStatus(status) {
      const rows = await db.selectFrom('capture_takes').select('id').where('status', '=', status).execute();
      return rows.map((r) => r.id);
    },
    async takeNumbers(sessionId, conditionLabel) {
      const rows = await db
        .selectFrom('capture_takes')
        .select('number')
        .where('session_id', '=', sessionId)
        .where('condition_label', '=', conditionLabel)
        .execute();
      return rows.map((r) => r.number);
    },
    async insertTake(take, at) {
      await db
        .insertInto('capture_takes')
        .values({
          id: take.id,
          session_id: take.sessionId,
          number: take.number,
          condition_json: JSON.stringify(take.condition),
          condition_label: take.condition.label,
          started_at: take.startedAt,
          status: 'recording',
          created_at: at,
          updated_at: at,
        })
        .execute();
      if (take.cameras.length === 0) return;
      await db
        .insertInto('capture_clips')
        .values(
          take.cameras.map((c) => ({
            take_id: take.id,
            view: c.view,
            device_label: c.deviceLabel,
            width: c.width,
            height: c.height,
            fps: c.fps,
            mime_type: c.mimeType,
          })),
        )
        .execute();
    },
    async setTakeStatus(id, status, at) {
      await db.updateTable('capture_takes').set({ status, updated_at: at }).where('id', '=', id).execute();
    },
    async setTakeStart(id, startedAt) {
      await db.updateTable('capture_takes').set({ started_at: startedAt }).where('id', '=', id).execute();
    },
    async updateClip(takeId, view, change) {
      const set = compactChange({
        recording_id: change.recordingId,
        start_offset_ms: change.startOffsetMs,
        duration_ms: change.durationMs,
        frames_delivered: change.framesDelivered,
        error: change.error,
      });
      if (Object.keys(set).length === 0) return;
      await db
        .updateTable('capture_clips')
        .set(set)
        .where('take_id', '=', takeId)
        .where('view', '=', view)
        .execute();
    },
  };
}

/** Only the fields given: undefined leaves a column as it is, null clears it. */
function compactChange<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toTake(row: Selectable<CaptureTakesTable>, clips: readonly ClipRow[]): CaptureTake {
  const what = `take ${row.id}`;
  const condition = parseJson(ConditionSchema, row.condition_json, what);
  return {
    id: row.id,
    sessionId: row.session_id,
    number: row.number,
    name: takeName(condition.label, row.number),
    condition,
    startedAt: row.started_at,
    status: parseWord(STATUSES, row.status, what),
    clips: clips.map((c): CaptureClip => ({
      view: parseWord(VIEWS, c.view, what),
      deviceLabel: c.device_label,
      width: c.width,
      height: c.height,
      fps: c.fps,
      durationMs: c.duration_ms ?? 0,
      ...compact<{ recordingId: string; startOffsetMs: number; framesDelivered: number; frameCount: number }>(
        {
          recordingId: c.recording_id,
          startOffsetMs: c.start_offset_ms,
          framesDelivered: c.frames_delivered,
          frameCount: c.frame_count,
        },
      ),
      // An empty error is no error (as the take page has always read it).
      ...(c.error ? { error: c.error } : {}),
    })),
  };
}

import type Database from 'better-sqlite3';
import type {
  CaptureCamera,
  CaptureClip,
  CaptureTake,
  TakeStatus,
} from '../../../src-shared/contract/capture';
import type { Condition, View } from '../../../src-shared/contract/recordings';
import { nextTakeNumber, takeName } from '../../../src-shared/capture/takes';
import { ServiceError } from '../errors';

/** Rows of capture_takes / capture_clips (migration 0004) and the plain queries on them. */
interface TakeRow {
  id: string;
  session_id: string;
  number: number;
  condition_json: string;
  condition_label: string;
  started_at: string;
  status: TakeStatus;
  created_at: string;
  updated_at: string;
}

interface ClipRow {
  take_id: string;
  view: View;
  recording_id: string | null;
  device_label: string;
  width: number;
  height: number;
  fps: number;
  mime_type: string;
  start_offset_ms: number | null;
  duration_ms: number | null;
  frames_delivered: number | null;
  error: string | null;
  frame_count: number | null;
}

function toTake(row: TakeRow, clips: ClipRow[]): CaptureTake {
  const condition = JSON.parse(row.condition_json) as Condition;
  return {
    id: row.id,
    sessionId: row.session_id,
    number: row.number,
    name: takeName(condition.label, row.number),
    condition,
    startedAt: row.started_at,
    status: row.status,
    clips: clips.map((c): CaptureClip => ({
      view: c.view,
      ...(c.recording_id ? { recordingId: c.recording_id } : {}),
      deviceLabel: c.device_label,
      width: c.width,
      height: c.height,
      fps: c.fps,
      ...(c.start_offset_ms !== null ? { startOffsetMs: c.start_offset_ms } : {}),
      durationMs: c.duration_ms ?? 0,
      ...(c.frames_delivered !== null ? { framesDelivered: c.frames_delivered } : {}),
      ...(c.frame_count !== null ? { frameCount: c.frame_count } : {}),
      ...(c.error ? { error: c.error } : {}),
    })),
  };
}

const CLIPS_SQL = `SELECT c.*, r.frame_count FROM capture_clips c LEFT JOIN recordings r ON r.id = c.recording_id
  WHERE c.take_id = ? ORDER BY c.view = 'rear', c.view`;

export function getTake(db: Database.Database, id: string): CaptureTake {
  const row = db.prepare(`SELECT * FROM capture_takes WHERE id = ?`).get(id) as TakeRow | undefined;
  if (!row) throw new ServiceError('not-found', `No take with id ${id}.`, 'takeId');
  return toTake(row, db.prepare(CLIPS_SQL).all(id) as ClipRow[]);
}

export function listTakes(db: Database.Database, sessionId: string): CaptureTake[] {
  const rows = db
    .prepare(`SELECT * FROM capture_takes WHERE session_id = ? ORDER BY started_at, number`)
    .all(sessionId) as TakeRow[];
  const clips = db.prepare(CLIPS_SQL);
  return rows.map((r) => toTake(r, clips.all(r.id) as ClipRow[]));
}

/** A take's status, or undefined when there is no such take. */
export function takeStatus(db: Database.Database, id: string): TakeStatus | undefined {
  const row = db.prepare(`SELECT status FROM capture_takes WHERE id = ?`).get(id) as
    { status: TakeStatus } | undefined;
  return row?.status;
}

export function takeIdsWithStatus(db: Database.Database, status: TakeStatus): string[] {
  return (db.prepare(`SELECT id FROM capture_takes WHERE status = ?`).all(status) as { id: string }[]).map(
    (r) => r.id,
  );
}

/** Insert a new take (status 'recording') numbered after the session's takes of the same condition. */
export function insertTake(
  db: Database.Database,
  take: {
    id: string;
    sessionId: string;
    condition: Condition;
    startedAt: string;
    cameras: readonly CaptureCamera[];
  },
  now = new Date(),
): CaptureTake {
  db.transaction(() => {
    const numbers = (
      db
        .prepare(`SELECT number FROM capture_takes WHERE session_id = ? AND condition_label = ?`)
        .all(take.sessionId, take.condition.label) as { number: number }[]
    ).map((r) => r.number);
    const ts = now.toISOString();
    db.prepare(
      `INSERT INTO capture_takes (id, session_id, number, condition_json, condition_label, started_at, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'recording', ?, ?)`,
    ).run(
      take.id,
      take.sessionId,
      nextTakeNumber(numbers),
      JSON.stringify(take.condition),
      take.condition.label,
      new Date(take.startedAt).toISOString(),
      ts,
      ts,
    );
    const clip = db.prepare(
      `INSERT INTO capture_clips (take_id, view, device_label, width, height, fps, mime_type) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of take.cameras)
      clip.run(take.id, c.view, c.deviceLabel, c.width, c.height, c.fps, c.mimeType);
  })();
  return getTake(db, take.id);
}

export function setTakeStatus(db: Database.Database, id: string, status: TakeStatus, now = new Date()): void {
  db.prepare(`UPDATE capture_takes SET status = ?, updated_at = ? WHERE id = ?`).run(
    status,
    now.toISOString(),
    id,
  );
}

export function setTakeStart(db: Database.Database, id: string, startedAt: string): void {
  db.prepare(`UPDATE capture_takes SET started_at = ? WHERE id = ?`).run(
    new Date(startedAt).toISOString(),
    id,
  );
}

export function updateClip(
  db: Database.Database,
  takeId: string,
  view: View,
  change: {
    recordingId?: string | null;
    startOffsetMs?: number;
    durationMs?: number;
    framesDelivered?: number;
    error?: string | null;
  },
): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  const put = (column: string, value: unknown): void => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  if (change.recordingId !== undefined) put('recording_id', change.recordingId);
  if (change.startOffsetMs !== undefined) put('start_offset_ms', change.startOffsetMs);
  if (change.durationMs !== undefined) put('duration_ms', change.durationMs);
  if (change.framesDelivered !== undefined) put('frames_delivered', change.framesDelivered);
  if (change.error !== undefined) put('error', change.error);
  if (sets.length === 0) return;
  db.prepare(`UPDATE capture_clips SET ${sets.join(', ')} WHERE take_id = ? AND view = ?`).run(
    ...values,
    takeId,
    view,
  );
}

import type Database from 'better-sqlite3';
import type { ClipProbe, Condition, Recording, Trim, View } from '../../../src-shared/contract/recordings';
import { ServiceError } from '../errors';

/** Row ↔ record mapping and the plain queries on the recordings table (migration 0002). */
export interface RecordingRow {
  id: string;
  session_id: string;
  view: string;
  condition_label: string;
  incline_pct: number | null;
  speed_kmh: number | null;
  shoes: string | null;
  original_name: string;
  sha256: string;
  size_bytes: number;
  probe_json: string;
  frame_count: number;
  trim_start_frame: number;
  trim_end_frame: number;
  original_path: string;
  proxy_path: string;
  thumb_path: string;
  timestamps_path: string;
  proxy_status: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** The files of a recording, relative to the library's media folder. */
export type MediaKind = 'original' | 'proxy' | 'thumb' | 'timestamps';

export function toRecording(r: RecordingRow): Recording {
  const condition: Condition = { label: r.condition_label };
  if (r.incline_pct !== null) condition.inclinePct = r.incline_pct;
  if (r.speed_kmh !== null) condition.speedKmh = r.speed_kmh;
  if (r.shoes !== null) condition.shoes = r.shoes;
  const rec: Recording = {
    id: r.id,
    sessionId: r.session_id,
    view: r.view as View,
    condition,
    originalName: r.original_name,
    sha256: r.sha256,
    sizeBytes: r.size_bytes,
    probe: JSON.parse(r.probe_json) as ClipProbe,
    trim: { startFrame: r.trim_start_frame, endFrame: r.trim_end_frame },
    proxyStatus: r.proxy_status as Recording['proxyStatus'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  return r.deleted_at ? { ...rec, deletedAt: r.deleted_at } : rec;
}

export function getRecordingRow(
  db: Database.Database,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): RecordingRow {
  const row = db.prepare(`SELECT * FROM recordings WHERE id = ?`).get(id) as RecordingRow | undefined;
  if (!row || (row.deleted_at && !opts.includeDeleted))
    throw new ServiceError('not-found', `No recording with id ${id}.`, 'id');
  return row;
}

export const getRecording = (db: Database.Database, id: string): Recording =>
  toRecording(getRecordingRow(db, id));

export function listRecordings(db: Database.Database, sessionId: string): Recording[] {
  const rows = db
    .prepare(
      `SELECT * FROM recordings WHERE session_id = ? AND deleted_at IS NULL ORDER BY view, condition_label, created_at`,
    )
    .all(sessionId) as RecordingRow[];
  return rows.map(toRecording);
}

export function findDuplicate(
  db: Database.Database,
  sessionId: string,
  sha256: string,
): RecordingRow | undefined {
  return db
    .prepare(`SELECT * FROM recordings WHERE session_id = ? AND sha256 = ? AND deleted_at IS NULL LIMIT 1`)
    .get(sessionId, sha256) as RecordingRow | undefined;
}

export function insertRecording(db: Database.Database, row: RecordingRow): void {
  db.prepare(
    `INSERT INTO recordings (id, session_id, view, condition_label, incline_pct, speed_kmh, shoes, original_name, sha256,
       size_bytes, probe_json, frame_count, trim_start_frame, trim_end_frame, original_path, proxy_path, thumb_path,
       timestamps_path, proxy_status, created_at, updated_at, deleted_at)
     VALUES (@id, @session_id, @view, @condition_label, @incline_pct, @speed_kmh, @shoes, @original_name, @sha256,
       @size_bytes, @probe_json, @frame_count, @trim_start_frame, @trim_end_frame, @original_path, @proxy_path, @thumb_path,
       @timestamps_path, @proxy_status, @created_at, @updated_at, @deleted_at)`,
  ).run(row);
}

export function conditionColumns(
  c: Condition,
): Pick<RecordingRow, 'condition_label' | 'incline_pct' | 'speed_kmh' | 'shoes'> {
  return {
    condition_label: c.label,
    incline_pct: c.inclinePct ?? null,
    speed_kmh: c.speedKmh ?? null,
    shoes: c.shoes || null,
  };
}

export function updateRecording(
  db: Database.Database,
  id: string,
  change: { view?: View; condition?: Condition; trim?: Trim },
  now = new Date(),
): Recording {
  const row = getRecordingRow(db, id);
  if (change.trim && change.trim.endFrame > row.frame_count) {
    throw new ServiceError(
      'invalid-input',
      `trim.endFrame: the clip has ${row.frame_count} frames, so the trim must end at frame ${row.frame_count} or before.`,
      'trim.endFrame',
    );
  }
  const next = {
    ...row,
    ...(change.view ? { view: change.view } : {}),
    ...(change.condition ? conditionColumns(change.condition) : {}),
    ...(change.trim
      ? { trim_start_frame: change.trim.startFrame, trim_end_frame: change.trim.endFrame }
      : {}),
    updated_at: now.toISOString(),
  };
  db.prepare(
    `UPDATE recordings SET view=@view, condition_label=@condition_label, incline_pct=@incline_pct, speed_kmh=@speed_kmh,
       shoes=@shoes, trim_start_frame=@trim_start_frame, trim_end_frame=@trim_end_frame, updated_at=@updated_at WHERE id=@id`,
  ).run(next);
  return getRecording(db, id);
}

export function trashRecording(db: Database.Database, id: string, now = new Date()): { deletedAt: string } {
  getRecordingRow(db, id);
  const deletedAt = now.toISOString();
  db.prepare(`UPDATE recordings SET deleted_at = ? WHERE id = ?`).run(deletedAt, id);
  return { deletedAt };
}

export function restoreRecording(db: Database.Database, id: string): Recording {
  const row = getRecordingRow(db, id, { includeDeleted: true });
  if (!row.deleted_at) throw new ServiceError('not-found', `Recording ${id} is not in the trash.`, 'id');
  db.prepare(`UPDATE recordings SET deleted_at = NULL WHERE id = ?`).run(id);
  return getRecording(db, id);
}

export function mediaPath(row: RecordingRow, kind: MediaKind): string {
  return {
    original: row.original_path,
    proxy: row.proxy_path,
    thumb: row.thumb_path,
    timestamps: row.timestamps_path,
  }[kind];
}

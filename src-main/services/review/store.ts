import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { KeyFrameInput, MeasurementInput } from '../../../src-shared/contract/review';
import type { Correction } from '../../../src-shared/review/corrections';
import type { KeyFrameMark, KeyFrameOverlays } from '../../../src-shared/review/key-frames';
import { TOOL_POINTS, type Measurement, type MeasurementTool } from '../../../src-shared/review/measure';
import type { LandmarkName } from '../../../src-shared/pose/landmarks';
import { ServiceError } from '../errors';

/** Row ↔ record mapping and the queries of the review tables (see migration.ts). */

interface CorrectionRow {
  recording_id: string;
  frame: number;
  landmark: string;
  x: number;
  y: number;
  updated_at: string;
}

const toCorrection = (r: CorrectionRow): Correction => ({
  recordingId: r.recording_id,
  frame: r.frame,
  landmark: r.landmark as LandmarkName,
  x: r.x,
  y: r.y,
  updatedAt: r.updated_at,
});

export function listCorrections(db: Database.Database, recordingId: string): Correction[] {
  const rows = db
    .prepare(`SELECT * FROM landmark_corrections WHERE recording_id = ? ORDER BY frame, landmark`)
    .all(recordingId) as CorrectionRow[];
  return rows.map(toCorrection);
}

export function upsertCorrection(
  db: Database.Database,
  c: { recordingId: string; frame: number; landmark: LandmarkName; x: number; y: number },
  now = new Date(),
): Correction {
  const row: CorrectionRow = {
    recording_id: c.recordingId,
    frame: c.frame,
    landmark: c.landmark,
    x: c.x,
    y: c.y,
    updated_at: now.toISOString(),
  };
  db.prepare(
    `INSERT INTO landmark_corrections (recording_id, frame, landmark, x, y, updated_at)
     VALUES (@recording_id, @frame, @landmark, @x, @y, @updated_at)
     ON CONFLICT (recording_id, frame, landmark) DO UPDATE SET x = excluded.x, y = excluded.y, updated_at = excluded.updated_at`,
  ).run(row);
  return toCorrection(row);
}

export function deleteCorrection(
  db: Database.Database,
  recordingId: string,
  frame: number,
  landmark: string,
): boolean {
  return (
    db
      .prepare(`DELETE FROM landmark_corrections WHERE recording_id = ? AND frame = ? AND landmark = ?`)
      .run(recordingId, frame, landmark).changes > 0
  );
}

interface MeasurementRow {
  id: string;
  session_id: string;
  recording_id: string;
  frame: number;
  tool: string;
  points_json: string;
  text: string | null;
  length_cm: number | null;
  created_at: string;
  updated_at: string;
}

function toMeasurement(r: MeasurementRow): Measurement {
  const m: Measurement = {
    id: r.id,
    sessionId: r.session_id,
    recordingId: r.recording_id,
    frame: r.frame,
    tool: r.tool as MeasurementTool,
    points: JSON.parse(r.points_json) as [number, number][],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  return {
    ...m,
    ...(r.text !== null && { text: r.text }),
    ...(r.length_cm !== null && { lengthCm: r.length_cm }),
  };
}

export function listMeasurements(db: Database.Database, sessionId: string): Measurement[] {
  const rows = db
    .prepare(
      `SELECT * FROM review_measurements WHERE session_id = ? ORDER BY recording_id, frame, created_at`,
    )
    .all(sessionId) as MeasurementRow[];
  return rows.map(toMeasurement);
}

/** Each tool takes its own number of points; a note needs words, a calibration a length. */
export function checkMeasurement(m: MeasurementInput): void {
  const want = TOOL_POINTS[m.tool];
  if (m.points.length !== want) {
    throw new ServiceError(
      'invalid-input',
      `points: the ${m.tool} tool takes ${want} point${want > 1 ? 's' : ''}; got ${m.points.length}.`,
      'points',
    );
  }
  if (m.tool === 'note' && !m.text)
    throw new ServiceError('invalid-input', 'text: a note needs some words.', 'text');
  if (m.tool === 'calibration' && !m.lengthCm) {
    throw new ServiceError(
      'invalid-input',
      'lengthCm: a calibration line needs its real length in cm.',
      'lengthCm',
    );
  }
}

export function saveMeasurement(db: Database.Database, m: MeasurementInput, now = new Date()): Measurement {
  const ts = now.toISOString();
  const existing = m.id
    ? (db.prepare(`SELECT * FROM review_measurements WHERE id = ?`).get(m.id) as MeasurementRow | undefined)
    : undefined;
  if (existing && existing.session_id !== m.sessionId) {
    throw new ServiceError('conflict', `Measurement ${m.id} belongs to another session.`, 'id');
  }
  const row: MeasurementRow = {
    id: m.id ?? randomUUID(),
    session_id: m.sessionId,
    recording_id: m.recordingId,
    frame: m.frame,
    tool: m.tool,
    points_json: JSON.stringify(m.points),
    text: m.text || null,
    length_cm: m.lengthCm ?? null,
    created_at: existing?.created_at ?? ts,
    updated_at: ts,
  };
  db.prepare(
    `INSERT INTO review_measurements (id, session_id, recording_id, frame, tool, points_json, text, length_cm, created_at, updated_at)
     VALUES (@id, @session_id, @recording_id, @frame, @tool, @points_json, @text, @length_cm, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET recording_id = excluded.recording_id, frame = excluded.frame, tool = excluded.tool,
       points_json = excluded.points_json, text = excluded.text, length_cm = excluded.length_cm, updated_at = excluded.updated_at`,
  ).run(row);
  return toMeasurement(row);
}

export function measurementOwner(
  db: Database.Database,
  id: string,
): { sessionId: string; recordingId: string } | undefined {
  const r = db.prepare(`SELECT session_id, recording_id FROM review_measurements WHERE id = ?`).get(id) as
    { session_id: string; recording_id: string } | undefined;
  return r && { sessionId: r.session_id, recordingId: r.recording_id };
}

export function deleteMeasurement(db: Database.Database, id: string): boolean {
  return db.prepare(`DELETE FROM review_measurements WHERE id = ?`).run(id).changes > 0;
}

interface KeyFrameRow {
  id: string;
  session_id: string;
  recording_id: string;
  frame: number;
  t: number;
  label: string;
  event: string | null;
  side: string | null;
  overlays_json: string;
  created_at: string;
  updated_at: string;
}

function toKeyFrame(r: KeyFrameRow): KeyFrameMark {
  const k: KeyFrameMark = {
    id: r.id,
    sessionId: r.session_id,
    recordingId: r.recording_id,
    frame: r.frame,
    t: r.t,
    label: r.label,
    overlays: JSON.parse(r.overlays_json) as KeyFrameOverlays,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  return {
    ...k,
    ...(r.event !== null && { event: r.event as KeyFrameMark['event'] }),
    ...(r.side !== null && { side: r.side as 'left' | 'right' }),
  };
}

export function listKeyFrames(db: Database.Database, sessionId: string): KeyFrameMark[] {
  const rows = db
    .prepare(
      `SELECT k.* FROM key_frames k JOIN recordings r ON r.id = k.recording_id
       WHERE k.session_id = ? AND r.deleted_at IS NULL ORDER BY r.view, r.condition_label, k.frame`,
    )
    .all(sessionId) as KeyFrameRow[];
  return rows.map(toKeyFrame);
}

/** Create, update (by id) or, when the frame already has a key frame, replace its label and overlays. */
export function saveKeyFrame(
  db: Database.Database,
  k: KeyFrameInput,
  t: number,
  now = new Date(),
): KeyFrameMark {
  const ts = now.toISOString();
  const existing = (
    k.id
      ? db.prepare(`SELECT * FROM key_frames WHERE id = ?`).get(k.id)
      : db
          .prepare(`SELECT * FROM key_frames WHERE recording_id = ? AND frame = ?`)
          .get(k.recordingId, k.frame)
  ) as KeyFrameRow | undefined;
  if (existing && existing.session_id !== k.sessionId) {
    throw new ServiceError('conflict', `Key frame ${existing.id} belongs to another session.`, 'id');
  }
  const row: KeyFrameRow = {
    id: existing?.id ?? k.id ?? randomUUID(),
    session_id: k.sessionId,
    recording_id: k.recordingId,
    frame: k.frame,
    t,
    label: k.label,
    event: k.event ?? null,
    side: k.side ?? null,
    overlays_json: JSON.stringify(k.overlays),
    created_at: existing?.created_at ?? ts,
    updated_at: ts,
  };
  const clash = db
    .prepare(`SELECT id FROM key_frames WHERE recording_id = ? AND frame = ? AND id <> ?`)
    .get(k.recordingId, k.frame, row.id) as { id: string } | undefined;
  if (clash)
    throw new ServiceError(
      'conflict',
      `frame: frame ${k.frame} of this clip is already a key frame.`,
      'frame',
    );
  db.prepare(
    `INSERT INTO key_frames (id, session_id, recording_id, frame, t, label, event, side, overlays_json, created_at, updated_at)
     VALUES (@id, @session_id, @recording_id, @frame, @t, @label, @event, @side, @overlays_json, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET recording_id = excluded.recording_id, frame = excluded.frame, t = excluded.t,
       label = excluded.label, event = excluded.event, side = excluded.side, overlays_json = excluded.overlays_json,
       updated_at = excluded.updated_at`,
  ).run(row);
  return toKeyFrame(row);
}

export function keyFrameOwner(
  db: Database.Database,
  id: string,
): { sessionId: string; recordingId: string } | undefined {
  const r = db.prepare(`SELECT session_id, recording_id FROM key_frames WHERE id = ?`).get(id) as
    { session_id: string; recording_id: string } | undefined;
  return r && { sessionId: r.session_id, recordingId: r.recording_id };
}

export function deleteKeyFrame(db: Database.Database, id: string): boolean {
  return db.prepare(`DELETE FROM key_frames WHERE id = ?`).run(id).changes > 0;
}

import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Session, SessionFields } from '../../../src-shared/library/model';
import { ServiceError } from '../errors';
import { getPatient } from './patients';
import { toSession, type SessionRow } from './rows';

export function listSessions(db: Database.Database, patientId: string): Session[] {
  getPatient(db, patientId);
  const rows = db
    .prepare(
      `SELECT * FROM sessions WHERE patient_id = ? AND deleted_at IS NULL ORDER BY date DESC, created_at DESC`,
    )
    .all(patientId) as SessionRow[];
  return rows.map(toSession);
}

export function getSession(
  db: Database.Database,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): Session {
  const row = db.prepare(`SELECT * FROM sessions WHERE id = ?`).get(id) as SessionRow | undefined;
  if (!row || (row.deleted_at && !opts.includeDeleted)) {
    throw new ServiceError('not-found', `No session with id ${id}.`, 'id');
  }
  return toSession(row);
}

type EditableFields = Omit<SessionFields, 'patientId'>;

function params(f: EditableFields) {
  return {
    date: f.date,
    clinician: f.clinician || null,
    complaint: f.complaint || null,
    injury_side: f.injurySide,
    shoes: f.shoes || null,
    treadmill_speeds_kmh: JSON.stringify(f.treadmillSpeedsKmh),
    treadmill_inclines_pct: JSON.stringify(f.treadmillInclinesPct),
    notes: f.notes || null,
  };
}

export function createSession(db: Database.Database, fields: SessionFields, now = new Date()): Session {
  try {
    getPatient(db, fields.patientId);
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'not-found') {
      throw new ServiceError('not-found', `No patient with id ${fields.patientId}.`, 'patientId');
    }
    throw err;
  }
  const id = randomUUID();
  const ts = now.toISOString();
  db.prepare(
    `INSERT INTO sessions (id, patient_id, date, clinician, complaint, injury_side, shoes, treadmill_speeds_kmh,
       treadmill_inclines_pct, notes, created_at, updated_at)
     VALUES (@id, @patient_id, @date, @clinician, @complaint, @injury_side, @shoes, @treadmill_speeds_kmh,
       @treadmill_inclines_pct, @notes, @ts, @ts)`,
  ).run({ id, patient_id: fields.patientId, ts, ...params(fields) });
  return getSession(db, id);
}

export function updateSession(
  db: Database.Database,
  id: string,
  fields: EditableFields,
  now = new Date(),
): Session {
  getSession(db, id);
  db.prepare(
    `UPDATE sessions SET date=@date, clinician=@clinician, complaint=@complaint, injury_side=@injury_side, shoes=@shoes,
       treadmill_speeds_kmh=@treadmill_speeds_kmh, treadmill_inclines_pct=@treadmill_inclines_pct, notes=@notes,
       updated_at=@ts WHERE id=@id`,
  ).run({ id, ts: now.toISOString(), ...params(fields) });
  return getSession(db, id);
}

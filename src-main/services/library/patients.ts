import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Patient, PatientFields } from '../../../src-shared/library/model';
import { ServiceError } from '../errors';
import { toPatient, type PatientRow } from './rows';

const SELECT = `
  SELECT p.*,
         (SELECT max(s.date) FROM sessions s WHERE s.patient_id = p.id AND s.deleted_at IS NULL) AS last_session_date,
         (SELECT count(*)   FROM sessions s WHERE s.patient_id = p.id AND s.deleted_at IS NULL) AS session_count
  FROM patients p`;

/** Escape LIKE wildcards so a search for "50%" means the text "50%". */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Instant search over name and clinic id: every word typed must match the start of a word of the
 * name or the clinic id ("jo sm" finds "John Smith"). Recent patients first (newest session, then
 * newest edit), which is what a PT with a returning runner wants.
 */
export function searchPatients(db: Database.Database, query: string, limit: number): Patient[] {
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const clauses = words.map(
    () =>
      `(' ' || p.name LIKE ? ESCAPE '\\' OR ' ' || replace(p.name, '-', ' ') LIKE ? ESCAPE '\\' OR coalesce(p.clinic_id, '') LIKE ? ESCAPE '\\')`,
  );
  const params = words.flatMap((w) => {
    const e = likeEscape(w);
    return [`% ${e}%`, `% ${e}%`, `${e}%`];
  });
  const where = ['p.deleted_at IS NULL', ...clauses].join(' AND ');
  const rows = db
    .prepare(
      `${SELECT} WHERE ${where} ORDER BY coalesce(last_session_date, '') DESC, p.updated_at DESC LIMIT ?`,
    )
    .all(...params, limit) as PatientRow[];
  return rows.map(toPatient);
}

export function getPatient(
  db: Database.Database,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): Patient {
  const row = db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PatientRow | undefined;
  if (!row || (row.deleted_at && !opts.includeDeleted)) {
    throw new ServiceError('not-found', `No patient with id ${id}.`, 'id');
  }
  return toPatient(row);
}

function params(f: PatientFields) {
  return {
    name: f.name,
    date_of_birth: f.dateOfBirth ?? null,
    clinic_id: f.clinicId || null,
    sex: f.sex,
    height_cm: f.heightCm ?? null,
    leg_length_cm: f.legLengthCm ?? null,
    notes: f.notes || null,
  };
}

export function createPatient(db: Database.Database, fields: PatientFields, now = new Date()): Patient {
  const id = randomUUID();
  const ts = now.toISOString();
  db.prepare(
    `INSERT INTO patients (id, name, date_of_birth, clinic_id, sex, height_cm, leg_length_cm, notes, created_at, updated_at)
     VALUES (@id, @name, @date_of_birth, @clinic_id, @sex, @height_cm, @leg_length_cm, @notes, @ts, @ts)`,
  ).run({ id, ts, ...params(fields) });
  return getPatient(db, id);
}

export function updatePatient(
  db: Database.Database,
  id: string,
  fields: PatientFields,
  now = new Date(),
): Patient {
  getPatient(db, id);
  db.prepare(
    `UPDATE patients SET name=@name, date_of_birth=@date_of_birth, clinic_id=@clinic_id, sex=@sex, height_cm=@height_cm,
       leg_length_cm=@leg_length_cm, notes=@notes, updated_at=@ts WHERE id=@id`,
  ).run({ id, ts: now.toISOString(), ...params(fields) });
  return getPatient(db, id);
}

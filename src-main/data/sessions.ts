import type { Kysely } from 'kysely';
import { z } from 'zod';
import { INJURY_SIDES, type Session, type SessionFields } from '../../src-shared/library/model';
import { compact, parseJson, parseWord } from './parse';
import type { Database, SessionsTable } from './schema';

export type SessionEditableFields = Omit<SessionFields, 'patientId'>;

/** The `sessions` table. Rows come back as `Session`, the JSON lists parsed. */
export interface SessionsRepo {
  /** A patient's sessions not in the trash, newest first. */
  listForPatient(patientId: string): Promise<Session[]>;
  /** The session, in the trash or not. */
  get(id: string): Promise<Session | undefined>;
  /** The ids of a patient's sessions on one date, in the trash or not, oldest first. */
  idsOnDate(patientId: string, date: string): Promise<string[]>;
  insert(id: string, fields: SessionFields, at: string): Promise<void>;
  update(id: string, fields: SessionEditableFields, at: string): Promise<void>;
  /** Into the trash (a time) or out of it (null). False when no such session. */
  setDeleted(id: string, deletedAt: string | null): Promise<boolean>;
  /** Gone for good, with everything below it (the schema cascades). */
  purge(id: string): Promise<boolean>;
}

export function sessionsRepo(db: Kysely<Database>): SessionsRepo {
  return {
    async listForPatient(patientId) {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('deleted_at', 'is', null)
        .orderBy('date', 'desc')
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toSession);
    },
    async get(id) {
      const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSession(row);
    },
    async idsOnDate(patientId, date) {
      const rows = await db
        .selectFrom('sessions')
        .select('id')
        .where('patient_id', '=', patientId)
        .where('date', '=', date)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },
    async insert(id, fields, at) {
      await db
        .insertInto('sessions')
        .values({ id, patient_id: fields.patientId, ...columns(fields), created_at: at, updated_at: at })
        .execute();
    },
    async update(id, fields, at) {
      await db
        .updateTable('sessions')
        .set({ ...columns(fields), updated_at: at })
        .where('id', '=', id)
        .execute();
    },
    async setDeleted(id, deletedAt) {
      const r = await db
        .updateTable('sessions')
        .set({ deleted_at: deletedAt })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async purge(id) {
      const r = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

function columns(f: SessionEditableFields) {
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

const Numbers = z.array(z.number());

export function toSession(r: SessionsTable): Session {
  const what = `session ${r.id}`;
  return compact<Session>({
    id: r.id,
    patientId: r.patient_id,
    date: r.date,
    clinician: r.clinician,
    complaint: r.complaint,
    injurySide: parseWord(INJURY_SIDES, r.injury_side, what),
    shoes: r.shoes,
    treadmillSpeedsKmh: parseJson(Numbers, r.treadmill_speeds_kmh, what),
    treadmillInclinesPct: parseJson(Numbers, r.treadmill_inclines_pct, what),
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  });
}

import { sql, type Kysely, type Selectable } from 'kysely';
import { SEXES, type Patient, type PatientFields } from '../../src-shared/library/model';
import { foldFor } from './fold';
import { compact, parseWord } from './parse';
import type { Database, PatientsTable } from './schema';
import type { CheckedSave, EditStamp } from './versions';

/** The `patients` table. Rows come back as `Patient`, with the session summary the lists show. */
export interface PatientsRepo {
  /**
   * Every word must match the start of a word of the name (hyphens split words) or the start of the
   * clinic id, case-insensitively; patients in the trash are left out. Recent patients first (newest
   * session, then newest edit).
   */
  search(words: readonly string[], limit: number): Promise<Patient[]>;
  /** The patient, in the trash or not. */
  get(id: string): Promise<Patient | undefined>;
  /** Ids of the patients (not in the trash) with exactly this name, ignoring case, oldest first. */
  idsNamed(name: string): Promise<string[]>;
  insert(id: string, fields: PatientFields, at: string): Promise<void>;
  update(id: string, fields: PatientFields, at: string): Promise<void>;
  /** Who saved the patient last, when, and at which version (undefined: no such patient). */
  stamp(id: string): Promise<EditStamp | undefined>;
  /**
   * Save only if the patient is still at `expectedVersion` (versions.ts): two workstations editing
   * one patient cannot overwrite each other in silence. `by` names this workstation.
   */
  updateChecked(
    id: string,
    fields: PatientFields,
    at: string,
    expectedVersion: number,
    by: string,
  ): Promise<CheckedSave>;
  /** Into the trash (a time) or out of it (null). False when no such patient. */
  setDeleted(id: string, deletedAt: string | null): Promise<boolean>;
  /** Gone for good, with their sessions and everything below (the schema cascades). */
  purge(id: string): Promise<boolean>;
}

/** Escape LIKE wildcards so a search for "50%" means the text "50%". */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function patientsRepo(db: Kysely<Database>): PatientsRepo {
  const fold = foldFor(db as Kysely<unknown>);
  /** A LIKE pattern, folded as the column is (fold.ts; `\\` escapes wildcards). */
  const like = (pattern: string) => sql<string>`${fold(sql.val(pattern))} escape '\\'`;
  const stamp = async (id: string): Promise<EditStamp | undefined> => {
    const r = await db
      .selectFrom('patients')
      .select(['version', 'updated_at', 'updated_by'])
      .where('id', '=', id)
      .executeTakeFirst();
    return r && compact<EditStamp>({ version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by });
  };
  const withSummary = () =>
    db
      .selectFrom('patients as p')
      .selectAll('p')
      .select((eb) => [
        eb
          .selectFrom('sessions as s')
          .select((e) => e.fn.max('s.date').as('d'))
          .whereRef('s.patient_id', '=', 'p.id')
          .where('s.deleted_at', 'is', null)
          .as('last_session_date'),
        eb
          .selectFrom('sessions as s')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('s.patient_id', '=', 'p.id')
          .where('s.deleted_at', 'is', null)
          .as('session_count'),
      ]);
  return {
    async search(words, limit) {
      let q = withSummary().where('p.deleted_at', 'is', null);
      for (const w of words) {
        const e = likeEscape(w);
        // Folded on both sides (fold.ts): SQLite's LIKE ignores ASCII case only, PostgreSQL's none.
        q = q.where(({ or, eb, fn, val }) =>
          or([
            eb(fold(sql`' ' || p.name`), 'like', like(`% ${e}%`)),
            eb(fold(sql`' ' || replace(p.name, '-', ' ')`), 'like', like(`% ${e}%`)),
            eb(fold(fn.coalesce('p.clinic_id', val(''))), 'like', like(`${e}%`)),
          ]),
        );
      }
      const rows = await q
        // A bare output name: PostgreSQL refuses one inside an expression in ORDER BY. NULLS LAST
        // says what SQLite does by itself for DESC (and PostgreSQL's default is the opposite).
        .orderBy('last_session_date', (ob) => ob.desc().nullsLast())
        .orderBy('p.updated_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toPatient);
    },
    async get(id) {
      const row = await withSummary().where('p.id', '=', id).executeTakeFirst();
      return row && toPatient(row);
    },
    async idsNamed(name) {
      const rows = await db
        .selectFrom('patients')
        .select('id')
        .where('deleted_at', 'is', null)
        .where(fold(sql`name`), '=', fold(sql.val(name)))
        .orderBy('created_at')
        .execute();
      return rows.map((r) => r.id);
    },
    async insert(id, fields, at) {
      await db
        .insertInto('patients')
        .values({ id, ...columns(fields), created_at: at, updated_at: at })
        .execute();
    },
    async update(id, fields, at) {
      await db
        .updateTable('patients')
        .set({ ...columns(fields), updated_at: at, version: sql<number>`version + 1` })
        .where('id', '=', id)
        .execute();
    },
    stamp,
    async updateChecked(id, fields, at, expectedVersion, by) {
      const r = await db
        .updateTable('patients')
        .set({ ...columns(fields), updated_at: at, updated_by: by, version: sql<number>`version + 1` })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) return { saved: true, version: expectedVersion + 1 };
      const current = await stamp(id);
      if (!current) throw new Error(`No patient ${id}.`);
      return { saved: false, current };
    },
    async setDeleted(id, deletedAt) {
      const r = await db
        .updateTable('patients')
        .set({ deleted_at: deletedAt })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async purge(id) {
      const r = await db.deleteFrom('patients').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

function columns(f: PatientFields) {
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

type PatientRow = Selectable<PatientsTable> & {
  last_session_date: string | null;
  session_count: number | null;
};

function toPatient(r: PatientRow): Patient {
  return compact<Patient>({
    id: r.id,
    name: r.name,
    dateOfBirth: r.date_of_birth,
    clinicId: r.clinic_id,
    sex: parseWord(SEXES, r.sex, `patient ${r.id}`),
    heightCm: r.height_cm,
    legLengthCm: r.leg_length_cm,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    lastSessionDate: r.last_session_date,
    sessionCount: Number(r.session_count ?? 0),
  });
}

import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** What the trash page lists: the parts of each label, put into words by the service. */
export interface TrashedPatient {
  readonly id: string;
  readonly name: string;
  readonly deletedAt: string;
}
export interface TrashedSession extends TrashedPatient {
  readonly date: string;
}
export interface TrashedRecording extends TrashedSession {
  readonly view: string;
  readonly conditionLabel: string;
  readonly originalName: string;
}

/**
 * The trash, read across patients, sessions and recordings (each table's writes stay with its own
 * repository: `setDeleted`, `purge`). A session is listed only while its patient is not in the
 * trash, a recording only while neither is: those come back with them.
 */
export interface TrashRepo {
  list(): Promise<{
    patients: TrashedPatient[];
    sessions: TrashedSession[];
    recordings: TrashedRecording[];
  }>;
}

export function trashRepo(db: Kysely<Database>): TrashRepo {
  return {
    async list() {
      const patients = await db
        .selectFrom('patients')
        .select(['id', 'name', 'deleted_at as deletedAt'])
        .where('deleted_at', 'is not', null)
        .$narrowType<{ deletedAt: string }>()
        .execute();
      const sessions = await db
        .selectFrom('sessions as s')
        .innerJoin('patients as p', 'p.id', 's.patient_id')
        .select(['s.id', 'p.name', 's.date', 's.deleted_at as deletedAt'])
        .where('s.deleted_at', 'is not', null)
        .where('p.deleted_at', 'is', null)
        .$narrowType<{ deletedAt: string }>()
        .execute();
      const recordings = await db
        .selectFrom('recordings as r')
        .innerJoin('sessions as s', 's.id', 'r.session_id')
        .innerJoin('patients as p', 'p.id', 's.patient_id')
        .select([
          'r.id',
          'p.name',
          's.date',
          'r.view',
          'r.condition_label as conditionLabel',
          'r.original_name as originalName',
          'r.deleted_at as deletedAt',
        ])
        .where('r.deleted_at', 'is not', null)
        .where('s.deleted_at', 'is', null)
        .where('p.deleted_at', 'is', null)
        .$narrowType<{ deletedAt: string }>()
        .execute();
      return { patients, sessions, recordings };
    },
  };
}

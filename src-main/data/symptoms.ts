import type { Kysely } from 'kysely';
import type { SessionSymptoms, SymptomFields } from '../../src-shared/progress/symptoms';
import type { Database, SessionSymptomsTable } from './schema';

/**
 * The `session_symptoms` table (migration 0009): the patient's own story per session. A session whose
 * entries are all empty has no row (the service deletes it), so "not asked" and "asked, nothing to
 * say" read the same.
 */
export interface SymptomsRepo {
  get(sessionId: string): Promise<SessionSymptoms | undefined>;
  /** Symptoms of many sessions at once (the timeline), by session id. */
  ofSessions(sessionIds: readonly string[]): Promise<Map<string, SessionSymptoms>>;
  /** Insert or replace the session's row. */
  put(sessionId: string, f: SymptomFields, at: string): Promise<void>;
  remove(sessionId: string): Promise<void>;
}

export function symptomsRepo(db: Kysely<Database>): SymptomsRepo {
  return {
    async get(sessionId) {
      const row = await db
        .selectFrom('session_symptoms')
        .selectAll()
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return row && toSymptoms(row);
    },
    async ofSessions(sessionIds) {
      const out = new Map<string, SessionSymptoms>();
      // In chunks: SQLite allows at most 999 bound values in one statement by default.
      for (let i = 0; i < sessionIds.length; i += 500) {
        const rows = await db
          .selectFrom('session_symptoms')
          .selectAll()
          .where('session_id', 'in', sessionIds.slice(i, i + 500))
          .execute();
        for (const r of rows) out.set(r.session_id, toSymptoms(r));
      }
      return out;
    },
    async put(sessionId, f, at) {
      const values = {
        pain_before: f.painBefore,
        pain_during: f.painDuring,
        pain_after: f.painAfter,
        pain_24h: f.pain24h,
        weekly_km: f.weeklyKm,
        rtr_stage: f.rtrStage,
        notes: f.notes,
        updated_at: at,
      };
      await db
        .insertInto('session_symptoms')
        .values({ session_id: sessionId, ...values })
        .onConflict((oc) => oc.column('session_id').doUpdateSet(values))
        .execute();
    },
    async remove(sessionId) {
      await db.deleteFrom('session_symptoms').where('session_id', '=', sessionId).execute();
    },
  };
}

const toSymptoms = (r: SessionSymptomsTable): SessionSymptoms => ({
  sessionId: r.session_id,
  painBefore: r.pain_before,
  painDuring: r.pain_during,
  painAfter: r.pain_after,
  pain24h: r.pain_24h,
  weeklyKm: r.weekly_km,
  rtrStage: r.rtr_stage,
  notes: r.notes,
  updatedAt: r.updated_at,
});

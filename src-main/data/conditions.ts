import type { Kysely } from 'kysely';
import type { PlannedCondition } from '../../src-shared/library/conditions';
import { compact } from './parse';
import type { Database, SessionConditionsTable } from './schema';

/**
 * The `session_conditions` table (migration 0014): the conditions the PT planned for a session,
 * each with the settings typed for it, whether or not a clip is filed under it yet.
 */
export interface ConditionsRepo {
  /** The session's planned conditions, in the order they were first stored. */
  listForSession(sessionId: string): Promise<PlannedCondition[]>;
  get(sessionId: string, label: string): Promise<PlannedCondition | undefined>;
  /** Insert the condition, or replace the settings of the one with its label. */
  put(sessionId: string, condition: PlannedCondition, at: string): Promise<void>;
  /** False when the session had no condition of that label. */
  remove(sessionId: string, label: string): Promise<boolean>;
}

export function conditionsRepo(db: Kysely<Database>): ConditionsRepo {
  const ofSession = (sessionId: string) =>
    db.selectFrom('session_conditions').selectAll().where('session_id', '=', sessionId);
  return {
    async listForSession(sessionId) {
      const rows = await ofSession(sessionId).orderBy('created_at').orderBy('label').execute();
      return rows.map(toCondition);
    },
    async get(sessionId, label) {
      const row = await ofSession(sessionId).where('label', '=', label).executeTakeFirst();
      return row && toCondition(row);
    },
    async put(sessionId, c, at) {
      const settings = { incline_pct: c.inclinePct ?? null, speed_kmh: c.speedKmh ?? null, updated_at: at };
      await db
        .insertInto('session_conditions')
        .values({ session_id: sessionId, label: c.label, ...settings, created_at: at })
        .onConflict((oc) => oc.columns(['session_id', 'label']).doUpdateSet(settings))
        .execute();
    },
    async remove(sessionId, label) {
      const r = await db
        .deleteFrom('session_conditions')
        .where('session_id', '=', sessionId)
        .where('label', '=', label)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

const toCondition = (r: SessionConditionsTable): PlannedCondition =>
  compact<PlannedCondition>({ label: r.label, inclinePct: r.incline_pct, speedKmh: r.speed_kmh });

import type { Kysely } from 'kysely';
import { ReportEditsSchema, type ReportEdits } from '../../src-shared/contract/report';
import type { Database } from './schema';

/**
 * The `report_edits` table (migration 0005): the PT's saved words for a session's report. Read back
 * through the same schema that validated them on the way in, so a row edited by hand cannot reach
 * the report broken (such a row reads as no edits: the suggestions show).
 */
export interface ReportEditsRepo {
  get(sessionId: string): Promise<(ReportEdits & { updatedAt: string }) | undefined>;
  /** Insert or replace the session's edits (a first save also sets created_at). */
  put(sessionId: string, edits: ReportEdits, at: string): Promise<void>;
  /** False when there were none. */
  remove(sessionId: string): Promise<boolean>;
}

export function reportEditsRepo(db: Kysely<Database>): ReportEditsRepo {
  return {
    async get(sessionId) {
      const row = await db
        .selectFrom('report_edits')
        .select(['findings_json', 'plan_json', 'notes', 'updated_at'])
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      if (!row) return undefined;
      let raw;
      try {
        raw = { findings: JSON.parse(row.findings_json), plan: JSON.parse(row.plan_json), notes: row.notes };
      } catch {
        return undefined;
      }
      const parsed = ReportEditsSchema.safeParse(raw);
      return parsed.success ? { ...parsed.data, updatedAt: row.updated_at } : undefined;
    },
    async put(sessionId, edits, at) {
      const values = {
        findings_json: JSON.stringify(edits.findings),
        plan_json: JSON.stringify(edits.plan),
        notes: edits.notes,
        updated_at: at,
      };
      await db
        .insertInto('report_edits')
        .values({ session_id: sessionId, ...values, created_at: at })
        .onConflict((oc) => oc.column('session_id').doUpdateSet(values))
        .execute();
    },
    async remove(sessionId) {
      const r = await db.deleteFrom('report_edits').where('session_id', '=', sessionId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

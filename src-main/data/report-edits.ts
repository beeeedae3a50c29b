import { sql, type Kysely } from 'kysely';
import { ReportEditsSchema, type ReportEdits } from '../../src-shared/contract/report';
import { compact } from './parse';
import type { Database } from './schema';
import type { CheckedSave, EditStamp } from './versions';

/**
 * The `report_edits` table (migration 0005): the PT's saved words for a session's report. Read back
 * through the same schema that validated them on the way in, so a row edited by hand cannot reach
 * the report broken (such a row reads as no edits: the suggestions show).
 */
export interface ReportEditsRepo {
  get(sessionId: string): Promise<(ReportEdits & { updatedAt: string }) | undefined>;
  /**
   * Insert or replace the session's edits (a first save also sets created_at). Unchecked, and it
   * leaves the version alone (it also serves libraries older than 0011, e.g. in migration tests):
   * a workstation of a shared library saves with putChecked.
   */
  put(sessionId: string, edits: ReportEdits, at: string): Promise<void>;
  /** False when there were none. */
  remove(sessionId: string): Promise<boolean>;
  /** Who saved the session's edits last, when, at which version (undefined: never saved). */
  stamp(sessionId: string): Promise<EditStamp | undefined>;
  /**
   * Save only if the edits are still at `expectedVersion` (null: nobody has saved any yet), so two
   * workstations editing one report cannot overwrite each other in silence (versions.ts).
   */
  putChecked(
    sessionId: string,
    edits: ReportEdits,
    at: string,
    expectedVersion: number | null,
    by: string,
  ): Promise<CheckedSave>;
}

export function reportEditsRepo(db: Kysely<Database>): ReportEditsRepo {
  const stamp = async (sessionId: string): Promise<EditStamp | undefined> => {
    const r = await db
      .selectFrom('report_edits')
      .select(['version', 'updated_at', 'updated_by'])
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return r && compact<EditStamp>({ version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by });
  };
  const columns = (edits: ReportEdits, at: string) => ({
    findings_json: JSON.stringify(edits.findings),
    plan_json: JSON.stringify(edits.plan),
    notes: edits.notes,
    updated_at: at,
  });
  return {
    stamp,
    async putChecked(sessionId, edits, at, expectedVersion, by) {
      const values = { ...columns(edits, at), updated_by: by };
      let changed: bigint;
      if (expectedVersion === null) {
        // The first save: only if no other workstation made one meanwhile.
        const r = await db
          .insertInto('report_edits')
          .values({ session_id: sessionId, ...values, created_at: at })
          .onConflict((oc) => oc.column('session_id').doNothing())
          .executeTakeFirst();
        changed = BigInt(r.numInsertedOrUpdatedRows ?? 0n);
      } else {
        const r = await db
          .updateTable('report_edits')
          .set({ ...values, version: sql<number>`version + 1` })
          .where('session_id', '=', sessionId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        changed = r.numUpdatedRows;
      }
      if (changed === 1n) return { saved: true, version: (expectedVersion ?? 0) + 1 };
      const current = await stamp(sessionId);
      if (!current) throw new Error(`The report edits of session ${sessionId} were removed.`);
      return { saved: false, current };
    },
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

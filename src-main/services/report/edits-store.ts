import type Database from 'better-sqlite3';
import { ReportEditsSchema, type ReportEdits } from '../../../src-shared/contract/report';
import { getSession } from '../library/sessions';

/**
 * The PT's saved words for a session's report (table report_edits). Read back through the same
 * schema that validated them on the way in, so a row edited by hand cannot reach the report broken.
 */
interface Row {
  findings_json: string;
  plan_json: string;
  notes: string;
  updated_at: string;
}

export function loadEdits(
  db: Database.Database,
  sessionId: string,
): (ReportEdits & { updatedAt: string }) | undefined {
  const row = db
    .prepare(`SELECT findings_json, plan_json, notes, updated_at FROM report_edits WHERE session_id = ?`)
    .get(sessionId) as Row | undefined;
  if (!row) return undefined;
  const parsed = ReportEditsSchema.safeParse({
    findings: JSON.parse(row.findings_json),
    plan: JSON.parse(row.plan_json),
    notes: row.notes,
  });
  return parsed.success ? { ...parsed.data, updatedAt: row.updated_at } : undefined;
}

export function saveEdits(
  db: Database.Database,
  sessionId: string,
  edits: ReportEdits,
  now = new Date(),
): string {
  getSession(db, sessionId);
  const ts = now.toISOString();
  db.prepare(
    `INSERT INTO report_edits (session_id, findings_json, plan_json, notes, created_at, updated_at)
     VALUES (@id, @findings, @plan, @notes, @ts, @ts)
     ON CONFLICT (session_id) DO UPDATE SET findings_json = @findings, plan_json = @plan, notes = @notes,
       updated_at = @ts`,
  ).run({
    id: sessionId,
    findings: JSON.stringify(edits.findings),
    plan: JSON.stringify(edits.plan),
    notes: edits.notes,
    ts,
  });
  return ts;
}

export function resetEdits(db: Database.Database, sessionId: string): boolean {
  getSession(db, sessionId);
  return db.prepare(`DELETE FROM report_edits WHERE session_id = ?`).run(sessionId).changes > 0;
}

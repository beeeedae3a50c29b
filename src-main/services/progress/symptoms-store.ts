import type Database from 'better-sqlite3';
import {
  isEmptySymptoms,
  type SessionSymptoms,
  type SymptomFields,
} from '../../../src-shared/progress/symptoms';
import { ServiceError } from '../errors';
import { getSession } from '../library/sessions';

/**
 * The one owner of `session_symptoms` (migration 0009): rows parsed here and nowhere else. A session
 * whose entries are all empty has no row, so "not asked" and "asked, nothing to say" read the same.
 */
interface Row {
  session_id: string;
  pain_before: number | null;
  pain_during: number | null;
  pain_after: number | null;
  pain_24h: number | null;
  weekly_km: number | null;
  rtr_stage: string | null;
  notes: string | null;
  updated_at: string;
}

const toSymptoms = (r: Row): SessionSymptoms => ({
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

function sessionOrRefuse(db: Database.Database, sessionId: string): void {
  try {
    getSession(db, sessionId);
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'not-found')
      throw new ServiceError('not-found', 'This session no longer exists.', 'sessionId');
    throw err;
  }
}

export function getSymptoms(db: Database.Database, sessionId: string): SessionSymptoms | null {
  const row = db.prepare(`SELECT * FROM session_symptoms WHERE session_id = ?`).get(sessionId) as
    Row | undefined;
  return row ? toSymptoms(row) : null;
}

/** Symptoms of many sessions at once (the timeline), by session id. */
export function symptomsOf(
  db: Database.Database,
  sessionIds: readonly string[],
): Map<string, SessionSymptoms> {
  const out = new Map<string, SessionSymptoms>();
  const get = db.prepare(`SELECT * FROM session_symptoms WHERE session_id = ?`);
  for (const id of sessionIds) {
    const row = get.get(id) as Row | undefined;
    if (row) out.set(id, toSymptoms(row));
  }
  return out;
}

export function setSymptoms(
  db: Database.Database,
  sessionId: string,
  f: SymptomFields,
  now = new Date(),
): SessionSymptoms | null {
  sessionOrRefuse(db, sessionId);
  if (isEmptySymptoms(f)) {
    db.prepare(`DELETE FROM session_symptoms WHERE session_id = ?`).run(sessionId);
    return null;
  }
  db.prepare(
    `INSERT INTO session_symptoms (session_id, pain_before, pain_during, pain_after, pain_24h, weekly_km, rtr_stage,
       notes, updated_at)
     VALUES (@session_id, @pain_before, @pain_during, @pain_after, @pain_24h, @weekly_km, @rtr_stage, @notes, @ts)
     ON CONFLICT (session_id) DO UPDATE SET pain_before = excluded.pain_before, pain_during = excluded.pain_during,
       pain_after = excluded.pain_after, pain_24h = excluded.pain_24h, weekly_km = excluded.weekly_km,
       rtr_stage = excluded.rtr_stage, notes = excluded.notes, updated_at = excluded.updated_at`,
  ).run({
    session_id: sessionId,
    pain_before: f.painBefore,
    pain_during: f.painDuring,
    pain_after: f.painAfter,
    pain_24h: f.pain24h,
    weekly_km: f.weeklyKm,
    rtr_stage: f.rtrStage,
    notes: f.notes,
    ts: now.toISOString(),
  });
  return getSymptoms(db, sessionId);
}

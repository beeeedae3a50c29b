import type Database from 'better-sqlite3';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';

/**
 * The analysis queue's table (migration 0007): the only SQL on `analysis_jobs`. Rows are parsed here
 * and nowhere else. A job is (recording, model); queueing one that exists puts it back in the queue
 * (Retry) rather than adding a second row.
 */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface AnalysisJob {
  readonly recordingId: string;
  readonly sessionId: string;
  readonly model: PoseModelName;
  readonly state: JobState;
  readonly force: boolean;
  readonly attempts: number;
  readonly error: string | null;
  readonly note: string | null;
  readonly queuedAt: string;
  readonly updatedAt: string;
}

interface Row {
  recording_id: string;
  session_id: string;
  model: string;
  state: string;
  force: number;
  attempts: number;
  error: string | null;
  note: string | null;
  queued_at: string;
  updated_at: string;
}

const SELECT = `SELECT j.recording_id, r.session_id, j.model, j.state, j.force, j.attempts, j.error, j.note,
                       j.queued_at, j.updated_at
                FROM analysis_jobs j JOIN recordings r ON r.id = j.recording_id`;

function toJob(r: Row): AnalysisJob {
  return {
    recordingId: r.recording_id,
    sessionId: r.session_id,
    model: r.model as PoseModelName,
    state: r.state as JobState,
    force: r.force === 1,
    attempts: r.attempts,
    error: r.error,
    note: r.note,
    queuedAt: r.queued_at,
    updatedAt: r.updated_at,
  };
}

const now = (): string => new Date().toISOString();

/** Queue (or re-queue) the job; a running job is left as it is. */
export function enqueueJob(
  db: Database.Database,
  recordingId: string,
  model: PoseModelName,
  force: boolean,
): void {
  const ts = now();
  db.prepare(
    `INSERT INTO analysis_jobs (recording_id, model, state, force, attempts, queued_at, updated_at)
     VALUES (?, ?, 'queued', ?, 0, ?, ?)
     ON CONFLICT (recording_id, model) DO UPDATE SET
       state = 'queued', force = excluded.force, error = NULL, note = NULL,
       queued_at = excluded.queued_at, updated_at = excluded.updated_at
     WHERE analysis_jobs.state <> 'running'`,
  ).run(recordingId, model, force ? 1 : 0, ts, ts);
}

export function getJob(db: Database.Database, recordingId: string, model: PoseModelName): AnalysisJob | null {
  const row = db.prepare(`${SELECT} WHERE j.recording_id = ? AND j.model = ?`).get(recordingId, model) as
    Row | undefined;
  return row ? toJob(row) : null;
}

/** Every job of the session's clips that are not in the trash. */
export function sessionJobs(db: Database.Database, sessionId: string): AnalysisJob[] {
  return (
    db
      .prepare(`${SELECT} WHERE r.session_id = ? AND r.deleted_at IS NULL ORDER BY j.queued_at`)
      .all(sessionId) as Row[]
  ).map(toJob);
}

/**
 * The oldest queued job of a clip that is not in the trash and not `busy` (a clip runs one job at a
 * time), claimed: state 'running', one more attempt.
 */
export function claimNextJob(db: Database.Database, busy: readonly string[] = []): AnalysisJob | null {
  return db.transaction(() => {
    const row = db
      .prepare(
        `${SELECT} WHERE j.state = 'queued' AND r.deleted_at IS NULL
           AND j.recording_id NOT IN (SELECT value FROM json_each(?))
         ORDER BY j.queued_at LIMIT 1`,
      )
      .get(JSON.stringify(busy)) as Row | undefined;
    if (!row) return null;
    db.prepare(
      `UPDATE analysis_jobs SET state = 'running', attempts = attempts + 1, updated_at = ?
       WHERE recording_id = ? AND model = ?`,
    ).run(now(), row.recording_id, row.model);
    return toJob({ ...row, state: 'running', attempts: row.attempts + 1 });
  })();
}

export function finishJob(
  db: Database.Database,
  recordingId: string,
  model: PoseModelName,
  outcome:
    | { state: 'done'; note: string | null }
    | { state: 'failed'; error: string }
    | { state: 'cancelled' | 'queued' },
): void {
  db.prepare(
    `UPDATE analysis_jobs SET state = ?, error = ?, note = ?, force = CASE WHEN ? = 'done' THEN 0 ELSE force END,
       updated_at = ?
     WHERE recording_id = ? AND model = ?`,
  ).run(
    outcome.state,
    outcome.state === 'failed' ? outcome.error : null,
    outcome.state === 'done' ? outcome.note : null,
    outcome.state,
    now(),
    recordingId,
    model,
  );
}

/** Cancel a waiting job (a running one is cancelled through its signal). */
export function cancelQueuedJob(db: Database.Database, recordingId: string): boolean {
  const r = db
    .prepare(
      `UPDATE analysis_jobs SET state = 'cancelled', updated_at = ? WHERE recording_id = ? AND state = 'queued'`,
    )
    .run(now(), recordingId);
  return r.changes > 0;
}

/**
 * At start-up: jobs left 'running' by a process that died are queued again, at the head of the queue
 * (they were first). Returns how many.
 */
export function requeueInterrupted(db: Database.Database): number {
  return db
    .prepare(`UPDATE analysis_jobs SET state = 'queued', updated_at = ? WHERE state = 'running'`)
    .run(now()).changes;
}

/** Frames of a recording, for the queue's time estimates (moves to src-main/data with this file). */
export function recordingFrameCount(db: Database.Database, recordingId: string): number {
  const row = db.prepare(`SELECT frame_count FROM recordings WHERE id = ?`).get(recordingId) as
    { frame_count: number } | undefined;
  return row?.frame_count ?? 0;
}

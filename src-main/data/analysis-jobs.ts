import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { CLIP_OUTCOMES, type ClipOutcome } from '../../src-shared/analysis/outcome';
import { EarlyNumbersSchema, type EarlyNumbers } from '../../src-shared/contract/analysis';
import type { PoseModelName } from '../../src-shared/pose/engine-protocol';
import { isPostgres } from './dialect';
import { parseJson, parseWord } from './parse';
import type { AnalysisJobsTable, Database } from './schema';

/**
 * The analysis queue's table (migrations 0007, 0012, 0013, 0015): the only owner of `analysis_jobs`. A job is
 * (recording, pose model); queueing one that exists puts it back in the queue (Retry) rather than
 * adding a second row.
 *
 * Several workstations on one server (issue 17 item 4) take jobs from the same table. A claim is one
 * UPDATE whose sub-select locks the row it picks `FOR UPDATE SKIP LOCKED`
 * (https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE): two workstations
 * claiming at the same moment lock different rows, never the same one, and neither waits for the
 * other. A claimed job holds a lease that its workstation renews while it works; a running job whose
 * lease has run out belongs to a workstation that died and is claimed again (taken over). Lease times
 * come from the database's clock, so workstations whose clocks disagree still agree on them. The
 * embedded library has one process (the library lock), so there a claim takes queued jobs only and
 * the jobs a dead process left running are queued again at start-up (`requeueRunning`).
 *
 * Migration 0015: a finished job keeps what its gait step made of the clip (`outcome`: numbers, none
 * and why), which the session card says; existing jobs were filled from their notes.
 *
 * Migration 0013: a running job keeps its steady window's first numbers (`setEarly`), provisional,
 * until the job ends (issue 16: Review and the report show them labelled, after a restart too); and a
 * cancel pressed on a workstation that does not run the job is stored with it (`requestCancel`): the
 * runner learns it from its next lease renewal and cancels the job as a local cancel would.
 */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
const STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const satisfies readonly JobState[];
const MODELS = ['lite', 'full', 'heavy'] as const satisfies readonly PoseModelName[];

export interface AnalysisJob {
  readonly recordingId: string;
  readonly sessionId: string;
  readonly model: PoseModelName;
  readonly state: JobState;
  readonly force: boolean;
  readonly attempts: number;
  /** The reason of a failed job (the queue shows it as it is; null otherwise). */
  readonly error: string | null;
  /** What a finished job could not do (align by hand, no gait numbers), else null. */
  readonly note: string | null;
  /** What the gait step made of a finished clip (0015); null unless done. */
  readonly outcome: ClipOutcome | null;
  readonly queuedAt: string;
  readonly updatedAt: string;
  /** The workstation process running it, while it runs. */
  readonly claimedBy?: string;
  /** The steady window's first numbers, provisional, while the whole clip is analysed (0013). */
  readonly early?: EarlyNumbers;
  /** A cancel asked for on another workstation, not yet carried out by the one running the job. */
  readonly cancelRequested?: { readonly at: string; readonly by: string };
}

/** What a lease renewal finds: still this claimer's, taken over, or asked to stop (a remote cancel). */
export type LeaseState = 'held' | 'lost' | 'cancel-requested';

export type JobOutcome =
  | { readonly state: 'done'; readonly outcome: ClipOutcome; readonly note: string | null }
  | { readonly state: 'failed'; readonly error: string }
  | { readonly state: 'cancelled' | 'queued' };

export interface ClaimRequest {
  /** This workstation process (unique per process: a restarted workstation is another claimer). */
  readonly worker: string;
  /** How long the claim holds without a renewal. */
  readonly leaseMs: number;
  /** Recordings this process is running now (a clip runs one job at a time). */
  readonly busy: readonly string[];
}

export interface AnalysisJobsRepo {
  /** Queue (or queue again) the job; a running job is left as it is. */
  enqueue(recordingId: string, model: PoseModelName, force: boolean, at: string): Promise<void>;
  get(recordingId: string, model: PoseModelName): Promise<AnalysisJob | undefined>;
  /** Every job of the session's clips that are not in the trash, oldest queued first. */
  listForSession(sessionId: string): Promise<AnalysisJob[]>;
  /**
   * Claim the oldest job waiting of a clip not in the trash and not busy: state 'running', one more
   * attempt, claimed by `worker` with a lease. On the server, a running job whose lease ran out
   * (its workstation died) is waiting too, and a clip another workstation is running is not.
   */
  claimNext(claim: ClaimRequest, at: string): Promise<AnalysisJob | undefined>;
  /**
   * Extend the lease of a job `worker` still holds: 'lost' when it no longer does (taken over),
   * 'cancel-requested' when a workstation asked for it to stop (the lease is extended meanwhile).
   */
  renewLease(recordingId: string, model: PoseModelName, worker: string, leaseMs: number): Promise<LeaseState>;
  /** Store the running job's first numbers, if `worker` still holds it. */
  setEarly(recordingId: string, model: PoseModelName, early: EarlyNumbers, worker: string): Promise<boolean>;
  /**
   * Cancel the clip's jobs from any workstation: waiting ones at once ('cancelled'); a running one
   * is asked to stop ('requested'), or cancelled at once when its lease ran out (nobody runs it).
   * 'none' when nothing of the clip waits or runs.
   */
  requestCancel(recordingId: string, by: string, at: string): Promise<'cancelled' | 'requested' | 'none'>;
  /**
   * End the running job (or put it back in the queue). With `worker`, only if that process still
   * holds it: a workstation that lost its lease never overwrites the one that took over. False when
   * nothing changed.
   */
  finish(
    recordingId: string,
    model: PoseModelName,
    outcome: JobOutcome,
    at: string,
    worker?: string,
  ): Promise<boolean>;
  /** Cancel the clip's waiting jobs (a running one is cancelled through its signal). */
  cancelQueued(recordingId: string, at: string): Promise<boolean>;
  /** Embedded library at start-up: jobs a dead process left running are queued again. How many. */
  requeueRunning(at: string): Promise<number>;
}

/** What a job holds only while it runs: its claimer, lease and a cancel asked for meanwhile. */
const ENDED = {
  claimed_by: null,
  lease_until: null,
  cancel_requested_at: null,
  cancel_requested_by: null,
} as const;

/**
 * The database's clock plus `ms`, as ISO 8601 UTC with milliseconds: the form every time column of
 * the library has (`Date.toISOString()`), so lease times compare as text on both backends.
 */
function clockPlus(pg: boolean, ms: number): RawBuilder<string> {
  return pg
    ? sql<string>`to_char((clock_timestamp() + ${Math.round(ms)}::integer * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`+${Math.round(ms) / 1000} seconds`})`;
}

export function analysisJobsRepo(db: Kysely<Database>): AnalysisJobsRepo {
  const pg = isPostgres(db);
  const jobs = () =>
    db
      .selectFrom('analysis_jobs as j')
      .innerJoin('recordings as r', 'r.id', 'j.recording_id')
      .selectAll('j')
      .select('r.session_id');
  const get = async (recordingId: string, model: string): Promise<AnalysisJob | undefined> => {
    const row = await jobs()
      .where('j.recording_id', '=', recordingId)
      .where('j.model', '=', model)
      .executeTakeFirst();
    return row && toJob(row);
  };
  const cancelQueued = async (recordingId: string, at: string): Promise<boolean> => {
    const r = await db
      .updateTable('analysis_jobs')
      .set({ ...ENDED, state: 'cancelled', early_json: null, updated_at: at })
      .where('recording_id', '=', recordingId)
      .where('state', '=', 'queued')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  };
  return {
    async enqueue(recordingId, model, force, at) {
      await db
        .insertInto('analysis_jobs')
        .values({
          recording_id: recordingId,
          model,
          state: 'queued',
          force: force ? 1 : 0,
          attempts: 0,
          queued_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['recording_id', 'model'])
            .doUpdateSet({
              state: 'queued',
              force: force ? 1 : 0,
              error: null,
              note: null,
              outcome: null,
              claimed_by: null,
              lease_until: null,
              early_json: null,
              cancel_requested_at: null,
              cancel_requested_by: null,
              queued_at: at,
              updated_at: at,
            })
            .where('analysis_jobs.state', '<>', 'running'),
        )
        .execute();
    },
    get,
    async listForSession(sessionId) {
      const rows = await jobs()
        .where('r.session_id', '=', sessionId)
        .where('r.deleted_at', 'is', null)
        .orderBy('j.queued_at')
        .execute();
      return rows.map(toJob);
    },
    async claimNext({ worker, leaseMs, busy }, at) {
      const now = clockPlus(pg, 0);
      // A job asked to stop whose runner died meanwhile: cancelled, as asked, not taken over.
      if (pg)
        await db
          .updateTable('analysis_jobs')
          .set({ ...ENDED, state: 'cancelled', early_json: null, updated_at: at })
          .where('state', '=', 'running')
          .where('cancel_requested_at', 'is not', null)
          .where('lease_until', '<', now)
          .execute();
      let pick = db
        .selectFrom('analysis_jobs as j')
        .innerJoin('recordings as r', 'r.id', 'j.recording_id')
        .select(['j.recording_id', 'j.model'])
        .where('r.deleted_at', 'is', null)
        .orderBy('j.queued_at')
        .limit(1);
      if (busy.length) pick = pick.where('j.recording_id', 'not in', busy);
      if (pg) {
        pick = pick
          .where((eb) =>
            eb.or([
              eb('j.state', '=', 'queued'),
              eb.and([
                eb('j.state', '=', 'running'),
                eb.or([eb('j.lease_until', 'is', null), eb('j.lease_until', '<', now)]),
              ]),
            ]),
          )
          // One clip, one job at a time across workstations too (another model of it running elsewhere).
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('analysis_jobs as o')
                  .select('o.model')
                  .whereRef('o.recording_id', '=', 'j.recording_id')
                  .whereRef('o.model', '<>', 'j.model')
                  .where('o.state', '=', 'running')
                  .where('o.lease_until', '>=', now),
              ),
            ),
          )
          .forUpdate(['j'])
          .skipLocked();
      } else {
        pick = pick.where('j.state', '=', 'queued');
      }
      const claimed = await db
        .updateTable('analysis_jobs')
        .set({
          state: 'running',
          attempts: sql<number>`attempts + 1`,
          claimed_by: worker,
          lease_until: clockPlus(pg, leaseMs),
          updated_at: at,
        })
        .where(sql<boolean>`(recording_id, model) = (${pick})`)
        .returning(['recording_id', 'model'])
        .executeTakeFirst();
      return claimed && get(claimed.recording_id, claimed.model);
    },
    async renewLease(recordingId, model, worker, leaseMs) {
      const r = await db
        .updateTable('analysis_jobs')
        .set({ lease_until: clockPlus(pg, leaseMs) })
        .where('recording_id', '=', recordingId)
        .where('model', '=', model)
        .where('state', '=', 'running')
        .where('claimed_by', '=', worker)
        .returning('cancel_requested_at')
        .executeTakeFirst();
      if (!r) return 'lost';
      return r.cancel_requested_at === null ? 'held' : 'cancel-requested';
    },
    async setEarly(recordingId, model, early, worker) {
      const r = await db
        .updateTable('analysis_jobs')
        .set({ early_json: JSON.stringify(EarlyNumbersSchema.parse(early)) })
        .where('recording_id', '=', recordingId)
        .where('model', '=', model)
        .where('state', '=', 'running')
        .where('claimed_by', '=', worker)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async requestCancel(recordingId, by, at) {
      if (await cancelQueued(recordingId, at)) return 'cancelled';
      const now = clockPlus(pg, 0);
      // Nobody runs it any more (its lease ran out, or the embedded library's dead process): cancel now.
      const orphan = await db
        .updateTable('analysis_jobs')
        .set({ ...ENDED, state: 'cancelled', early_json: null, updated_at: at })
        .where('recording_id', '=', recordingId)
        .where('state', '=', 'running')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      if (Number(orphan.numUpdatedRows) > 0) return 'cancelled';
      const asked = await db
        .updateTable('analysis_jobs')
        .set({ cancel_requested_at: at, cancel_requested_by: by, updated_at: at })
        .where('recording_id', '=', recordingId)
        .where('state', '=', 'running')
        .executeTakeFirst();
      return Number(asked.numUpdatedRows) > 0 ? 'requested' : 'none';
    },
    async finish(recordingId, model, outcome, at, worker) {
      let q = db
        .updateTable('analysis_jobs')
        .set({
          state: outcome.state,
          error: outcome.state === 'failed' ? outcome.error : null,
          note: outcome.state === 'done' ? outcome.note : null,
          outcome: outcome.state === 'done' ? outcome.outcome : null,
          // A forced run (Retry with force) is done once: the next Retry reuses what it wrote.
          ...(outcome.state === 'done' ? { force: 0 } : {}),
          // First numbers wait with a job handed back (resumed later); any end replaces them.
          ...(outcome.state === 'queued' ? {} : { early_json: null }),
          ...ENDED,
          updated_at: at,
        })
        .where('recording_id', '=', recordingId)
        .where('model', '=', model);
      if (worker !== undefined) q = q.where('state', '=', 'running').where('claimed_by', '=', worker);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    cancelQueued,
    async requeueRunning(at) {
      // One asked to stop before the process died stays stopped.
      await db
        .updateTable('analysis_jobs')
        .set({ ...ENDED, state: 'cancelled', early_json: null, updated_at: at })
        .where('state', '=', 'running')
        .where('cancel_requested_at', 'is not', null)
        .execute();
      const r = await db
        .updateTable('analysis_jobs')
        .set({ ...ENDED, state: 'queued', updated_at: at })
        .where('state', '=', 'running')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}

function toJob(r: Selectable<AnalysisJobsTable> & { session_id: string }): AnalysisJob {
  const what = `the analysis of recording ${r.recording_id}`;
  return {
    recordingId: r.recording_id,
    sessionId: r.session_id,
    model: parseWord(MODELS, r.model, what),
    state: parseWord(STATES, r.state, what),
    force: r.force === 1,
    attempts: r.attempts,
    error: r.error,
    note: r.note,
    outcome: r.outcome === null ? null : parseWord(CLIP_OUTCOMES, r.outcome, what),
    queuedAt: r.queued_at,
    updatedAt: r.updated_at,
    ...(r.claimed_by !== null ? { claimedBy: r.claimed_by } : {}),
    ...(r.early_json !== null ? { early: parseJson(EarlyNumbersSchema, r.early_json, what) } : {}),
    ...(r.cancel_requested_at !== null
      ? { cancelRequested: { at: r.cancel_requested_at, by: r.cancel_requested_by ?? '' } }
      : {}),
  };
}

import type { ControlledTransaction, Kysely } from 'kysely';
import { captureRepo, type CaptureRepo } from './capture';
import { conditionsRepo, type ConditionsRepo } from './conditions';
import { eventEditsRepo, type EventEditsRepo } from './event-edits';
import { patientsRepo, type PatientsRepo } from './patients';
import { recordingsRepo, type RecordingsRepo } from './recordings';
import { reportEditsRepo, type ReportEditsRepo } from './report-edits';
import { reviewRepo, type ReviewRepo } from './review';
import { sessionsRepo, type SessionsRepo } from './sessions';
import { symptomsRepo, type SymptomsRepo } from './symptoms';
import { trashRepo, type TrashRepo } from './trash';
import { analysisJobsRepo, type AnalysisJobsRepo } from './analysis-jobs';
import { syncRepo, type SyncRepo } from './sync';
import { markersRepo, type MarkersRepo } from './markers';
import { sessionArchiveRepo, type SessionArchiveRepo } from './session-archive';
import type { Database } from './schema';

export type { Database } from './schema';

/** Every repository, each the one owner of its tables (src-main/data/README.md). */
export interface Repositories {
  readonly patients: PatientsRepo;
  readonly sessions: SessionsRepo;
  /** The conditions planned for a session, with their settings (session_conditions). */
  readonly conditions: ConditionsRepo;
  readonly recordings: RecordingsRepo;
  readonly trash: TrashRepo;
  readonly reportEdits: ReportEditsRepo;
  readonly symptoms: SymptomsRepo;
  readonly review: ReviewRepo;
  readonly eventEdits: EventEditsRepo;
  readonly capture: CaptureRepo;
  readonly sync: SyncRepo;
  readonly markers: MarkersRepo;
  /** One session's rows across tables, for session archives (media/archive.ts). */
  readonly sessionArchive: SessionArchiveRepo;
  readonly analysisJobs: AnalysisJobsRepo;
}

/** A transaction begun and not yet ended: its own repositories, and the two ways to end it. */
export interface OpenTransaction {
  readonly data: DataLayer;
  commit(): Promise<void>;
  /** Undo everything since begin. Does nothing once committed or rolled back. */
  rollback(): Promise<void>;
}

/**
 * The library's data, one typed repository per domain over one kysely instance. Every method is
 * async: the embedded backend (better-sqlite3) answers at once, the server backend (PostgreSQL)
 * over the network, and callers cannot tell.
 */
export interface DataLayer extends Repositories {
  /**
   * Run `fn` with repositories bound to one transaction: committed when it resolves, rolled back
   * when it throws. Inside a transaction it nests as a savepoint (undone alone if `fn` throws).
   * Keep `fn` to database work: on SQLite the transaction holds the library's one connection, so
   * everything else waits for it.
   */
  transaction<T>(fn: (tx: DataLayer) => Promise<T>): Promise<T>;
  /**
   * A transaction left open across long work (library/all-or-nothing.ts): every call through
   * `data` of the result belongs to it until commit or rollback. Inside a transaction, a savepoint.
   */
  begin(): Promise<OpenTransaction>;
}

type Trx = ControlledTransaction<Database, string[]>;

function repositories(db: Kysely<Database>): Repositories {
  return {
    patients: patientsRepo(db),
    sessions: sessionsRepo(db),
    conditions: conditionsRepo(db),
    recordings: recordingsRepo(db),
    trash: trashRepo(db),
    reportEdits: reportEditsRepo(db),
    symptoms: symptomsRepo(db),
    review: reviewRepo(db),
    eventEdits: eventEditsRepo(db),
    capture: captureRepo(db),
    sync: syncRepo(db),
    markers: markersRepo(db),
    sessionArchive: sessionArchiveRepo(db),
    analysisJobs: analysisJobsRepo(db),
  };
}

/** Savepoint names only need to be unique among those open at once; a counter is. */
let savepoints = 0;

export function createDataLayer(db: Kysely<Database>): DataLayer {
  return bind(db, undefined);
}

function bind(db: Kysely<Database>, trx: Trx | undefined): DataLayer {
  const layer: DataLayer = {
    ...repositories(trx ?? db),
    async transaction(fn) {
      const open = await layer.begin();
      let result;
      try {
        result = await fn(open.data);
      } catch (err) {
        await open.rollback();
        throw err;
      }
      await open.commit();
      return result;
    },
    async begin() {
      return trx ? beginSavepoint(trx) : beginTransaction(db);
    },
  };
  return layer;
}

async function beginTransaction(db: Kysely<Database>): Promise<OpenTransaction> {
  const trx = (await db.startTransaction().execute()) as unknown as Trx;
  let open = true;
  return {
    data: bind(trx, trx),
    async commit() {
      if (!open) return;
      open = false;
      try {
        await trx.commit().execute();
      } catch (err) {
        // A failed COMMIT (disk full) leaves the transaction to be undone, and the connection free.
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw err;
      }
    },
    async rollback() {
      if (!open) return;
      open = false;
      // A transaction the database already ended (SQLite rolls back by itself on a full disk, a
      // server connection can die) has nothing left to undo; the error that ended it is the one to
      // report, so a failing ROLLBACK is not. kysely frees the connection either way.
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
    },
  };
}

async function beginSavepoint(trx: Trx): Promise<OpenTransaction> {
  const name = `sp${++savepoints}`;
  await trx.savepoint(name).execute();
  let open = true;
  return {
    data: bind(trx, trx),
    async commit() {
      if (!open) return;
      open = false;
      await trx.releaseSavepoint(name).execute();
    },
    async rollback() {
      if (!open) return;
      open = false;
      // As above: if the whole transaction is gone, so is the savepoint; the outer one rolls back.
      try {
        await trx.rollbackToSavepoint(name).execute();
        await trx.releaseSavepoint(name).execute();
      } catch {
        // reported by the caller's own error
      }
    },
  };
}

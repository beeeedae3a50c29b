import type { Library } from './db';
import { purgeOrphanMediaSync } from '../media/purge';

/**
 * Several steps that must land in the library together or not at all, across long async work
 * (`stridelab import` making a session for its clip; `stridelab analyze --home` making a patient, a
 * session, recordings and their pose results). One SQLite transaction spans the whole job: rows
 * written by the steps (nested `db.transaction` calls become savepoints inside it) are committed
 * once at the end. On failure they roll back and the media folders they had renamed into media/
 * are removed; on kill -9 SQLite discards the uncommitted rows by itself and the next open of the
 * library removes the folders (media/purge.ts). The library lock keeps every other process out for
 * the job's duration, so the long transaction blocks nobody.
 */
export interface AllOrNothing {
  commit(): void;
  /** Undo everything since begin (rows and media). Safe to call after commit: then it does nothing. */
  rollback(): void;
}

export function beginAllOrNothing(library: Library): AllOrNothing {
  const { db } = library;
  db.exec('BEGIN IMMEDIATE');
  let open = true;
  return {
    commit() {
      if (!open) return;
      db.exec('COMMIT');
      open = false;
    },
    rollback() {
      if (!open) return;
      open = false;
      if (db.inTransaction) db.exec('ROLLBACK');
      purgeOrphanMediaSync(db, library.paths.mediaDir);
    },
  };
}

import type { Library } from './db';
import { purgeOrphanMedia } from '../media/purge';

/**
 * Several steps that must land in the library together or not at all, across long async work
 * (`stridelab import` making a session for its clip; `stridelab analyze --home` making a patient, a
 * session, recordings and their pose results). One transaction spans the whole job: the steps run
 * on `job.library`, whose data layer is bound to it (their own transactions become savepoints inside
 * it), and everything is committed once at the end. On failure the rows roll back and the media
 * folders the steps had renamed into media/ are removed; on kill -9 the database discards the
 * uncommitted rows by itself and the next open of the library removes the folders (media/purge.ts).
 * The library lock keeps every other process out for the job's duration, so the long transaction
 * blocks nobody. On SQLite the transaction holds the library's one connection: the steps must use
 * `job.library`, never the library they began from.
 */
export interface AllOrNothing {
  /** The library as the job's steps see it: every row they write belongs to the job. */
  readonly library: Library;
  commit(): Promise<void>;
  /** Undo everything since begin (rows and media). Safe to call after commit: then it does nothing. */
  rollback(): Promise<void>;
}

export async function beginAllOrNothing(library: Library): Promise<AllOrNothing> {
  const tx = await library.data.begin();
  let open = true;
  // Copied by descriptor, not spread: a spread reads every getter, and a clinic server's library
  // answers `db` with a refusal (library/server-mode.ts), which threw here with the transaction open.
  const bound = Object.defineProperties(
    {},
    { ...Object.getOwnPropertyDescriptors(library), data: { value: tx.data, enumerable: true } },
  ) as Library;
  return {
    library: bound,
    async commit() {
      if (!open) return;
      open = false;
      await tx.commit();
    },
    async rollback() {
      if (!open) return;
      open = false;
      try {
        await tx.rollback();
      } finally {
        await purgeOrphanMedia(library);
      }
    },
  };
}

import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { ServiceError } from '../errors';
import { removeIfEmpty, removeTree } from '../media/fsutil';
import type { LandingHold } from '../media/landing';
import type { Library } from './db';

/**
 * Several steps that must land in the library together or not at all, across long async work
 * (`stridelab import` making a session for its clip; `stridelab analyze --home` making a patient, a
 * session, recordings and their pose results). One transaction spans the whole job: the steps run
 * on `job.library`, whose data layer is bound to it (their own transactions become savepoints inside
 * it), and everything is committed once at the end. On failure the rows roll back and the media
 * folders the steps had renamed into media/ are removed; on kill -9 the database discards the
 * uncommitted rows by itself and the next open of the library removes the folders (media/purge.ts).
 * Until the commit the landed folders keep their markers (media/landing.ts), so a sweep by another
 * workstation of a clinic server, or by this process, leaves them alone; a rollback removes exactly
 * those folders, never anyone else's (it swept the whole media folder before, issue 17 item 3).
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
  const landings: LandingHold[] = [];
  // Copied by descriptor, not spread: a spread reads every getter, and a clinic server's library
  // answers `db` with a refusal (library/server-mode.ts), which threw here with the transaction open.
  const bound = Object.defineProperties(
    {},
    {
      ...Object.getOwnPropertyDescriptors(library),
      data: { value: tx.data, enumerable: true },
      landings: { value: landings, enumerable: true },
    },
  ) as Library;
  const rollback = async (): Promise<void> => {
    if (!open) return;
    open = false;
    try {
      await tx.rollback();
    } finally {
      for (const h of landings) {
        h.stop();
        await removeTree(h.folder);
        await removeIfEmpty(dirname(h.folder));
      }
    }
  };
  return {
    library: bound,
    async commit() {
      if (!open) return;
      // A folder swept meanwhile (this computer lost the share for longer than the lease) must not
      // get a row that names nothing.
      if (landings.some((h) => !existsSync(h.folder))) {
        await rollback();
        throw new ServiceError(
          'io',
          "The clinic's shared media folder was out of reach for too long while this job ran, and its clips were cleared away. Nothing was saved: run it again.",
        );
      }
      open = false;
      await tx.commit();
      await Promise.all(landings.map((h) => h.release()));
    },
    rollback,
  };
}

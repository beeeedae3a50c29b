import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../src-main/services/library/db';
import { beginAllOrNothing } from '../../src-main/services/library/all-or-nothing';
import { tempDir } from '../helpers/tmp';

/**
 * The embedded backend's one connection (src-main/data/sqlite.ts): a transaction that SQLite ended by
 * itself (as it does on a full disk) reports the error that ended it and leaves the connection free,
 * and an all-or-nothing job's steps write through the job, not around it. SQLite only: the server
 * backend's connections are its own (the postgres project skips this file).
 */
describe.skipIf(process.env.STRIDELAB_TEST_DB === 'postgres')('transactions on the embedded library', () => {
  let tmp: ReturnType<typeof tempDir>;
  let lib: Library;
  beforeEach(() => {
    tmp = tempDir('stridelab-data-tx-');
    lib = openLibrary(tmp.path);
  });
  afterEach(() => {
    lib.close();
    tmp.cleanup();
  });

  it('reports the error that ended a transaction, and the connection is free afterwards', async () => {
    await expect(
      lib.data.transaction(async (tx) => {
        await tx.patients.insert('p1', { name: 'Gone', sex: 'female' }, '2026-01-01T00:00:00Z');
        lib.db.exec('ROLLBACK'); // what SQLite does by itself on SQLITE_FULL
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    // Not stuck waiting for the connection, and nothing was kept.
    expect(await lib.data.patients.get('p1')).toBeUndefined();
    await lib.data.patients.insert('p2', { name: 'Next', sex: 'male' }, '2026-01-01T00:00:00Z');
    expect((await lib.data.patients.get('p2'))?.name).toBe('Next');
  });

  it('an all-or-nothing job: its steps and their own transactions land together, or not at all', async () => {
    const job = await beginAllOrNothing(lib);
    await job.library.data.patients.insert('p1', { name: 'Job', sex: 'female' }, '2026-01-01T00:00:00Z');
    // A step with its own transaction (an import's row) nests as a savepoint inside the job.
    await job.library.data.transaction(async (tx) => {
      await tx.sessions.insert(
        's1',
        {
          patientId: 'p1',
          date: '2026-01-02',
          injurySide: 'none',
          treadmillSpeedsKmh: [],
          treadmillInclinesPct: [],
        },
        '2026-01-02T00:00:00Z',
      );
    });
    expect(lib.db.inTransaction).toBe(true);
    await job.rollback();
    expect(lib.db.inTransaction).toBe(false);
    expect(await lib.data.patients.get('p1')).toBeUndefined();
    expect(await lib.data.sessions.get('s1')).toBeUndefined();

    const kept = await beginAllOrNothing(lib);
    await kept.library.data.patients.insert('p3', { name: 'Kept', sex: 'male' }, '2026-01-01T00:00:00Z');
    await kept.commit();
    await kept.rollback(); // after commit: nothing, as a `finally` calls it
    expect((await lib.data.patients.get('p3'))?.name).toBe('Kept');
  });
});

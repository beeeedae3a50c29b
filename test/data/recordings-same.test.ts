import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewRecording } from '../../src-main/data/recordings';
import { openTestLibrary, type TestLibrary } from '../helpers/test-library';
import { AT, recordingRow, seedRecording, seedSession } from './rows';

/**
 * The duplicate check and the insert of an imported clip as one step (`insertUnlessSame`), on SQLite
 * and (the `postgres` project) on PostgreSQL. Two imports of one file at once each checked before
 * either row was written, and both went in; on a server they are two transactions of two
 * workstations, each blind to the other's row until it commits.
 */
let lib: TestLibrary;
beforeEach(async () => {
  lib = await openTestLibrary();
  await seedSession(lib.data, 's1');
  await seedSession(lib.data, 's2');
});
afterEach(async () => {
  await lib.close();
});

const SHA = 'a'.repeat(64);
/** Every row the same file (one sha256, one name), as two imports of one clip write it. */
const row = (id: string, sessionId = 's1'): NewRecording =>
  recordingRow(id, sessionId, {}, { speed_kmh: null, original_name: 'run.mp4', sha256: SHA });
const ids = async (sessionId: string) =>
  (await lib.data.recordings.listForSession(sessionId)).map((r) => r.id);

/** Transactions of this database waiting on an advisory lock (PostgreSQL). */
const waiting = async (): Promise<number> =>
  Number(
    (
      await lib.sql.all<{ n: string | number }>(
        `SELECT count(*) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      )
    )[0]!.n,
  );

describe('a clip put in its session unless the same file is there', () => {
  it('lets the first of two transactions at once in; the second waits, then is given the first', async () => {
    const first = await lib.data.begin();
    expect(await first.data.recordings.insertUnlessSame(row('r1'))).toBeUndefined();
    // Begun while the first is open and has not committed.
    const second = lib.data.transaction((tx) => tx.recordings.insertUnlessSame(row('r2')));
    // On a server the second is under way and waits for the first, rather than looking and inserting
    // (on SQLite it waits for the one connection).
    if (lib.backend === 'postgres') await expect.poll(waiting).toBe(1);
    await first.commit();
    expect((await second)?.id).toBe('r1');
    expect(await ids('s1')).toEqual(['r1']);
  });

  it('lets the same bytes into another session, and past a clip in the trash', async () => {
    expect(await lib.data.recordings.insertUnlessSame(row('r1'))).toBeUndefined();
    expect(await lib.data.recordings.insertUnlessSame(row('r2', 's2'))).toBeUndefined();
    await lib.data.recordings.setDeleted('r1', AT);
    expect(await lib.data.recordings.insertUnlessSame(row('r3'))).toBeUndefined();
    expect(await ids('s1')).toEqual(['r3']);
    expect(await ids('s2')).toEqual(['r2']);
    // A different file beside it goes in.
    await seedRecording(lib.data, 'r4');
    expect(await ids('s1')).toEqual(['r3', 'r4']);
  });
});

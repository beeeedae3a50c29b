import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { backupLibrary, restoreLibrary } from '../../src-main/services/media/backup';
import { importRecording } from '../../src-main/services/media/import';
import { clip, tempLibrary, type TestLibrary } from './helpers';

/**
 * A restore killed inside its media swap (the two states a kill can leave), recovered by the next
 * open of the library: undone when the rows were not committed, finished when they were. The
 * fault-injection suite (test/faults/restore.faults.test.ts) kills real processes at random; this
 * places the kill exactly.
 */
let t: TestLibrary;
let before: string[];
let backupPath: string;
const ids = (db: Database.Database): string[] =>
  (db.prepare(`SELECT id FROM recordings ORDER BY id`).all() as { id: string }[]).map((r) => r.id);

beforeEach(async () => {
  t = await tempLibrary();
  const add = (name: string) =>
    importRecording(t.library, {
      sessionId: t.sessionId,
      sourcePath: clip(name),
      view: 'side',
      condition: { label: 'flat' },
    });
  await add('running_side_overground_sports2d_demo3.mp4');
  backupPath = (await backupLibrary(t.library)).path; // one recording
  await add('pose2sim_single_cam01.mp4');
  before = ids(t.library.db); // two recordings
});
afterEach(() => t.close());

/** Stage a restore as far as the swap, the way restoreLibrary does, then "die". */
async function stageSwap(commitRows: boolean): Promise<void> {
  const { paths, db } = t.library;
  // A real restore into a throw-away copy gives the extracted snapshot and media.
  const work = join(paths.tmpDir, 'restore-killed');
  mkdirSync(work);
  const other = await tempLibrary();
  try {
    await restoreLibrary(other.library, backupPath, 'backup');
    await other.library.db.backup(join(work, 'library.sqlite'));
    renameSync(paths.mediaDir, join(work, 'old-media'));
    renameSync(other.library.paths.mediaDir, paths.mediaDir);
    mkdirSync(other.library.paths.mediaDir);
  } finally {
    other.close();
  }
  if (commitRows) {
    db.prepare(`ATTACH DATABASE ? AS restored`).run(join(work, 'library.sqlite'));
    db.transaction(() => {
      db.pragma('defer_foreign_keys = ON');
      db.prepare(`DELETE FROM main.recordings`).run();
      db.prepare(`INSERT INTO main.recordings SELECT * FROM restored.recordings`).run();
    })();
    db.prepare(`DETACH DATABASE restored`).run();
  }
}

describe('a restore killed mid-swap', () => {
  it('is undone at the next open when its rows were not committed', async () => {
    await stageSwap(false);
    const home = t.home;
    t.library.close();
    const lib = openLibrary(home);
    try {
      expect(ids(lib.db)).toEqual(before);
      for (const id of before)
        expect(existsSync(join(lib.paths.mediaDir, t.sessionId, id, 'proxy.mp4'))).toBe(true);
      expect(readdirSync(lib.paths.tmpDir)).toEqual([]);
    } finally {
      lib.close();
    }
  });

  it('is finished at the next open when its rows were committed', async () => {
    await stageSwap(true);
    const home = t.home;
    t.library.close();
    const lib = openLibrary(home);
    try {
      const after = ids(lib.db);
      expect(after).toHaveLength(1);
      expect(existsSync(join(lib.paths.mediaDir, t.sessionId, after[0]!, 'proxy.mp4'))).toBe(true);
      expect(readdirSync(lib.paths.tmpDir)).toEqual([]);
    } finally {
      lib.close();
    }
  });
});

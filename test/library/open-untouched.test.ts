import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { LATEST_SCHEMA_VERSION } from '../../src-main/services/library/migrations';
import { tempDir } from '../helpers/tmp';
import { treeSnapshot } from '../helpers/tree-snapshot';

/**
 * Opening a library writes nothing until StrideLab knows it can use it (issue 14: the journal mode
 * was switched and backups/, tmp/ created before a newer library was refused). Compared byte for
 * byte, every file of the folder.
 */
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('opening a library', () => {
  it('leaves a library from a newer StrideLab byte-identical, even in rollback-journal mode', () => {
    // A newer StrideLab's library: its own layout, a journal mode we would change, no tmp/ nor backups/.
    const home = tmp.path;
    const db = new Database(join(home, 'library.sqlite'));
    db.pragma('journal_mode = DELETE');
    db.exec(`CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('hello')`);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    db.close();
    mkdirSync(join(home, 'media'));
    writeFileSync(join(home, 'media', 'clip.bin'), 'bytes');
    const before = treeSnapshot(home);
    expect(() => openLibrary(home)).toThrow(/newer StrideLab.*Update StrideLab.*Nothing was changed/);
    expect(treeSnapshot(home)).toEqual(before);
    // Twice: the first refusal left no lock behind either.
    expect(() => openLibrary(home)).toThrow(/newer StrideLab/);
    expect(treeSnapshot(home)).toEqual(before);
  });

  it('refuses a folder whose library.sqlite is not a database, untouched', () => {
    writeFileSync(join(tmp.path, 'library.sqlite'), 'this is a shopping list, not a database\n'.repeat(5));
    const before = treeSnapshot(tmp.path);
    expect(() => openLibrary(tmp.path)).toThrow(/does not hold a StrideLab library.*restore the library/);
    expect(treeSnapshot(tmp.path)).toEqual(before);
  });

  it('sweeps what a crashed run left in tmp/, but not takes being recorded', () => {
    const lib = openLibrary(tmp.path);
    const t = lib.paths.tmpDir;
    lib.close();
    for (const d of ['import-1', 'analyze-2', 'restore-3', 'captures'])
      mkdirSync(join(t, d, 'inner'), { recursive: true });
    writeFileSync(join(t, 'upload-abc.part'), 'x');
    writeFileSync(join(tmp.path, `library.lock.${process.pid + 1}.tmp`), '{}');
    openLibrary(tmp.path).close();
    expect(
      ['import-1', 'analyze-2', 'restore-3', 'upload-abc.part'].filter((d) => existsSync(join(t, d))),
    ).toEqual([]);
    expect(existsSync(join(t, 'captures', 'inner'))).toBe(true);
    expect(existsSync(join(tmp.path, `library.lock.${process.pid + 1}.tmp`))).toBe(false);
  });
});

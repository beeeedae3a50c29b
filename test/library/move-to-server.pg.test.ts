import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { postgresDataLayer } from '../../src-main/data/postgres';
import { openLibrary } from '../../src-main/services/library/db';
import { moveLibraryToServer } from '../../src-main/services/library/move-to-server';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerLibrary } from '../../src-main/services/library/postgres/open';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { insertRow, sqliteRunner } from '../helpers/sql-both';
import { tempDir } from '../helpers/tmp';
import { captureStdio } from '../helpers/stdio';
import { treeSnapshot } from '../helpers/tree-snapshot';
import { FIXTURE_ROWS } from './schema-rows';

/**
 * `stridelab library migrate --to postgres://…` (issue 17 item 5): a library with a row in every
 * table and media files moves to an empty server database and shared folder; every table's count
 * and digest and every file's SHA-256 match; the library is left as it was, byte for byte.
 */
const io = captureStdio();
const dirs: ReturnType<typeof tempDir>[] = [];
const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
  dirs.forEach((d) => d.cleanup());
});
const dir = (): string => {
  const d = tempDir('stridelab-move-');
  dirs.push(d);
  return d.path;
};
const server = async () => {
  const db = await createTestDatabase();
  dbs.push(db);
  return parseServerAddress(`${db.url}?sslmode=disable`, {});
};
/** Everything in the folder except the lock's note, which names whoever held the lock last. */
const snapshot = (home: string) => {
  const s = treeSnapshot(home);
  delete s['library.lock'];
  return s;
};

async function makeLibrary(): Promise<string> {
  const home = dir();
  const lib = openLibrary(home);
  const db = sqliteRunner(lib.db);
  for (const f of FIXTURE_ROWS) await insertRow(db, f.table, f.row);
  for (const [rel, size] of [
    ['s1/r1/original.mp4', 3 * 1024 * 1024 + 17], // more than one 1 MiB chunk
    ['s1/r1/proxy.mp4', 4096],
    ['s1/r1/thumb.jpg', 1],
    ['s2/r3/timestamps.f64', 0],
  ] as const) {
    mkdirSync(join(lib.paths.mediaDir, rel, '..'), { recursive: true });
    writeFileSync(join(lib.paths.mediaDir, rel), randomBytes(size));
  }
  lib.close();
  return home;
}

describe('moving a library to the clinic server', () => {
  it('copies every row and file, verifies them, and leaves the library as it was', async () => {
    const home = await makeLibrary();
    const before = snapshot(home);
    const target = await server();
    const mediaDir = join(dir(), 'clinic-media');
    const report = await moveLibraryToServer({ home, target, mediaDir });
    expect(report.ok).toBe(true);
    expect(report.badFiles).toEqual([]);
    expect(report.files).toBe(4);
    expect(report.bytes).toBe(3 * 1024 * 1024 + 17 + 4096 + 1);
    const tables = new Set(FIXTURE_ROWS.map((f) => f.table));
    for (const t of tables)
      expect(report.tables.find((r) => r.table === t)).toMatchObject({
        rows: FIXTURE_ROWS.filter((f) => f.table === t).length,
        matches: true,
      });
    expect(snapshot(home)).toEqual(before);
    expect(treeSnapshot(mediaDir)).toEqual(
      Object.fromEntries(
        Object.entries(before)
          .filter(([k]) => k.startsWith('media/'))
          .map(([k, v]) => [k.slice('media/'.length), v]),
      ),
    );
    // The workstations' data layer reads the moved rows.
    const lib = await openServerLibrary(target);
    try {
      expect(await postgresDataLayer(lib.pool).patients.get('p1')).toMatchObject({
        name: 'Ann Lee',
        sessionCount: 2,
      });
    } finally {
      await lib.close();
    }
    // Into a server library that already holds rows: refused, nothing written.
    await expect(moveLibraryToServer({ home, target, mediaDir: join(dir(), 'other') })).rejects.toThrow(
      /already holds patients or clips.*Nothing was changed/,
    );
    expect(snapshot(home)).toEqual(before);
  });

  it('refuses a library not at this version, and a media folder that is not empty', async () => {
    const home = dir();
    openLibrary(home, { migrateTo: 3 }).close();
    await expect(
      moveLibraryToServer({ home, target: await server(), mediaDir: join(dir(), 'm') }),
    ).rejects.toThrow(/Open it once with this StrideLab/);
    const full = dir();
    writeFileSync(join(full, 'clip.mp4'), 'x');
    await expect(
      moveLibraryToServer({ home: await makeLibrary(), target: await server(), mediaDir: full }),
    ).rejects.toThrow(/is not empty/);
  });

  it('stridelab library migrate says what it moved and checked', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const url = new URL(db.url);
    const password = decodeURIComponent(url.password);
    url.password = '';
    url.searchParams.set('sslmode', 'disable');
    const env = process.env;
    process.env = { ...env, STRIDELAB_DB_PASSWORD: password };
    try {
      const args = ['library', 'migrate', '--home', await makeLibrary(), '--to', url.toString()];
      expect(await main([...args, '--media', join(dir(), 'media')])).toBe(0);
    } finally {
      process.env = env;
    }
    expect(io.out).toMatch(/patients +1 rows {2}checked/);
    expect(io.out).toMatch(/recordings +4 rows {2}checked/);
    expect(io.out).toMatch(/media files +4 \(\d+ bytes\) {2}checked \(SHA-256\)/);
    expect(io.out).toContain('Every row and file is on the server as it is here.');
    expect(io.out + io.err).not.toContain(password);
    expect(await main(['library', 'migrate', '--to', url.toString()])).toBe(2);
    expect(io.err).toContain('give the shared media folder with --media');
  });
});

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src-main/services';
import { openLibrary } from '../../src-main/services/library/db';
import { LATEST_SCHEMA_VERSION } from '../../src-main/services/library/migrations';
import { dbDigest } from '../helpers/db-snapshot';
import { tempDir } from '../helpers/tmp';

/**
 * The embedded library as a file: WAL, the lock, a file from a newer StrideLab. SQLite only, so
 * not in the `postgres` project's second run (the server's counterparts: server-open.pg.test.ts,
 * edit-conflict.pg.test.ts). The library's calls on both backends are in library.test.ts.
 */
let tmp: ReturnType<typeof tempDir>;
let services: Services;

beforeEach(() => {
  tmp = tempDir();
  services = createServices({ home: tmp.path, transport: 'browser' });
});
afterEach(() => {
  services.close();
  tmp.cleanup();
});

describe('the library file', () => {
  it('opens in WAL mode with foreign keys on', () => {
    expect(services.library.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(services.library.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(services.library.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('lets only one process open a library at a time', () => {
    expect(() => openLibrary(tmp.path)).toThrow(/already open in another StrideLab/);
  });

  it('refuses a library written by a newer schema, and leaves it untouched', async () => {
    services.close();
    const db = new Database(services.library.paths.dbFile);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    const before = dbDigest(db);
    db.close();
    expect(() => openLibrary(tmp.path)).toThrow(/newer StrideLab.*Nothing was changed/);
    const after = new Database(services.library.paths.dbFile, { readonly: true });
    expect(dbDigest(after)).toBe(before);
    after.close();
    // The failed open released its lock: the next open is refused for the schema, not the lock.
    expect(() => openLibrary(tmp.path)).toThrow(/newer StrideLab/);
    services = createServices({ home: tempDir().path, transport: 'browser' });
  });
});

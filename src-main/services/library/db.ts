import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ServiceError } from '../errors';
import { acquireLock, type LibraryLock } from './lock';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';

/** Where a library keeps its parts. One folder: the database file and the media beside it. */
export interface LibraryPaths {
  readonly home: string;
  readonly dbFile: string;
  readonly mediaDir: string;
  readonly backupsDir: string;
  readonly tmpDir: string;
  readonly lockFile: string;
}

export function libraryPaths(home: string): LibraryPaths {
  return {
    home,
    dbFile: join(home, 'library.sqlite'),
    mediaDir: join(home, 'media'),
    backupsDir: join(home, 'backups'),
    tmpDir: join(home, 'tmp'),
    lockFile: join(home, 'library.lock'),
  };
}

export interface Library {
  readonly db: Database.Database;
  readonly paths: LibraryPaths;
  readonly schemaVersion: number;
  close(): void;
}

export interface OpenOptions {
  /** Stop migrating at this version (tests of migration N migrate to N−1 first). */
  readonly migrateTo?: number;
}

/**
 * Open (creating if needed) the library at `home`: lock it, open SQLite in WAL mode with foreign keys,
 * refuse a database written by a newer StrideLab, back the file up, then migrate it forward, each step
 * in its own transaction with the version bump inside it, so a crash leaves a whole version.
 */
export function openLibrary(home: string, options: OpenOptions = {}): Library {
  const paths = libraryPaths(home);
  for (const dir of [paths.home, paths.mediaDir, paths.backupsDir, paths.tmpDir])
    mkdirSync(dir, { recursive: true });
  const lock: LibraryLock = acquireLock(paths.lockFile);
  let db: Database.Database | undefined;
  try {
    db = new Database(paths.dbFile);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > LATEST_SCHEMA_VERSION) {
      throw new ServiceError(
        'unsupported',
        `This library was written by a newer StrideLab (schema ${found}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update StrideLab to open it. Nothing was changed.`,
      );
    }
    const target = Math.min(options.migrateTo ?? LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION);
    if (found > 0 && found < target) backupBeforeMigration(db, paths, found);
    for (const m of migrations) {
      if (m.version <= found || m.version > target) continue;
      db.transaction(() => {
        m.up(db!);
        db!.pragma(`user_version = ${m.version}`);
      })();
    }
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const opened = db;
    return {
      db: opened,
      paths,
      schemaVersion,
      close() {
        if (opened.open) opened.close();
        lock.release();
      },
    };
  } catch (err) {
    db?.close();
    lock.release();
    throw err;
  }
}

/** A consistent copy of the database before its schema changes (checkpoint first so WAL content is in it). */
function backupBeforeMigration(db: Database.Database, paths: LibraryPaths, version: number): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  copyFileSync(paths.dbFile, join(paths.backupsDir, `library-schema${version}-${stamp}.sqlite`));
}

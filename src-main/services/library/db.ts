import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { DataLayer } from '../../data';
import { sqliteDataLayer } from '../../data/sqlite';
import { plainFsError, ServiceError } from '../errors';
import { mkdirForUserSync } from '../media/fsutil';
import { recoverInterruptedRestore } from '../media/backup';
import type { LandingHold } from '../media/landing';
import { purgeOrphanMediaSync } from '../media/purge';
import { acquireLock, type LibraryLock } from './lock';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations';

/** Where a library keeps its parts. One folder: the database file and the media beside it. */
export interface LibraryPaths {
  readonly home: string;
  readonly dbFile: string;
  readonly mediaDir: string;
  readonly backupsDir: string;
  readonly tmpDir: string;
  /** The operating-system lock (library/lock.ts). */
  readonly lockFile: string;
  /** Who holds it, for people. */
  readonly lockNote: string;
}

export function libraryPaths(home: string): LibraryPaths {
  return {
    home,
    dbFile: join(home, 'library.sqlite'),
    mediaDir: join(home, 'media'),
    backupsDir: join(home, 'backups'),
    tmpDir: join(home, 'tmp'),
    lockFile: join(home, 'library.lock.sqlite'),
    lockNote: join(home, 'library.lock'),
  };
}

export interface Library {
  readonly db: Database.Database;
  /** Every read and write of the library's rows (src-main/data). */
  readonly data: DataLayer;
  readonly paths: LibraryPaths;
  readonly schemaVersion: number;
  /**
   * Inside an all-or-nothing job (library/all-or-nothing.ts): the clip folders its imports landed,
   * whose markers (media/landing.ts) stay until the job's one commit. Absent elsewhere: an import
   * drops its marker as soon as its own row is committed.
   */
  readonly landings?: LandingHold[];
  close(): void;
}

export interface OpenOptions {
  /** Stop migrating at this version (tests of migration N migrate to N−1 first). */
  readonly migrateTo?: number;
  /** How errors name this library's folder to the user (a temporary library has no name they know). */
  readonly subject?: string;
}

/** The migration that made the recordings table (0002). */
const RECORDINGS_SCHEMA = 2;

const newerError = (found: number): ServiceError =>
  new ServiceError(
    'unsupported',
    `This library was written by a newer StrideLab (schema ${found}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update StrideLab to open it. Nothing was changed.`,
  );

/**
 * Open (creating if needed) the library at `home`. Nothing is written before StrideLab knows it can
 * use the library: the schema version is read from the database file's header first (a library
 * from a newer StrideLab is refused byte for byte untouched), then the lock is taken, the version
 * read again through SQLite (a write-ahead log may hold a newer one), and only then is anything
 * changed: WAL mode, the folders, leftovers of a crashed run swept from tmp/, a backup of the file,
 * then the migrations forward, each in its own transaction with the version bump inside it.
 */
export function openLibrary(home: string, options: OpenOptions = {}): Library {
  const paths = libraryPaths(home);
  const subject = options.subject ?? `the library folder "${home}"`;
  const header = readHeader(paths.dbFile, subject);
  if (header > LATEST_SCHEMA_VERSION) throw newerError(header);
  mkdirForUserSync(paths.home, subject);
  const lock: LibraryLock = acquireLock(paths.lockFile, paths.lockNote, 'library', subject);
  let db: Database.Database | undefined;
  try {
    try {
      db = new Database(paths.dbFile);
    } catch (err) {
      throw plainFsError(err, subject);
    }
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > LATEST_SCHEMA_VERSION) throw newerError(found);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      for (const dir of [paths.mediaDir, paths.backupsDir, paths.tmpDir]) mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw libraryWriteError(err, subject);
    }
    // A restore killed mid-swap is finished or undone before tmp/ is swept (media/backup.ts).
    if (found >= RECORDINGS_SCHEMA) recoverInterruptedRestore(db, paths);
    bestEffort(() => sweepScratch(paths));
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
    // Media an import or analysis killed before its commit left behind (no row names it).
    // The one read of a row outside src-main/data: opening comes before the data layer exists.
    if (schemaVersion >= RECORDINGS_SCHEMA)
      bestEffort(() => {
        const row = db!.prepare(`SELECT 1 FROM recordings WHERE id = ? AND session_id = ?`);
        purgeOrphanMediaSync(paths.mediaDir, (id, sessionId) => row.get(id, sessionId) !== undefined);
      });
    const opened = db;
    return {
      db: opened,
      data: sqliteDataLayer(opened),
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

/** SQLite's header (https://sqlite.org/fileformat.html#the_database_header): magic, user_version at 60. */
const MAGIC = 'SQLite format 3\0';
function readHeader(file: string, subject: string): number {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(100);
    const n = readSync(fd, head, 0, 100, 0);
    if (n === 0) return 0; // an empty file: SQLite makes it a new database
    if (n < 100 || head.subarray(0, 16).toString('latin1') !== MAGIC) {
      throw new ServiceError(
        'invalid-input',
        `The folder "${dirname(file)}" does not hold a StrideLab library (its library.sqlite is not a database). Choose the library folder, or restore the library from a backup.`,
      );
    }
    return head.readUInt32BE(60);
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0; // a new library
    throw plainFsError(err, subject);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The library's own files could not be written: say where and why, in words. */
function libraryWriteError(err: unknown, subject: string): ServiceError {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN')
    return plainFsError({ code: 'EROFS' }, subject);
  if (code === 'SQLITE_FULL') return plainFsError({ code: 'ENOSPC' }, subject);
  if (code === 'SQLITE_IOERR' || (code ?? '').startsWith('SQLITE_IOERR'))
    return plainFsError({ code: 'EIO' }, subject);
  return plainFsError(err, subject);
}

/** Leftovers that cannot be removed now (permissions) must not keep the library from opening. */
function bestEffort(fn: () => unknown): void {
  try {
    fn();
  } catch {
    // removed by a later open
  }
}

/**
 * What a crashed run left in tmp/: partial imports, uploads never imported, exports, backups and
 * restores being written, analyses in progress, notes of a lock being written. We hold the lock, so
 * nothing else can be using them. Takes being recorded (tmp/captures) are not leftovers: capture
 * recovers them (docs/capture.md).
 */
const SCRATCH = /^(import|upload|archive|restore|backup|analyze)-/;
function sweepScratch(paths: LibraryPaths): void {
  let names: string[] = [];
  try {
    names = readdirSync(paths.tmpDir);
  } catch {
    return;
  }
  for (const n of names) if (SCRATCH.test(n)) rmSync(join(paths.tmpDir, n), { recursive: true, force: true });
  for (const n of readdirSync(paths.home))
    if (n.startsWith(`${basename(paths.lockNote)}.`) && n.endsWith('.tmp'))
      rmSync(join(paths.home, n), { force: true });
}

/** A consistent copy of the database before its schema changes (checkpoint first so WAL content is in it). */
function backupBeforeMigration(db: Database.Database, paths: LibraryPaths, version: number): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  copyFileSync(paths.dbFile, join(paths.backupsDir, `library-schema${version}-${stamp}.sqlite`));
}

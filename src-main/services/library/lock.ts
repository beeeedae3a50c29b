import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { plainFsError, ServiceError } from '../errors';
import { processAlive } from '../process/identity';

/**
 * One StrideLab process per library. SQLite alone keeps the database file consistent, but two apps
 * would still race on the media folder, on migrations and on backups.
 *
 * The lock is an operating-system lock, held by the kernel, not a file whose content we interpret:
 * `library.lock.sqlite` is an empty SQLite file on which the owner keeps `BEGIN EXCLUSIVE` open for
 * as long as the library is open. Which process gets it is decided by the kernel's byte-range locks
 * (fcntl on POSIX, LockFileEx on Windows, through SQLite's own locking protocol), so no interleaving
 * of two openers can give two owners; and the kernel drops the lock when its process ends however
 * it ends (kill -9, power cut), so a "stale" lock cannot exist and a reused pid cannot hold one.
 * The file is never deleted: a process that opened it and then lost the race to one that deleted
 * and re-created it would otherwise lock a different file (two owners).
 *
 * Beside it, `library.lock` is a note for people (and for StrideLab before 0.2, which kept its
 * O_EXCL lock under that name and refuses while it names a live process): who holds the library,
 * written by the owner only after it holds the lock, so a refusal can name the holder.
 */
export interface LibraryLock {
  release(): void;
}

export interface LockNote {
  readonly app: 'StrideLab';
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  /** What the holder is doing, in the user's words ("stridelab import", "the StrideLab app"). */
  readonly command: string;
}

/** How long a loser keeps trying while the lock changes hands (the winner has not written its note yet). */
const SETTLE_MS = 3000;
/** SQLite's own busy wait per attempt: covers the moment two openers both hold SHARED (see below). */
const BUSY_TIMEOUT_MS = 100;

function describeSelf(): string {
  const cmd = process.argv[2];
  if (process.versions.electron) return 'the StrideLab app';
  return cmd && /^[a-z]+$/.test(cmd) ? `stridelab ${cmd}` : 'StrideLab';
}

export function readLockNote(noteFile: string): LockNote | undefined {
  try {
    const note = JSON.parse(readFileSync(noteFile, 'utf8')) as Partial<LockNote>;
    if (typeof note.pid !== 'number') return undefined;
    return {
      app: 'StrideLab',
      pid: note.pid,
      host: note.host ?? '?',
      since: note.since ?? '?',
      command: note.command ?? 'StrideLab',
    };
  } catch {
    return undefined;
  }
}

/**
 * SQLite says only "unable to open database file" (SQLITE_CANTOPEN) whether the folder is read-only,
 * full or forbidden: creating a file there ourselves gives the operating system's real reason.
 */
function diagnose(lockFile: string, err: unknown): unknown {
  const probe = `${lockFile}.${process.pid}.probe`;
  try {
    writeFileSync(probe, 'x');
    unlinkSync(probe);
    return err;
  } catch (e) {
    return e;
  }
}

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

function heldError(note: LockNote | undefined, what: string): ServiceError {
  if (!note) {
    return new ServiceError(
      'locked',
      `This ${what} is in use by another program that did not say which. Close every StrideLab window and command-line run, then try again; if none is running, restart the computer (that frees the ${what}).`,
    );
  }
  const when = note.since.length >= 16 ? note.since.slice(0, 16).replace('T', ' ') : note.since;
  const self = note.pid === process.pid && note.host === hostname();
  return new ServiceError(
    'locked',
    self
      ? `This ${what} is already open in another StrideLab in this same process (${note.command}, since ${when}). Close it there first.`
      : `This ${what} is already open in another StrideLab (${note.command}, process ${note.pid} on ${note.host}, since ${when} UTC). Close that one first, or wait for it to finish. If it is not running any more, restart the computer: that frees the ${what}.`,
  );
}

/**
 * Take the lock or throw a ServiceError('locked') naming the holder. `lockFile` is created when
 * missing (an empty file); `noteFile` receives this process's note.
 */
export function acquireLock(
  lockFile: string,
  noteFile: string,
  what = 'library',
  subject = `the ${what} folder "${dirname(lockFile)}"`,
): LibraryLock {
  const deadline = Date.now() + SETTLE_MS;
  let db: Database.Database | undefined;
  for (;;) {
    try {
      db ??= new Database(lockFile, { timeout: BUSY_TIMEOUT_MS });
      // Two openers can both take SHARED and then each fail to go EXCLUSIVE (SQLite returns BUSY
      // rather than deadlock); the busy timeout and the retry below resolve that into one owner.
      db.exec('BEGIN EXCLUSIVE');
      break;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'SQLITE_BUSY') {
        db?.close();
        if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
          throw new ServiceError(
            'io',
            `The ${what}'s lock file (${basename(lockFile)}) was overwritten by another program. Close StrideLab, delete that file, and open the ${what} again.`,
          );
        throw plainFsError(diagnose(lockFile, err), subject);
      }
      const note = readLockNote(noteFile);
      // A note naming a live process is the holder's (written only once it held the lock): say so
      // now. No note, or a note of a dead process, means the lock is changing hands: try again.
      const holderKnown = note !== undefined && (note.host !== hostname() || processAlive(note.pid));
      if (holderKnown || Date.now() > deadline) {
        db?.close();
        throw heldError(holderKnown ? note : undefined, what);
      }
      sleep(20);
    }
  }
  const owned = db;
  const note: LockNote = {
    app: 'StrideLab',
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command: describeSelf(),
  };
  const tmp = `${noteFile}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(note));
    renameSync(tmp, noteFile);
  } catch (err) {
    owned.exec('ROLLBACK');
    owned.close();
    throw plainFsError(err, subject);
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // The note goes first, while we still hold the lock: only the holder ever writes or removes it.
    if (readLockNote(noteFile)?.pid === process.pid) {
      try {
        unlinkSync(noteFile);
      } catch {
        // Already gone: nothing to tell anyone.
      }
    }
    if (owned.open) {
      if (owned.inTransaction) owned.exec('ROLLBACK');
      owned.close();
    }
  };
  process.on('exit', release);
  return { release };
}

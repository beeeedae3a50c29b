import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { ServiceError } from '../errors';

/**
 * One StrideLab process per library. SQLite alone would keep the database file consistent, but two
 * apps would still race on the media folder, on migrations and on backups; so the library folder
 * carries a lock file created with O_EXCL, holding the owner's pid. A lock whose process is gone (a
 * crash) is stale and taken over.
 */
export interface LibraryLock {
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

export function acquireLock(file: string): LibraryLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        const current = readOwner(file);
        if (current?.pid === process.pid) unlinkSync(file);
      };
      process.on('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      const stale = owner === undefined || (owner.host === hostname() && !isAlive(owner.pid));
      if (!stale || attempt > 0) {
        throw new ServiceError(
          'locked',
          `This library is already open in another StrideLab (process ${owner?.pid ?? '?'} on ${owner?.host ?? '?'}, since ${owner?.since ?? '?'}). Close that one first.`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new ServiceError('locked', 'Could not lock the library.');
}

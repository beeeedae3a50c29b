import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, open, readdir, rm, rmdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { plainFsError } from '../errors';

/** fsync a folder so a rename inside it survives a power cut (POSIX; a no-op where folders cannot be opened). */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  } finally {
    await fh?.close();
  }
}

export async function writeFileSynced(path: string, data: Uint8Array | string): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Put `bytes` at `file` whole or not at all: written to `<file>.<random>.tmp`, fsynced, then renamed
 * over `file` (atomic on one filesystem). fsync before the rename, so a power cut cannot leave a
 * complete-looking name over missing bytes; a crash leaves at most the `.tmp`, which readers ignore
 * and the caller's next write sweeps (docs/crash-safety.md). The pose store and the steady window's
 * result are written this way.
 */
export function replaceFileDurably(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, bytes);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export const removeTree = (path: string): Promise<void> => rm(path, { recursive: true, force: true });

/** Remove `dir` if it is empty (e.g. a session folder an aborted import created). */
export async function removeIfEmpty(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length === 0) await rmdir(dir);
  } catch {
    // Already gone or not empty: nothing to do.
  }
}

/**
 * mkdir -p for a folder the user named (--out, --home), failing in plain words. Node's recursive
 * mkdir reports ENOENT when a parent cannot be created on a read-only drive; the real reason is
 * found by asking the deepest existing ancestor whether it can be written (EROFS, EACCES) or is a
 * file (ENOTDIR).
 */
export async function mkdirForUser(dir: string, subject: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw plainFsError(whyNotMkdir(dir, err), subject);
  }
}

export function mkdirForUserSync(dir: string, subject: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw plainFsError(whyNotMkdir(dir, err), subject);
  }
}

function whyNotMkdir(dir: string, err: unknown): unknown {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return err;
  let up = resolve(dir);
  for (;;) {
    const parent = dirname(up);
    if (parent === up) return err;
    up = parent;
    let isDir: boolean;
    try {
      isDir = statSync(up).isDirectory();
    } catch {
      continue;
    }
    if (!isDir) return { code: 'ENOTDIR' };
    try {
      accessSync(up, constants.W_OK);
      return err;
    } catch (e) {
      return e;
    }
  }
}

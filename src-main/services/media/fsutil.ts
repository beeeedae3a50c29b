import { open, readdir, rm, rmdir } from 'node:fs/promises';

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

export const removeTree = (path: string): Promise<void> => rm(path, { recursive: true, force: true });

/** Remove `dir` if it is empty (e.g. a session folder an aborted import created). */
export async function removeIfEmpty(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length === 0) await rmdir(dir);
  } catch {
    // Already gone or not empty: nothing to do.
  }
}

import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plainFsError, ServiceError } from '../errors';
import { mkdirForUser } from '../media/fsutil';
import { noteLeftover } from '../process/scratch';

/**
 * A set of output files that appear together or not at all. Files are written into a hidden
 * staging folder inside the destination (same file system, so the final renames are atomic), and
 * `commit()` renames them into place with report.pdf LAST: a report.pdf beside its analysis.json is
 * the sign of a complete run. `abort()` (or any failure before commit) removes the staging folder,
 * so a failed run leaves nothing that looks complete.
 */
export interface OutputSet {
  readonly dir: string;
  /** Path inside the staging folder for a file that another tool (ffmpeg) writes itself. */
  stagingPath(name: string): string;
  write(name: string, data: Uint8Array | string): Promise<void>;
  /** Move every staged file into `dir`, `last` after the others. Returns the final paths. */
  commit(last?: string): Promise<string[]>;
  abort(): Promise<void>;
}

export async function openOutputSet(dir: string): Promise<OutputSet> {
  const subject = `the output folder "${dir}"`;
  let staging: string;
  try {
    await mkdirForUser(dir, subject);
    staging = await mkdtemp(join(dir, '.stridelab-partial-'));
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    throw plainFsError(err, subject);
  }
  // Removed by the next StrideLab start if this process dies first (services/process/scratch.ts).
  const forget = noteLeftover(staging);
  let done = false;
  return {
    dir,
    stagingPath: (name) => join(staging, name),
    async write(name, data) {
      try {
        await writeFile(join(staging, name), data);
      } catch (err) {
        throw plainFsError(err, subject);
      }
    },
    async commit(last) {
      const names = (await readdir(staging)).sort((a, b) => Number(a === last) - Number(b === last));
      const paths: string[] = [];
      for (const name of names) {
        await rename(join(staging, name), join(dir, name));
        paths.push(join(dir, name));
      }
      await rm(staging, { recursive: true, force: true });
      forget();
      done = true;
      return paths;
    },
    async abort() {
      if (done) return;
      await rm(staging, { recursive: true, force: true });
      forget();
    },
  };
}

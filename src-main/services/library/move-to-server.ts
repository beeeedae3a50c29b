import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, open, readdir, rename } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import {
  copyRowsToServer,
  libraryTables,
  openForReading,
  serverRowCount,
  type TableCopy,
} from '../../data/copy-library';
import { ServiceError } from '../errors';
import { syncDir } from '../media/fsutil';
import { libraryPaths } from './db';
import { acquireLock } from './lock';
import { LATEST_SCHEMA_VERSION } from './migrations';
import type { ServerTarget } from './postgres/config';
import { openServerLibrary } from './postgres/open';
import { SCHEMA_TABLE } from './postgres/migrate';

/**
 * Move a single-PC library to the clinic server (issue 17 item 5): every media file copied into the
 * shared media folder, then every row into the server's database in one transaction, then both read
 * back and compared (files by SHA-256, tables by row count and a digest of their rows). The library
 * itself is only read: opened to be read only (data/copy-library.ts) under its lock, so no StrideLab writes to it meanwhile, and
 * left as it was, to keep using or to archive.
 *
 * Files go first: a file without its row is harmless (a later open's orphan sweep would find it),
 * a row without its file is a broken clip. Each file is written under a temporary name, fsynced and
 * renamed, so the shared folder never holds half a clip under a real name.
 */
export interface MoveReport {
  readonly server: string;
  readonly tables: readonly (TableCopy & { readonly matches: boolean })[];
  readonly files: number;
  readonly bytes: number;
  /** Files whose copy does not read back with the original's SHA-256 (none when all is well). */
  readonly badFiles: readonly string[];
  readonly ok: boolean;
}

export interface MoveOptions {
  readonly home: string;
  readonly target: ServerTarget;
  /** The shared media folder every workstation reaches (empty or not there yet). */
  readonly mediaDir: string;
}

export async function moveLibraryToServer(options: MoveOptions): Promise<MoveReport> {
  const paths = libraryPaths(options.home);
  const subject = `the library folder "${options.home}"`;
  if (!existsSync(paths.dbFile))
    throw new ServiceError('not-found', `There is no library in "${options.home}".`);
  if (existsSync(options.mediaDir) && readdirSync(options.mediaDir).length > 0)
    throw new ServiceError(
      'conflict',
      `The shared media folder "${options.mediaDir}" is not empty. Choose an empty folder for the clinic's clips.`,
    );
  const lock = acquireLock(paths.lockFile, paths.lockNote, 'library', subject);
  let opened;
  try {
    opened = openForReading(paths.dbFile);
  } catch (err) {
    lock.release();
    throw err;
  }
  const { db: source, version } = opened;
  try {
    if (version !== LATEST_SCHEMA_VERSION)
      throw new ServiceError(
        'unsupported',
        `This library is at schema ${version} and this StrideLab moves libraries at ${LATEST_SCHEMA_VERSION}. Open it once with this StrideLab (which brings it up to date), then move it. Nothing was changed.`,
      );
    const server = await openServerLibrary(options.target);
    const client = await server.pool.connect();
    try {
      const tables = libraryTables(source, [SCHEMA_TABLE]);
      if (
        (await serverRowCount(
          client,
          tables.map((t) => t.table),
        )) > 0
      )
        throw new ServiceError(
          'conflict',
          `The server's library (${server.display}) already holds patients or clips. Move a library only into an empty one. Nothing was changed.`,
        );
      const media = await copyMedia(paths.mediaDir, options.mediaDir);
      const copied = await copyRowsToServer(source, client, [SCHEMA_TABLE]);
      const report = tables.map((t) => {
        const there = copied.find((c) => c.table === t.table);
        return { ...t, matches: there?.rows === t.rows && there.sha256 === t.sha256 };
      });
      return {
        server: server.display,
        tables: report,
        files: media.files,
        bytes: media.bytes,
        badFiles: media.bad,
        ok: report.every((t) => t.matches) && media.bad.length === 0,
      };
    } finally {
      client.release();
      await server.close();
    }
  } finally {
    source.close();
    lock.release();
  }
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // no media folder yet: nothing to copy
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* filesUnder(p);
    else if (e.isFile()) yield p;
  }
}

const CHUNK = 1 << 20;

/** Copy `from` to `to` via a temporary name, fsynced; returns the SHA-256 of the bytes read. */
async function copyFileAtomically(from: string, to: string): Promise<string> {
  await mkdir(dirname(to), { recursive: true });
  const part = `${to}.stridelab-part`;
  const hash = createHash('sha256');
  const src = await open(from, 'r');
  const dst = await open(part, 'wx');
  try {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await src.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      await dst.write(buf, 0, bytesRead);
    }
    await dst.sync();
  } finally {
    await src.close();
    await dst.close();
  }
  await rename(part, to);
  await syncDir(dirname(to));
  return hash.digest('hex');
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  return hash.digest('hex');
}

async function copyMedia(from: string, to: string): Promise<{ files: number; bytes: number; bad: string[] }> {
  let files = 0;
  let bytes = 0;
  const bad: string[] = [];
  await mkdir(to, { recursive: true });
  for await (const file of filesUnder(from)) {
    const rel = relative(from, file);
    const dest = join(to, rel);
    const sent = await copyFileAtomically(file, dest);
    // Read the copy back (through the operating system, as the workstations will read it).
    if ((await sha256Of(dest)) !== sent) bad.push(rel);
    files++;
    const fh = await open(dest, 'r');
    bytes += (await fh.stat()).size;
    await fh.close();
  }
  return { files, bytes, bad };
}

import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type Database from 'better-sqlite3';
import { holdsRowsOf, migrateFile, replaceRowsFrom, snapshotTo } from '../../data/sqlite-file';
import { ServiceError } from '../errors';
import type { Library, LibraryPaths } from '../library/db';
import { isServerMode } from '../library/server-mode';
import { migrations } from '../library/migrations';
import { fsMessage } from './copy';
import { removeTree, syncDir } from './fsutil';
import { readTar, TarWriter } from './tar';

/**
 * Whole-library backup and restore. A backup (`backups/library-<time>.stridelab-backup`, a POSIX
 * tar) holds a manifest, a consistent snapshot of the database (SQLite's online backup API, so it
 * is safe while the app runs) and every file of the media folder. Restore brings the library back
 * to exactly that state: the same rows in every table and byte-identical media files. It swaps
 * the media folder by rename and replaces every table's rows in one transaction; if the database
 * step fails the old media folder is put back, so a failed restore changes nothing. A backup of the
 * library as it was is taken first. A restore killed mid-swap is finished or undone when the
 * library is next opened (recoverInterruptedRestore).
 */
export const BACKUP_FORMAT = 'stridelab.backup/1';

/**
 * A clinic server's library is not backed up from a workstation (issue 17): its rows are on the
 * database server and its clips on the clinic's file share, each with a backup of its own that
 * copies them consistently while every room works (pg_dump's snapshot; the share's snapshots),
 * which one workstation's archive could not. docs/clinic-server.md, "Backups", says how.
 */
function refuseOnServer(library: Library, what: 'back up' | 'restore'): void {
  if (!isServerMode(library)) return;
  throw new ServiceError(
    'unsupported',
    what === 'back up'
      ? "This library is on the clinic server, so it is backed up there rather than from a workstation: whoever looks after the server backs up its database (pg_dump) and the shared media folder (the file share's own backup). Nothing was changed."
      : 'This library is on the clinic server, so it is restored there rather than from a workstation: whoever looks after the server restores its database and the shared media folder from their backups. Nothing was changed.',
  );
}
const MANIFEST = 'stridelab-backup.json';
const DB_ENTRY = 'library.sqlite';

async function mediaFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

export async function backupLibrary(
  library: Library,
): Promise<{ name: string; sizeBytes: number; path: string }> {
  refuseOnServer(library, 'back up');
  const { paths } = library;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `library-${stamp}.stridelab-backup`;
  const work = join(paths.tmpDir, `backup-${randomUUID()}`);
  await mkdir(work);
  const snapshot = join(work, DB_ENTRY);
  const tarPath = join(work, 'backup.tar');
  let tar: TarWriter | undefined;
  try {
    await snapshotTo(library.db, snapshot);
    const files = await mediaFiles(paths.mediaDir);
    tar = await TarWriter.create(tarPath);
    const manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      schemaVersion: library.schemaVersion,
      files: files.length,
    };
    await tar.addBuffer(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2)));
    await tar.addFile(DB_ENTRY, snapshot);
    for (const f of files) await tar.addFile(`media/${f}`, join(paths.mediaDir, f));
    const sizeBytes = await tar.finish();
    tar = undefined;
    await mkdir(paths.backupsDir, { recursive: true });
    const dest = join(paths.backupsDir, name);
    await rename(tarPath, dest);
    await syncDir(paths.backupsDir);
    return { name, sizeBytes, path: dest };
  } catch (err) {
    await tar?.abandon();
    if ((err as NodeJS.ErrnoException).code) throw fsMessage(err, 'The backup', 'written');
    throw err;
  } finally {
    await removeTree(work);
  }
}

export async function listBackups(
  library: Library,
): Promise<{ name: string; sizeBytes: number; createdAt: string }[]> {
  if (isServerMode(library)) return []; // none are made from a workstation (refuseOnServer)
  const names = (await readdir(library.paths.backupsDir)).filter((n) => n.endsWith('.stridelab-backup'));
  const out = await Promise.all(
    names.map(async (n) => {
      const st = await stat(join(library.paths.backupsDir, n));
      return { name: n, sizeBytes: st.size, createdAt: st.mtime.toISOString() };
    }),
  );
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Bring an extracted database up to this app's schema (an older backup), one migration per step. */
function migrateSnapshot(file: string, target: number): void {
  const found = migrateFile(file, target, migrations);
  if (found > target) {
    throw new ServiceError(
      'unsupported',
      `This backup was written by a newer StrideLab (schema ${found}). Update StrideLab to restore it.`,
    );
  }
}

/** Restore from a backup file (a name in backups/ for the contract; any path for the CLI and tests). */
export async function restoreLibrary(
  library: Library,
  backupPath: string,
  displayName: string,
): Promise<void> {
  refuseOnServer(library, 'restore');
  const { db, paths } = library;
  const name = `"${displayName}"`;
  const invalid = (why: string): ServiceError =>
    new ServiceError('invalid-input', `${name} is not a usable StrideLab backup: ${why}.`);
  try {
    await stat(backupPath);
  } catch (err) {
    throw fsMessage(err, name, 'read');
  }
  const work = join(paths.tmpDir, `restore-${randomUUID()}`);
  const newMedia = join(work, 'media');
  const oldMedia = join(work, 'old-media');
  let swapped = false;
  try {
    await mkdir(newMedia, { recursive: true });
    type BackupManifest = { format?: string; files?: number };
    let manifest = undefined as BackupManifest | undefined;
    let hasDb = false;
    let files = 0;
    for await (const entry of readTar(backupPath, displayName)) {
      if (!manifest) {
        if (entry.name !== MANIFEST) throw invalid(`it does not start with ${MANIFEST}`);
        const parsed = JSON.parse((await entry.buffer()).toString('utf8')) as BackupManifest;
        if (parsed.format !== BACKUP_FORMAT)
          throw invalid(`format "${String(parsed.format)}" is not ${BACKUP_FORMAT}`);
        manifest = parsed;
        continue;
      }
      if (entry.name === DB_ENTRY) {
        await entry.extractTo(join(work, DB_ENTRY));
        hasDb = true;
        continue;
      }
      const rel = entry.name.startsWith('media/') ? entry.name.slice('media/'.length) : '';
      const parts = rel.split('/');
      if (!rel || parts.some((p) => !/^[\w.-]+$/.test(p) || p === '.' || p === '..'))
        throw invalid(`unexpected entry "${entry.name}"`);
      await mkdir(join(newMedia, ...parts.slice(0, -1)), { recursive: true });
      await entry.extractTo(join(newMedia, ...parts));
      files++;
    }
    if (!manifest || !hasDb) throw invalid('the database is missing');
    if (manifest.files !== files)
      throw invalid(`it should hold ${manifest.files} media files but holds ${files}`);
    const snapshot = join(work, DB_ENTRY);
    migrateSnapshot(snapshot, library.schemaVersion);
    // What is about to be replaced is kept first: a restore of the wrong file can be undone.
    await backupLibrary(library);

    // From here to the commit below, a crash is undone or completed at the next open
    // (recoverInterruptedRestore): old-media in the work folder marks a swap in progress.
    await rename(paths.mediaDir, oldMedia);
    swapped = true;
    await rename(newMedia, paths.mediaDir);
    await syncDir(paths.home);
    replaceRowsFrom(db, snapshot);
    swapped = false;
  } catch (err) {
    if (swapped) {
      await removeTree(paths.mediaDir);
      await rename(oldMedia, paths.mediaDir);
    }
    if (err instanceof ServiceError) throw err;
    if ((err as NodeJS.ErrnoException).code) throw fsMessage(err, name, 'restored');
    throw err;
  } finally {
    await removeTree(work);
  }
}

/**
 * A restore killed between moving the media folder aside and committing the rows left
 * `tmp/restore-<id>/old-media`. The commit decides: if the database now holds the backup's rows
 * (the same ids in every table as the extracted snapshot), the restore happened and the old media
 * goes; otherwise it did not, and the old media folder is put back. Runs at open, under the lock,
 * before tmp/ is swept.
 */
export function recoverInterruptedRestore(db: Database.Database, paths: LibraryPaths): void {
  let names: string[] = [];
  try {
    names = readdirSync(paths.tmpDir).filter((n) => n.startsWith('restore-'));
  } catch {
    return;
  }
  for (const n of names) {
    const work = join(paths.tmpDir, n);
    const oldMedia = join(work, 'old-media');
    if (!existsSync(oldMedia)) continue;
    const snapshot = join(work, DB_ENTRY);
    if (existsSync(snapshot) && holdsRowsOf(db, snapshot)) {
      rmSync(oldMedia, { recursive: true, force: true });
    } else {
      rmSync(paths.mediaDir, { recursive: true, force: true });
      renameSync(oldMedia, paths.mediaDir);
    }
  }
}

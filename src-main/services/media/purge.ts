import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Library } from '../library/db';

/**
 * Remove media folders whose recording row is gone. Purging a session or patient from the trash
 * deletes rows (recordings cascade with their session) but SQLite cannot delete files; call this
 * after a purge. It also runs when a library is opened: an import killed between renaming its
 * folder into media/ and committing its row (or an `analyze --home` killed before its single
 * commit) leaves a folder no row names. Only folders named like our ids are touched; rows in the
 * trash keep their files.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The sweep run while a library is opened (library/db.ts), which is synchronous: the one place
 * outside src-main/data that reads a row, until opening becomes async with the server backend.
 */
export function purgeOrphanMediaSync(db: Database.Database, mediaDir: string): string[] {
  const removed: string[] = [];
  const exists = db.prepare(`SELECT 1 FROM recordings WHERE id = ? AND session_id = ?`);
  let sessions;
  try {
    sessions = readdirSync(mediaDir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const s of sessions) {
    if (!s.isDirectory() || !UUID.test(s.name)) continue;
    const sessionDir = join(mediaDir, s.name);
    let left = 0;
    for (const r of readdirSync(sessionDir, { withFileTypes: true })) {
      if (r.isDirectory() && UUID.test(r.name) && !exists.get(r.name, s.name)) {
        rmSync(join(sessionDir, r.name), { recursive: true, force: true });
        removed.push(`${s.name}/${r.name}`);
      } else left++;
    }
    if (left === 0) {
      try {
        rmdirSync(sessionDir);
      } catch {
        // not empty after all: leave it
      }
    }
  }
  return removed;
}

/**
 * The same sweep through the data layer (after a purge, after an all-or-nothing job rolled back).
 * On SQLite every query answers before the next turn of the event loop, so no import can rename a
 * folder into media/ between a folder's check and its removal, as with the synchronous sweep.
 */
export async function purgeOrphanMedia(library: Library): Promise<string[]> {
  const removed: string[] = [];
  const { mediaDir } = library.paths;
  let sessions;
  try {
    sessions = readdirSync(mediaDir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const s of sessions) {
    if (!s.isDirectory() || !UUID.test(s.name)) continue;
    const sessionDir = join(mediaDir, s.name);
    let left = 0;
    for (const r of readdirSync(sessionDir, { withFileTypes: true })) {
      if (r.isDirectory() && UUID.test(r.name) && !(await library.data.recordings.exists(r.name, s.name))) {
        rmSync(join(sessionDir, r.name), { recursive: true, force: true });
        removed.push(`${s.name}/${r.name}`);
      } else left++;
    }
    if (left === 0) {
      try {
        rmdirSync(sessionDir);
      } catch {
        // not empty after all: leave it
      }
    }
  }
  return removed;
}

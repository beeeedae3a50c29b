import { readdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Library } from '../library/db';
import { removeTree } from './fsutil';

/**
 * Remove media folders whose recording row is gone. Purging a session or patient from the trash
 * deletes rows (recordings cascade with their session) but SQLite cannot delete files; call this
 * after a purge. Only folders named like our ids are touched; rows in the trash keep their files.
 */
export async function purgeOrphanMedia(library: Library): Promise<string[]> {
  const removed: string[] = [];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const exists = library.db.prepare(`SELECT 1 FROM recordings WHERE id = ? AND session_id = ?`);
  for (const s of await readdir(library.paths.mediaDir, { withFileTypes: true })) {
    if (!s.isDirectory() || !uuid.test(s.name)) continue;
    const sessionDir = join(library.paths.mediaDir, s.name);
    let left = 0;
    for (const r of await readdir(sessionDir, { withFileTypes: true })) {
      if (r.isDirectory() && uuid.test(r.name) && !exists.get(r.name, s.name)) {
        await removeTree(join(sessionDir, r.name));
        removed.push(`${s.name}/${r.name}`);
      } else left++;
    }
    if (left === 0) await rmdir(sessionDir).catch(() => undefined);
  }
  return removed;
}

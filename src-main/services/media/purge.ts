import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Library } from '../library/db';
import { LANDING_LEASE_MS, landingIsLive, shareClock } from './landing';

/**
 * Remove media folders whose recording row is gone. Purging a session or patient from the trash
 * deletes rows (recordings cascade with their session) but SQLite cannot delete files; call this
 * after a purge. It also runs when a library is opened: an import killed between renaming its
 * folder into media/ and committing its row (or an `analyze --home` killed before its single
 * commit) leaves a folder no row names. Only folders named like our ids are touched; rows in the
 * trash keep their files.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Each session folder of media/ with the recording folders in it named like our ids. */
function* sessionFolders(
  mediaDir: string,
): Generator<{ session: string; dir: string; recordings: string[]; others: number }> {
  let sessions;
  try {
    sessions = readdirSync(mediaDir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const s of sessions) {
    if (!s.isDirectory() || !UUID.test(s.name)) continue;
    const dir = join(mediaDir, s.name);
    const entries = readdirSync(dir, { withFileTypes: true });
    const recordings = entries.filter((r) => r.isDirectory() && UUID.test(r.name)).map((r) => r.name);
    yield { session: s.name, dir, recordings, others: entries.length - recordings.length };
  }
}

function removeRecordingFolder(dir: string, recording: string): void {
  rmSync(join(dir, recording), { recursive: true, force: true });
}

function removeIfNowEmpty(dir: string, left: number): void {
  if (left > 0) return;
  try {
    rmdirSync(dir);
  } catch {
    // not empty after all: leave it
  }
}

/**
 * The sweep run while a library is opened (library/db.ts), which is synchronous and comes before
 * the data layer exists: the opener, which may speak SQL, says whether a row names a folder.
 */
export function purgeOrphanMediaSync(
  mediaDir: string,
  recordingExists: (id: string, sessionId: string) => boolean,
): string[] {
  const removed: string[] = [];
  for (const { session, dir, recordings, others } of sessionFolders(mediaDir)) {
    let left = others;
    for (const r of recordings) {
      if (recordingExists(r, session)) left++;
      else {
        removeRecordingFolder(dir, r);
        removed.push(`${session}/${r}`);
      }
    }
    removeIfNowEmpty(dir, left);
  }
  return removed;
}

/**
 * The same sweep through the data layer (after emptying the trash), where other importers may be at
 * work: this process's own, and on a clinic server every other workstation's on the shared folder.
 * A folder whose landing marker is fresh is on its way in (its row not committed yet: ./landing.ts)
 * and is left alone; the marker is read before the row, since an importer removes it only after its
 * commit, so a folder seen unmarked either has its row by then or is a true leftover. Each folder is
 * checked just before it is removed, not from a list read at the start. The start-up sweep above
 * needs no markers: it runs under the library's lock, when no importer can be at work.
 */
export async function purgeOrphanMedia(
  library: Library,
  options: { readonly leaseMs?: number } = {},
): Promise<string[]> {
  const removed: string[] = [];
  const now = await shareClock(library.paths.tmpDir);
  for (const { session, dir, recordings, others } of sessionFolders(library.paths.mediaDir)) {
    let left = others;
    for (const r of recordings) {
      if (await landingIsLive(join(dir, r), now, options.leaseMs ?? LANDING_LEASE_MS)) left++;
      else if (await library.data.recordings.exists(r, session)) left++;
      else {
        removeRecordingFolder(dir, r);
        removed.push(`${session}/${r}`);
      }
    }
    removeIfNowEmpty(dir, left);
  }
  return removed;
}

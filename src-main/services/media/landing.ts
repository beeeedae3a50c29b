import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';

/**
 * A clip's folder on its way into the library (issue 17 item 3): from the moment an import starts
 * building it until its recording row is committed, the folder holds a marker that its importer
 * rewrites every 15 s. Between the rename into media/ and the commit no row names the folder, so the
 * orphan sweep (media/purge.ts: after emptying the trash, after a job rolled back) would take it for
 * a leftover; on a clinic server that window is another workstation's, and with `analyze --db` it
 * lasts the whole pose run. The sweep leaves a folder whose marker is fresh, and removes it once the
 * marker has not been rewritten for the lease (2 min): its importer died or lost the share.
 *
 * Why a lease in a file and not a lock: operating-system locks over SMB and NFS shares are not
 * dependable (SQLite's own documentation warns against them, https://sqlite.org/lockingv3.html §6),
 * and a lock file outlives a process killed on another PC. Why the marker goes in the folder itself:
 * it travels with the rename, so no instant exists when the folder is in media/ unmarked and
 * uncommitted. Ages are read on the share's clock (the mtime of a file just written there, against
 * the marker's mtime, both stamped by the file server), so PCs whose clocks disagree still agree on
 * them, as the analysis jobs' lease uses the database server's clock. The lease is eight renewals
 * long: NFS clients may cache a file's times for up to 60 s (nfs(5), acregmax).
 */
export const LANDING_MARK = '.stridelab-landing';
export const LANDING_LEASE_MS = 120_000;
const renewMs = (): number => Number(process.env.STRIDELAB_LANDING_RENEW_MS) || 15_000;

export interface LandingHold {
  /** The folder moved (renamed into media/): renew the marker there from now on. */
  moveTo(folder: string): void;
  readonly folder: string;
  /** Committed: the row names the folder now; the marker goes. */
  release(): Promise<void>;
  /** Abandoned (the folder is being removed): stop renewing. */
  stop(): void;
}

const note = (): string =>
  `${JSON.stringify({ host: hostname(), pid: process.pid, renewed: new Date().toISOString() })}\n`;

/** Mark `folder` (which must exist) as being landed by this process, and keep the mark fresh. */
export async function holdLanding(folder: string): Promise<LandingHold> {
  let current = folder;
  // Written, not touched: a write stamps the mtime on the file server's clock; utimes would send ours.
  await writeFile(join(current, LANDING_MARK), note());
  const timer = setInterval(() => {
    // Mid-rename the old path is gone (ENOENT): the next tick writes at the new one.
    writeFile(join(current, LANDING_MARK), note()).catch(() => undefined);
  }, renewMs());
  timer.unref();
  return {
    moveTo(to) {
      current = to;
    },
    get folder() {
      return current;
    },
    async release() {
      clearInterval(timer);
      await rm(join(current, LANDING_MARK), { force: true }).catch(() => undefined);
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/**
 * "Now" on the clock of the file system holding `dir`: the mtime of a file written there this
 * instant. Falls back to this computer's clock when the folder cannot be written.
 */
export async function shareClock(dir: string): Promise<number> {
  const probe = join(dir, `.clock-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, '');
    return (await stat(probe)).mtimeMs;
  } catch {
    return Date.now();
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** Whether `folder` is being landed by a live importer: its marker was rewritten within the lease. */
export async function landingIsLive(
  folder: string,
  now: number,
  leaseMs = LANDING_LEASE_MS,
): Promise<boolean> {
  try {
    return now - (await stat(join(folder, LANDING_MARK))).mtimeMs < leaseMs;
  } catch {
    return false;
  }
}

/**
 * What imports killed mid-way left in a workstation's scratch folder on the share
 * (`.stridelab-tmp/<name>/`): its import folders whose marker is stale, and uploads and archive
 * extractions not written to for the lease. Nothing fresher is touched, so a second StrideLab
 * process under the same workstation name (the app and a `stridelab import --db` on one PC) keeps
 * its work. Takes being recorded (captures/) are capture's to recover. Returns the names removed.
 */
export async function sweepStaleScratch(dir: string, leaseMs = LANDING_LEASE_MS): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  const now = await shareClock(dir);
  for (const n of names) {
    if (!/^(import|upload|archive)-/.test(n)) continue;
    const path = join(dir, n);
    try {
      if (await landingIsLive(path, now, leaseMs)) continue;
      if (now - (await stat(path)).mtimeMs < leaseMs) continue; // no marker yet, or not an import
      await rm(path, { recursive: true, force: true });
      removed.push(n);
    } catch {
      // gone meanwhile, or not ours to remove: left for a later start
    }
  }
  return removed;
}

import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { processStartTime, sameProcess } from './identity';

/**
 * Nothing left behind by a StrideLab process that dies, however it dies (kill -9, power cut).
 *
 * Each process that claims one gets a scratch folder of its own, `<root>/<pid>-<start time>/`, and
 * points TMPDIR at its `tmp/`: whatever it or a library it uses makes with os.tmpdir() lands there
 * (analyze's temporary library, Playwright's Chromium profile and artifacts, Chromium's own temp
 * files). Things that must live elsewhere (a staging folder in the user's --out; a child process)
 * are written to the folder's `registry.jsonl` as they are made, and struck off when they are gone.
 * At the next start of any StrideLab process, `sweepLeftovers` kills the recorded children of every
 * process that is gone (identified by pid AND start time, so a reused pid is never touched), removes
 * its recorded folders and its scratch folder. A normal exit removes its own.
 *
 * The library's own tmp/ is swept when the library is opened (library/db.ts), under its lock.
 */
interface Entry {
  readonly path?: string;
  readonly forget?: string;
  readonly pid?: number;
  readonly start?: string;
  readonly exited?: number;
}

/** Only folders of these names are removed from outside the scratch root: ours, and nothing else. */
const REMOVABLE = /^(\.stridelab-partial-|stridelab-)/;

const originalTmp = tmpdir();
const user = (): string => {
  try {
    return String(userInfo().uid >= 0 ? userInfo().uid : userInfo().username);
  } catch {
    return 'user';
  }
};
export const scratchRoot = (): string =>
  process.env.STRIDELAB_SCRATCH_ROOT ?? join(originalTmp, `stridelab-scratch-${user()}`);

let mine: { dir: string; registry: string } | undefined;

/**
 * Give this process its scratch folder (once). With `redirectTmp` (the CLI, browser mode), TMPDIR
 * points into it for this process and its children.
 */
export function claimScratch(options: { redirectTmp: boolean }): string {
  if (mine) return mine.dir;
  const root = scratchRoot();
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const dir = join(root, `${process.pid}-${processStartTime(process.pid) ?? 'x'}`);
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  mine = { dir, registry: join(dir, 'registry.jsonl') };
  if (options.redirectTmp) {
    const tmp = join(dir, 'tmp');
    process.env.TMPDIR = tmp;
    if (process.platform === 'win32') process.env.TMP = process.env.TEMP = tmp;
  }
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function record(entry: Entry): void {
  if (!mine) return;
  try {
    appendFileSync(mine.registry, `${JSON.stringify(entry)}\n`);
  } catch {
    // A full disk must not fail the job for want of a note; the sweep then misses this one thing.
  }
}

/** Remember a folder to remove if this process dies before it does (e.g. a staging folder in --out). */
export function noteLeftover(path: string): () => void {
  record({ path });
  return () => record({ forget: path });
}

/** Remember a child process to kill if this process dies without killing it. */
export function noteChild(pid: number | undefined): () => void {
  if (pid === undefined) return () => undefined;
  record({ pid, start: processStartTime(pid) });
  return () => record({ exited: pid });
}

function readRegistry(file: string): { paths: Set<string>; children: Map<number, string | undefined> } {
  const paths = new Set<string>();
  const children = new Map<number, string | undefined>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { paths, children };
  }
  for (const line of text.split('\n')) {
    let e: Entry;
    try {
      e = JSON.parse(line) as Entry;
    } catch {
      continue; // a line cut by the crash
    }
    if (e.path) paths.add(e.path);
    if (e.forget) paths.delete(e.forget);
    if (e.pid !== undefined) children.set(e.pid, e.start);
    if (e.exited !== undefined) children.delete(e.exited);
  }
  return { paths, children };
}

export interface Swept {
  readonly processes: number;
  readonly killed: number;
  readonly removed: number;
}

/** Clean up after every StrideLab process that is gone. Safe to run at any time, from any process. */
export function sweepLeftovers(): Swept {
  const root = scratchRoot();
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return { processes: 0, killed: 0, removed: 0 };
  }
  let processes = 0;
  let killed = 0;
  let removed = 0;
  for (const name of names) {
    const m = /^(\d+)-(\d+|x)$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const start = m[2] === 'x' ? undefined : m[2];
    if (pid === process.pid || sameProcess(pid, start)) continue;
    processes++;
    const dir = join(root, name);
    const { paths, children } = readRegistry(join(dir, 'registry.jsonl'));
    for (const [child, childStart] of children) {
      // Only a child we can name exactly (pid and start time): never a stranger with a reused pid.
      if (childStart === undefined || !sameProcess(child, childStart)) continue;
      try {
        process.kill(child, 'SIGKILL');
        killed++;
      } catch {
        // Gone meanwhile.
      }
    }
    try {
      for (const p of paths) {
        if (!REMOVABLE.test(basename(p))) continue;
        rmSync(p, { recursive: true, force: true });
        removed++;
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder we may not remove (permissions, a read-only drive): leave it for a later start.
    }
  }
  return { processes, killed, removed };
}

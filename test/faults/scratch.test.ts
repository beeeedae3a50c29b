import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processAlive, processStartTime } from '../../src-main/services/process/identity';
import { sweepLeftovers } from '../../src-main/services/process/scratch';

/**
 * The start-up sweep (services/process/scratch.ts) on hand-made registries: what a dead process
 * recorded is killed and removed; a live process's folder is left alone; a pid that now belongs to
 * another program (start time differs) is never killed; only our own kinds of folder are removed.
 */
let root: string;
const saved = process.env.STRIDELAB_SCRATCH_ROOT;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'stridelab-sweep-'));
  process.env.STRIDELAB_SCRATCH_ROOT = join(root, 'scratch');
  mkdirSync(process.env.STRIDELAB_SCRATCH_ROOT);
});
afterEach(() => {
  if (saved === undefined) delete process.env.STRIDELAB_SCRATCH_ROOT;
  else process.env.STRIDELAB_SCRATCH_ROOT = saved;
  rmSync(root, { recursive: true, force: true });
});

function registry(owner: string, lines: object[]): string {
  const dir = join(process.env.STRIDELAB_SCRATCH_ROOT!, owner);
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  writeFileSync(join(dir, 'registry.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"cut off');
  return dir;
}

const sleeper = (): { pid: number; start: string } => {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  child.unref();
  return { pid: child.pid!, start: processStartTime(child.pid!)! };
};

const waitGone = async (pid: number): Promise<boolean> => {
  for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !processAlive(pid);
};

describe('the start-up sweep', () => {
  it("kills a dead process's children and removes its folders, and nothing else", async () => {
    const orphan = sleeper();
    const stranger = sleeper(); // recorded with a wrong start time: a pid handed to another program
    const staging = join(root, 'out', '.stridelab-partial-abc');
    const notOurs = join(root, 'out', 'report.pdf');
    mkdirSync(staging, { recursive: true });
    writeFileSync(notOurs, 'x');
    const forgotten = join(root, 'out', '.stridelab-partial-done');
    mkdirSync(forgotten);
    // pid 999999999 cannot exist: its owner is dead.
    const dead = registry('999999999-1', [
      { pid: orphan.pid, start: orphan.start },
      { pid: stranger.pid, start: `${stranger.start}1` },
      { path: staging },
      { path: notOurs },
      { path: forgotten },
      { forget: forgotten },
    ]);
    const live = registry(`${process.ppid}-${processStartTime(process.ppid)}`, [{ path: staging }]);
    try {
      const swept = sweepLeftovers();
      expect(swept).toEqual({ processes: 1, killed: 1, removed: 1 });
      expect(await waitGone(orphan.pid)).toBe(true);
      expect(processAlive(stranger.pid)).toBe(true);
      expect(existsSync(staging)).toBe(false);
      expect(existsSync(notOurs)).toBe(true); // not a name of ours: never removed
      expect(existsSync(forgotten)).toBe(true); // struck off the registry: its owner removed it
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      for (const p of [orphan.pid, stranger.pid]) if (processAlive(p)) process.kill(p, 'SIGKILL');
    }
  });
});

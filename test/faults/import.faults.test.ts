import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { createPatient } from '../../src-main/services/library/patients';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { bundleForNode } from '../helpers/bundle';
import {
  checkInvariants,
  cleanup,
  FAULT_SEED,
  makeArena,
  orphansAfter,
  report,
  runToEnd,
  seeded,
  start,
  type Arena,
} from './harness';

/**
 * `stridelab import` killed at random instants (start-up, lock, probe, copy, transcode, thumbnail,
 * commit, exit), SIGKILL three times in four, SIGTERM otherwise; after each kill a normal import
 * must succeed, and then: no process of the killed run alive 3 s later, no temporary file left
 * anywhere (library tmp/, the process scratch, the system temp folder), rows and media agree, no
 * empty session, no duplicate rows, the library opens. The clip is tiny (1 s, 96×64) so a trial
 * costs about one import.
 */
const KILLS = Number(process.env.STRIDELAB_FAULT_IMPORT_KILLS ?? 130);
/** Libraries run side by side: a trial mostly waits on process start-up and fsync, not on the CPU. */
const ARENAS = 2;

let cli: string;
let root: string;
beforeAll(async () => {
  cli = await bundleForNode('src-main/cli/index.ts');
  root = mkdtempSync(join(tmpdir(), 'stridelab-faults-import-'));
});
afterAll(() => {
  cleanup(root);
  rmSync(dirname(cli), { recursive: true, force: true });
});

interface Tally {
  killPoints: number;
  signals: Record<string, number>;
  violations: string[];
}

async function campaign(n: number, kills: number, seed: number, tally: Tally): Promise<void> {
  const arena: Arena = makeArena(join(root, `arena-${n}`));
  const clip = join(arena.root, 'tiny clip.mp4');
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=96x64:rate=30', '-t', '1'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', clip],
  ]);
  const lib = openLibrary(arena.home);
  await createPatient(lib.data, { name: 'Fault Runner', sex: 'unspecified' });
  lib.close();
  const args = [
    'import',
    clip,
    '--patient',
    'Fault Runner',
    '--view',
    'side',
    '--condition',
    'flat',
    '--home',
    arena.home,
  ];
  const rand = seeded(seed);
  // How long a whole import takes here, to spread the kill points over all of it.
  const t0 = Date.now();
  const warm = await runToEnd(cli, args, arena.env);
  expect(warm.code, warm.stderr).toBe(0);
  let span = Date.now() - t0;
  let killed = 0;
  for (let trial = 0; killed < kills && trial < kills * 2; trial++) {
    const signal: NodeJS.Signals = rand() < 0.75 ? 'SIGKILL' : 'SIGTERM';
    const delay = rand() * span;
    const at = `arena ${n} trial ${trial} (${signal} at ${delay.toFixed(0)} ms)`;
    const run = start(cli, args, arena.env);
    await new Promise((r) => setTimeout(r, delay));
    const alive = run.child.exitCode === null && run.child.signalCode === null;
    if (alive) run.child.kill(signal);
    const ended = await run.done;
    if (alive) {
      killed++;
      tally.killPoints++;
      tally.signals[signal] = (tally.signals[signal] ?? 0) + 1;
      // SIGTERM is Ctrl-C: cancelled (130), or done if it came during the last instant.
      if (signal === 'SIGTERM' && ended.signal === null && ![0, 130].includes(ended.code ?? -1))
        tally.violations.push(`${at}: ended with code ${ended.code}: ${ended.stderr.slice(-300)}`);
    }
    for (const o of await orphansAfter(arena.root)) tally.violations.push(`${at}: orphan ${o}`);
    const t1 = Date.now();
    const next = await runToEnd(cli, args, arena.env);
    // Kill points spread over a whole run as long as it takes now (the machine's load changes).
    span = 0.7 * span + 0.3 * (Date.now() - t1);
    if (next.code !== 0)
      tally.violations.push(
        `${at}: the normal run after it failed (${next.code}): ${next.stderr.slice(-300)}`,
      );
    for (const v of checkInvariants(arena, { everySessionHasRecordings: true }))
      tally.violations.push(`${at}: ${v}`);
    if (tally.violations.length > 20) return;
  }
}

describe('fault injection: import', () => {
  it(`survives ${KILLS} kills at random points`, { timeout: 1_500_000 }, async () => {
    const tally: Tally = { killPoints: 0, signals: {}, violations: [] };
    await Promise.all(
      Array.from({ length: ARENAS }, (_, n) => campaign(n, Math.ceil(KILLS / ARENAS), FAULT_SEED + n, tally)),
    );
    report('import', tally.killPoints, tally.signals, tally.violations);
    expect(tally.violations).toEqual([]);
    expect(tally.killPoints).toBeGreaterThanOrEqual(KILLS);
  });
});

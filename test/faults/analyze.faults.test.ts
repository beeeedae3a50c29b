import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { createPatient } from '../../src-main/services/library/patients';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { generateRunner } from '../../src-shared/gait/synthetic';
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
 * `stridelab analyze` (landmarks given, so no pose step: import, gait, key frames, the PDF in
 * headless Chromium, the exports) killed at random instants, half the runs with --home (all or
 * nothing in that library) and half with a temporary library (in the process's scratch folder).
 * After each kill a normal run must succeed (a quick import into the same library, which sweeps
 * what the killed run left), then: no process of the killed run (ffmpeg, Chromium) alive 3 s later,
 * no temporary library, no staging folder in --out, no Chromium profile, no patient or session
 * without its recordings, rows and media agree. At the end a whole analyze must succeed.
 */
const KILLS = Number(process.env.STRIDELAB_FAULT_ANALYZE_KILLS ?? 12);
/** A short synthetic run (6 s: enough strides for the gait step) on a small clip, to keep a trial cheap. */
const RUN = { view: 'side', fps: 30, durationS: 6, width: 240, height: 320, seed: 14, noisePx: 1 } as const;

let cli: string;
let arena: Arena;
let tiny: string;
let sample: string;
let landmarks: string;
beforeAll(async () => {
  cli = await bundleForNode('src-main/cli/index.ts');
  arena = makeArena(mkdtempSync(join(tmpdir(), 'stridelab-faults-analyze-')));
  tiny = join(arena.root, 'tiny.mp4');
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=96x64:rate=30', '-t', '1'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', tiny],
  ]);
  sample = join(arena.root, 'runner.mp4');
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=${RUN.width}x${RUN.height}:rate=${RUN.fps}`],
    ...['-t', String(RUN.durationS), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', sample],
  ]);
  landmarks = join(arena.root, 'runner.landmarks.json');
  writeFileSync(landmarks, JSON.stringify(generateRunner(RUN).series));
  const lib = openLibrary(arena.home);
  await createPatient(lib.data, { name: 'Import Runner', sex: 'unspecified' });
  lib.close();
});
afterAll(() => {
  cleanup(arena.root);
  rmSync(dirname(cli), { recursive: true, force: true });
});

const analyzeArgs = (home: boolean): string[] => [
  'analyze',
  ...['--side', sample, '--side-landmarks', landmarks, '--out', arena.out, '--patient', 'Analyzed Runner'],
  ...(home ? ['--home', arena.home] : []),
];
const importArgs = (): string[] => [
  'import',
  tiny,
  '--patient',
  'Import Runner',
  '--view',
  'side',
  '--condition',
  'flat',
  '--home',
  arena.home,
];

describe('fault injection: analyze', () => {
  it(`survives ${KILLS} kills at random points`, { timeout: 1_500_000 }, async () => {
    const rand = seeded(FAULT_SEED + 200);
    const violations: string[] = [];
    const signals: Record<string, number> = {};
    let killPoints = 0;
    const t0 = Date.now();
    const warm = await runToEnd(cli, analyzeArgs(true), arena.env);
    expect(warm.code, warm.stderr).toBe(0);
    const span = Date.now() - t0;
    for (let trial = 0; killPoints < KILLS && trial < KILLS * 2; trial++) {
      const home = trial % 2 === 0;
      const signal: NodeJS.Signals = rand() < 0.75 ? 'SIGKILL' : 'SIGTERM';
      const delay = rand() * span;
      const at = `trial ${trial} (${home ? '--home' : 'temporary library'}, ${signal} at ${delay.toFixed(0)} ms)`;
      for (const f of readdirSync(arena.out)) rmSync(join(arena.out, f), { recursive: true, force: true });
      const run = start(cli, analyzeArgs(home), arena.env);
      await new Promise((r) => setTimeout(r, delay));
      const alive = run.child.exitCode === null && run.child.signalCode === null;
      if (alive) run.child.kill(signal);
      const ended = await run.done;
      if (alive) {
        killPoints++;
        signals[signal] = (signals[signal] ?? 0) + 1;
        // A killed run wrote no report (the files appear together at the very end, or not at all).
        if (ended.code !== 0 && existsSync(join(arena.out, 'report.pdf')))
          violations.push(`${at}: a report.pdf after a failed run`);
      }
      for (const o of await orphansAfter(arena.root)) violations.push(`${at}: orphan ${o}`);
      const next = await runToEnd(cli, importArgs(), arena.env);
      if (next.code !== 0)
        violations.push(`${at}: the normal run after it failed: ${next.stderr.slice(-300)}`);
      for (const v of checkInvariants(arena, { everySessionHasRecordings: true }))
        violations.push(`${at}: ${v}`);
      if (violations.length > 20) break;
    }
    const last = await runToEnd(cli, analyzeArgs(true), arena.env);
    if (last.code !== 0) violations.push(`the final analyze failed: ${last.stderr.slice(-300)}`);
    for (const v of checkInvariants(arena, { everySessionHasRecordings: true }))
      violations.push(`after the final analyze: ${v}`);
    report('analyze', killPoints, signals, violations);
    expect(violations).toEqual([]);
    expect(killPoints).toBe(KILLS);
  });
});

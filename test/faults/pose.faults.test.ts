import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { bundleForNode } from '../helpers/bundle';
import { SHARED_MEDIA } from '../helpers/media';
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
 * `stridelab pose` (headless Chromium running MediaPipe, ffmpeg decoding the clip) killed at random
 * instants. After each kill: no Chromium or ffmpeg of the dead run alive 3 s later, no browser
 * profile or scratch folder, nothing in the system temp folder, and --out holds either nothing or a
 * whole landmark file (never a half-written one, never a temp file). Then a normal run must write
 * a landmark file with a person in most frames.
 */
const KILLS = Number(process.env.STRIDELAB_FAULT_POSE_KILLS ?? 10);

let cli: string;
let arena: Arena;
let clip: string;
const out = (): string => join(arena.out, 'runner.landmarks.json');
const poseArgs = (): string[] => ['pose', clip, '--model', 'lite', '--out', out()];

/** The --out folder after a run: empty, or one whole landmark series. */
function outViolations(): string[] {
  const names = readdirSync(arena.out);
  const v = names.filter((n) => n !== 'runner.landmarks.json').map((n) => `--out holds ${n}`);
  if (existsSync(out())) {
    try {
      const series = JSON.parse(readFileSync(out(), 'utf8')) as { frames?: unknown[] };
      if (!Array.isArray(series.frames) || series.frames.length === 0)
        v.push('the landmark file has no frames');
    } catch {
      v.push('the landmark file is not whole JSON');
    }
  }
  return v;
}

beforeAll(async () => {
  cli = await bundleForNode('src-main/cli/index.ts');
  arena = makeArena(mkdtempSync(join(tmpdir(), 'stridelab-faults-pose-')));
  // 2 s of the real treadmill runner, small: enough for a person in every frame, quick to detect.
  clip = join(arena.root, 'runner.mp4');
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-i', join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4'), '-t', '2'],
    ...['-vf', 'scale=-2:480', '-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clip],
  ]);
});
afterAll(() => {
  if (arena) cleanup(arena.root);
  if (cli) rmSync(dirname(cli), { recursive: true, force: true });
});

describe('fault injection: pose', () => {
  it(`survives ${KILLS} kills at random points`, { timeout: 1_500_000 }, async () => {
    const rand = seeded(FAULT_SEED + 400);
    const violations: string[] = [];
    const signals: Record<string, number> = {};
    let killPoints = 0;
    const t0 = Date.now();
    const warm = await runToEnd(cli, poseArgs(), arena.env);
    expect(warm.code, warm.stderr).toBe(0);
    const span = Date.now() - t0;
    for (let trial = 0; killPoints < KILLS && trial < KILLS * 2; trial++) {
      const signal: NodeJS.Signals = rand() < 0.75 ? 'SIGKILL' : 'SIGTERM';
      const delay = rand() * span;
      const at = `trial ${trial} (${signal} at ${delay.toFixed(0)} ms)`;
      rmSync(out(), { force: true });
      const run = start(cli, poseArgs(), arena.env);
      await new Promise((r) => setTimeout(r, delay));
      const alive = run.child.exitCode === null && run.child.signalCode === null;
      if (alive) {
        run.child.kill(signal);
        killPoints++;
        signals[signal] = (signals[signal] ?? 0) + 1;
      }
      const ended = await run.done;
      if (alive && ended.code !== 0 && existsSync(out()))
        violations.push(`${at}: a landmark file after a run that did not finish`);
      for (const o of await orphansAfter(arena.root)) violations.push(`${at}: orphan ${o}`);
      // The normal run (its start also sweeps what the killed run left).
      const next = await runToEnd(cli, poseArgs(), arena.env);
      if (next.code !== 0)
        violations.push(`${at}: the normal run after it failed: ${next.stderr.slice(-300)}`);
      for (const x of outViolations()) violations.push(`${at}: ${x}`);
      for (const x of checkInvariants(arena, { everySessionHasRecordings: true }))
        violations.push(`${at}: ${x}`);
      if (violations.length > 20) break;
    }
    report('pose', killPoints, signals, violations);
    expect(violations).toEqual([]);
    expect(killPoints).toBe(KILLS);
  });
});

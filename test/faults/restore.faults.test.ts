import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { createPatient } from '../../src-main/services/library/patients';
import { createSession } from '../../src-main/services/library/sessions';
import { backupLibrary } from '../../src-main/services/media/backup';
import { importRecording } from '../../src-main/services/media/import';
import { bundleForNode } from '../helpers/bundle';
import { ffmpegPath } from '../../src-main/services/media/binaries';
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
 * Restore killed at random instants: reading the backup, the safety backup of the current library,
 * the media swap, the row replacement. Two backups (two recordings; three) are restored in turn, so
 * every restore changes the library. After each kill the library must hold either the state before
 * or the state after (nothing lost, nothing half), and a normal restore must then succeed and give
 * exactly the backup's recordings.
 */
const KILLS = Number(process.env.STRIDELAB_FAULT_RESTORE_KILLS ?? 60);

let runner: string;
let arena: Arena;
const backups: { file: string; ids: string[] }[] = [];

const recordingIds = (home: string): string[] => {
  const db = new Database(join(home, 'library.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT id FROM recordings ORDER BY id`).all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  runner = await bundleForNode('test/faults/restore-runner.ts');
  arena = makeArena(mkdtempSync(join(tmpdir(), 'stridelab-faults-restore-')));
  const lib = openLibrary(arena.home);
  const patient = await createPatient(lib.data, { name: 'Restore Runner', sex: 'unspecified' });
  const session = await createSession(lib.data, {
    patientId: patient.id,
    date: '2026-03-01',
    injurySide: 'none',
    treadmillSpeedsKmh: [],
    treadmillInclinesPct: [],
  });
  // Small generated clips (three different pictures) keep each restore, and its safety backup, cheap.
  const add = async (pattern: string) => {
    const file = join(arena.root, `${pattern}.mp4`);
    execFileSync(ffmpegPath(), [
      ...['-v', 'error', '-f', 'lavfi', '-i', `${pattern}=size=96x64:rate=30`, '-t', '1'],
      ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', file],
    ]);
    await importRecording(lib, {
      sessionId: session.id,
      sourcePath: file,
      view: 'side',
      condition: { label: 'flat' },
    });
  };
  await add('testsrc');
  await add('testsrc2');
  for (const step of [0, 1]) {
    if (step === 1) await add('smptebars');
    const made = await backupLibrary(lib);
    const file = join(arena.root, `state-${step}.stridelab-backup`);
    copyFileSync(made.path, file);
    rmSync(made.path);
    backups.push({
      file,
      ids: (lib.db.prepare(`SELECT id FROM recordings ORDER BY id`).all() as { id: string }[]).map(
        (r) => r.id,
      ),
    });
  }
  lib.close();
}, 300_000);
afterAll(() => {
  cleanup(arena.root);
  rmSync(dirname(runner), { recursive: true, force: true });
});

describe('fault injection: restore', () => {
  it(`survives ${KILLS} kills at random points`, { timeout: 1_500_000 }, async () => {
    const rand = seeded(FAULT_SEED + 100);
    const violations: string[] = [];
    const signals: Record<string, number> = {};
    let killPoints = 0;
    let midSwap = 0;
    const t0 = Date.now();
    const warm = await runToEnd(runner, [arena.home, backups[0]!.file], arena.env);
    expect(warm.code, warm.stderr).toBe(0);
    let span = Date.now() - t0;
    let current = 0;
    for (let trial = 0; killPoints < KILLS && trial < KILLS * 2; trial++) {
      const target = 1 - current;
      const signal: NodeJS.Signals = rand() < 0.75 ? 'SIGKILL' : 'SIGTERM';
      // Half the kill points in the last 40 % of the run, where the swap and the commit are.
      const delay = (rand() < 0.5 ? rand() : 0.6 + 0.4 * rand()) * span;
      const at = `trial ${trial} (${signal} at ${delay.toFixed(0)} ms)`;
      const run = start(runner, [arena.home, backups[target]!.file], arena.env);
      await new Promise((r) => setTimeout(r, delay));
      const alive = run.child.exitCode === null && run.child.signalCode === null;
      if (alive) run.child.kill(signal);
      await run.done;
      if (alive) {
        killPoints++;
        signals[signal] = (signals[signal] ?? 0) + 1;
      }
      for (const o of await orphansAfter(arena.root)) violations.push(`${at}: orphan ${o}`);
      // Killed inside the media swap: the next open must finish or undo it.
      const tmpNow = join(arena.home, 'tmp');
      if (
        readdirSync(tmpNow).some((n) => n.startsWith('restore-') && existsSync(join(tmpNow, n, 'old-media')))
      )
        midSwap++;
      // The library as the next StrideLab finds it: before or after, never between.
      openLibrary(arena.home).close();
      const found = recordingIds(arena.home).join(',');
      if (found !== backups[current]!.ids.join(',') && found !== backups[target]!.ids.join(','))
        violations.push(`${at}: the library holds neither state: ${found}`);
      const t1 = Date.now();
      const next = await runToEnd(runner, [arena.home, backups[target]!.file], arena.env);
      // Kill points spread over a whole run as long as it takes now (the machine's load changes).
      span = 0.7 * span + 0.3 * (Date.now() - t1);
      if (next.code !== 0)
        violations.push(`${at}: the normal restore after it failed: ${next.stderr.slice(-300)}`);
      if (recordingIds(arena.home).join(',') !== backups[target]!.ids.join(','))
        violations.push(`${at}: the normal restore did not give the backup's recordings`);
      for (const v of checkInvariants(arena, { everySessionHasRecordings: false }))
        violations.push(`${at}: ${v}`);
      // Safety backups pile up (one per restore): keep the folder small.
      rmSync(join(arena.home, 'backups'), { recursive: true, force: true });
      current = target;
      if (violations.length > 20) break;
    }
    report('restore', killPoints, signals, violations);
    process.stdout.write(`faults: restore: ${midSwap} kills landed inside the media swap\n`);
    expect(violations).toEqual([]);
    expect(killPoints).toBe(KILLS);
  });
});

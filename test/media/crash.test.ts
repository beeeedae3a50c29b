import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { createPatient } from '../../src-main/services/library/patients';
import { bundleForNode } from '../helpers/bundle';
import {
  checkInvariants,
  makeArena,
  orphansAfter,
  processesMentioning,
  runToEnd,
  start,
  type Arena,
} from '../faults/harness';
import { clip } from './helpers';

/**
 * The crash cases of issue 14, placed exactly (test/faults places them at random): a real
 * `stridelab import` killed while ffmpeg transcodes, by SIGKILL (ffmpeg must not outlive it; the
 * next start removes what it left) and by SIGTERM and SIGHUP (handled like Ctrl-C: cancelled,
 * nothing left, exit 130); and `analyze --home` that fails after its import (nothing kept).
 */
let cli: string;
let arena: Arena;
const LONG = clip('sports2d_demo.mp4'); // several seconds of transcode here

beforeAll(async () => {
  cli = await bundleForNode('src-main/cli/index.ts');
  arena = makeArena(mkdtempSync(join(tmpdir(), 'stridelab-crash-')));
  const lib = openLibrary(arena.home);
  await createPatient(lib.data, { name: 'Crash Runner', sex: 'unspecified' });
  lib.close();
});
afterAll(() => {
  rmSync(arena.root, { recursive: true, force: true });
  rmSync(dirname(cli), { recursive: true, force: true });
});

const importArgs = (file: string): string[] => [
  'import',
  file,
  '--patient',
  'Crash Runner',
  '--view',
  'side',
  '--condition',
  'flat',
  '--home',
  arena.home,
];

/** Start an import and resolve once its ffmpeg is transcoding (the "proxy" phase, ffmpeg seen running). */
async function importUntilTranscoding(): Promise<ReturnType<typeof start>> {
  const run = start(cli, importArgs(LONG), arena.env);
  for (;;) {
    if (run.child.exitCode !== null) throw new Error('the import ended before transcoding');
    if (processesMentioning(arena.home).some((p) => p.includes('ffmpeg') && p.includes('proxy.mp4')))
      return run;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const counts = (): { sessions: number; recordings: number } => {
  const db = new Database(join(arena.home, 'library.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM sessions) sessions, (SELECT COUNT(*) FROM recordings) recordings`,
      )
      .get() as {
      sessions: number;
      recordings: number;
    };
  } finally {
    db.close();
  }
};

describe('a CLI import that is killed', () => {
  it('SIGKILL mid-transcode: ffmpeg dies with it, and the next start leaves no temporary file', async () => {
    const before = counts();
    const run = await importUntilTranscoding();
    run.child.kill('SIGKILL');
    await run.done;
    expect(await orphansAfter(arena.root, 3000)).toEqual([]);
    // What the killed run left: its partial import and its scratch folder, until the next start.
    expect(readdirSync(join(arena.home, 'tmp')).some((n) => n.startsWith('import-'))).toBe(true);
    expect(readdirSync(arena.scratch)).not.toEqual([]);
    expect(counts()).toEqual(before); // no session dated today without its clip
    const next = await runToEnd(
      cli,
      importArgs(clip('running_side_overground_sports2d_demo3.mp4')),
      arena.env,
    );
    expect(next.code, next.stderr).toBe(0);
    expect(checkInvariants(arena, { everySessionHasRecordings: true })).toEqual([]);
  }, 120_000);

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} mid-transcode is Ctrl-C: cancelled, exit 130, nothing left, no ffmpeg`, async () => {
      const before = counts();
      const run = await importUntilTranscoding();
      run.child.kill(signal);
      const ended = await run.done;
      expect(ended.code).toBe(130);
      expect(ended.stderr).toMatch(/cancelled; nothing was imported/);
      expect(processesMentioning(arena.root)).toEqual([]);
      expect(readdirSync(join(arena.home, 'tmp'))).toEqual([]);
      expect(readdirSync(arena.scratch)).toEqual([]);
      expect(counts()).toEqual(before);
    }, 120_000);
  }
});

describe('stridelab analyze --home', () => {
  it('keeps nothing when the run fails after its import (no "Unnamed runner" left behind)', async () => {
    const before = counts();
    const bad = join(arena.root, 'bad.landmarks.json');
    writeFileSync(bad, '{"not": "landmarks"}');
    const out = join(arena.out, 'failed');
    const args = [
      'analyze',
      '--side',
      clip('running_side_overground_sports2d_demo3.mp4'),
      '--side-landmarks',
      bad,
    ];
    const r = await runToEnd(cli, [...args, '--home', arena.home, '--out', out], arena.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a stridelab\.landmarks\/1 file[\s\S]*No report was written/);
    expect(counts()).toEqual(before);
    const db = new Database(join(arena.home, 'library.sqlite'), { readonly: true });
    try {
      expect(db.prepare(`SELECT COUNT(*) n FROM patients WHERE name = 'Unnamed runner'`).get()).toEqual({
        n: 0,
      });
    } finally {
      db.close();
    }
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(checkInvariants(arena, { everySessionHasRecordings: true })).toEqual([]);
  }, 120_000);
});

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureTake } from '../../src-shared/contract/capture';
import { bundleForNode } from '../helpers/bundle';
import { callServed } from '../helpers/serve';
import { liveWebm, MEDIA, pieces } from '../capture/helpers';
import {
  checkInvariants,
  cleanup,
  FAULT_SEED,
  makeArena,
  orphansAfter,
  report,
  seeded,
  start,
  type Arena,
  type Run,
} from './harness';

/**
 * Capture killed at random instants: `stridelab serve` receives a two-camera take the way the
 * renderer sends it (raw chunks over HTTP, then `capture:finish`, which closes both files with
 * ffmpeg and imports them), and dies (SIGKILL, sometimes SIGTERM) anywhere in that span. The normal
 * run after each kill is a restart (recovery runs as the library opens) followed by a whole take
 * that must save. Checked after each trial: no ffmpeg of the dead server alive 3 s later; no take
 * left "recording"; a take whose chunks reached the disk comes back with a recording per view; a
 * take saved before the kill is still saved with its recordings; no recording in two takes; and the
 * library invariants of the other campaigns (rows and media agree, no duplicates, nothing in tmp/
 * but the raw files of a take that saved nothing).
 */
const KILLS = Number(process.env.STRIDELAB_FAULT_CAPTURE_KILLS ?? 12);
/** STRIDELAB_FAULT_VERBOSE=1 says each step on stderr (to see where a slow machine spends its time). */
const say = (line: string): void => {
  if (process.env.STRIDELAB_FAULT_VERBOSE) process.stderr.write(`capture faults: ${line}\n`);
};
const CHUNKS = 3;

let cli: string;
let arena: Arena;
let clip: string;
let takesRecorded = 0;
let sessionId: string;

interface Server {
  readonly run: Run;
  readonly url: string;
  readonly token: string;
}

async function startServer(): Promise<Server> {
  say('starting the server');
  const run = start(cli, ['serve', '--home', arena.home, '--port', '0', '--no-auto-analysis'], arena.env);
  let out = '';
  run.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const until = Date.now() + 60_000;
  for (;;) {
    const m = /STRIDELAB_READY (\{.*\})/.exec(out);
    if (m) {
      const info = JSON.parse(m[1]!) as { url: string; token: string };
      say(`server ready at ${info.url}`);
      return { run, url: info.url, token: info.token };
    }
    if (run.child.exitCode !== null || Date.now() > until) {
      const ended = await Promise.race([run.done, new Promise((r) => setTimeout(r, 100, undefined))]);
      throw new Error(`serve did not start: ${JSON.stringify(ended)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopServer(s: Server): Promise<void> {
  say('stopping the server');
  if (s.run.child.exitCode === null && s.run.child.signalCode === null) s.run.child.kill('SIGTERM');
  await s.run.done;
}

const camera = (view: 'side' | 'rear') => ({
  view,
  deviceLabel: `fake ${view}`,
  width: 320,
  height: 240,
  fps: 30,
  mimeType: 'video/webm;codecs=vp8',
});

/** What one take got to before it ended (or was cut off). */
interface TakeTrace {
  takeId?: string;
  acked: { side: number; rear: number };
  finished?: CaptureTake;
}

/** A whole take as the renderer sends it; `trace` says how far it got if the server dies. */
/**
 * Each take films something else (a real camera never gives the same bytes twice; identical clips
 * would read as duplicate imports).
 */
function filmTake(): { side: Buffer[]; rear: Buffer[] } {
  const from = (takesRecorded++ * 0.37) % 9;
  return {
    side: pieces(liveWebm(clip, 2, 30, from), CHUNKS),
    rear: pieces(liveWebm(clip, 2, 25, from), CHUNKS),
  };
}

async function recordTake(s: Server, label: string, trace: TakeTrace): Promise<CaptureTake> {
  const { side, rear } = filmTake();
  return sendTake(s, label, trace, side, rear);
}

async function sendTake(
  s: Server,
  label: string,
  trace: TakeTrace,
  side: Buffer[],
  rear: Buffer[],
): Promise<CaptureTake> {
  const take = await callServed<CaptureTake>(s, 'capture:begin', {
    sessionId,
    condition: { label },
    cameras: [camera('side'), camera('rear')],
    startedAt: new Date().toISOString(),
  });
  trace.takeId = take.id;
  say(`take ${label} begun`);
  for (let seq = 0; seq < CHUNKS; seq++) {
    for (const [view, data] of [
      ['side', side[seq]!],
      ['rear', rear[seq]!],
    ] as const) {
      const q = `take=${take.id}&view=${view}&seq=${seq}${seq === 0 ? '&startOffsetMs=5' : ''}`;
      const res = await fetch(new URL(`/api/capture/chunk?${q}`, s.url), {
        method: 'POST',
        headers: { 'x-stridelab-token': s.token, 'content-type': 'application/octet-stream' },
        body: data,
      });
      if (!res.ok) throw new Error(`chunk ${view} ${seq}: HTTP ${res.status}`);
      trace.acked[view] = seq + 1;
    }
    await new Promise((r) => setTimeout(r, 40));
  }
  const done = await callServed<CaptureTake>(s, 'capture:finish', {
    takeId: take.id,
    clips: (['side', 'rear'] as const).map((view) => ({
      view,
      chunks: CHUNKS,
      startOffsetMs: 5,
      durationMs: 2000,
    })),
  });
  trace.finished = done;
  say(`take ${label} finished: ${done.status}`);
  return done;
}

const takes = (s: Server): Promise<CaptureTake[]> =>
  callServed<CaptureTake[]>(s, 'capture:takes', { sessionId });

/** Recovery runs in the background as the server starts: wait until no take says "recording". */
async function settled(s: Server): Promise<CaptureTake[]> {
  const until = Date.now() + 90_000;
  for (;;) {
    const all = await takes(s);
    if (!all.some((t) => t.status === 'recording') || Date.now() > until) return all;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What must hold of the takes themselves once a restarted server has settled them. */
function takeViolations(all: CaptureTake[], cut: TakeTrace, savedBefore: Map<string, string[]>): string[] {
  const v: string[] = [];
  for (const t of all) if (t.status === 'recording') v.push(`take ${t.name} still says recording`);
  const seen = new Map<string, string>();
  for (const t of all)
    for (const c of t.clips)
      if (c.recordingId) {
        if (seen.has(c.recordingId))
          v.push(`recording ${c.recordingId} in takes ${seen.get(c.recordingId)} and ${t.name}`);
        seen.set(c.recordingId, t.name);
      }
  for (const [id, recs] of savedBefore) {
    const t = all.find((x) => x.id === id);
    const now = t?.clips.map((c) => c.recordingId).filter(Boolean) ?? [];
    if (!t || !['saved', 'recovered'].includes(t.status) || recs.some((r) => !now.includes(r)))
      v.push(`take ${id}, saved before the crash, is now ${t?.status ?? 'gone'}`);
  }
  const t = cut.takeId ? all.find((x) => x.id === cut.takeId) : undefined;
  if (cut.takeId && !t) v.push(`the cut take ${cut.takeId} has no row`);
  // Whole chunks acknowledged on both views (the first holds the WebM header): the take comes back.
  if (t && cut.acked.side >= 2 && cut.acked.rear >= 2) {
    if (!['saved', 'recovered'].includes(t.status)) v.push(`the cut take is ${t.status}, not recovered`);
    for (const view of ['side', 'rear'] as const)
      if (!t.clips.find((c) => c.view === view)?.recordingId) v.push(`the cut take lost its ${view} clip`);
  }
  return v;
}

/** Raw take folders left in tmp/captures: only those of takes that saved nothing may stay. */
function captureFolderViolations(all: CaptureTake[]): string[] {
  let folders: string[] = [];
  try {
    folders = readdirSync(join(arena.home, 'tmp', 'captures'));
  } catch {
    return [];
  }
  return folders
    .filter((f) => all.find((t) => t.id === f)?.status !== 'failed')
    .map((f) => `tmp/captures/${f} left behind`);
}

beforeAll(async () => {
  cli = await bundleForNode('src-main/cli/index.ts');
  arena = makeArena(mkdtempSync(join(tmpdir(), 'stridelab-faults-capture-')));
  clip = join(MEDIA, 'treadmill_side_zzzhushi_male_side.mp4');
  const s = await startServer();
  try {
    const patient = await callServed<{ id: string }>(s, 'patients:create', { name: 'Capture Runner' });
    const session = await callServed<{ id: string }>(s, 'sessions:create', {
      patientId: patient.id,
      date: '2026-12-06',
    });
    sessionId = session.id;
  } finally {
    await stopServer(s);
  }
}, 120_000);
afterAll(() => {
  if (arena) cleanup(arena.root);
  if (cli) rmSync(dirname(cli), { recursive: true, force: true });
});

describe('fault injection: capture', () => {
  it(`survives ${KILLS} kills of the server mid-take`, { timeout: 1_500_000 }, async () => {
    const rand = seeded(FAULT_SEED + 300);
    const violations: string[] = [];
    const signals: Record<string, number> = {};
    const savedBefore = new Map<string, string[]>();
    let killPoints = 0;

    let s = await startServer();
    const film = filmTake();
    const t0 = Date.now();
    const warm = await sendTake(s, 'warm-up', { acked: { side: 0, rear: 0 } }, film.side, film.rear);
    expect(warm.status).toBe('saved');
    const span = Date.now() - t0;
    savedBefore.set(
      warm.id,
      warm.clips.map((c) => c.recordingId!),
    );

    for (let trial = 0; killPoints < KILLS && trial < KILLS * 2; trial++) {
      const signal: NodeJS.Signals = rand() < 0.75 ? 'SIGKILL' : 'SIGTERM';
      const delay = rand() * span;
      const at = `trial ${trial} (${signal} at ${delay.toFixed(0)} ms)`;
      const trace: TakeTrace = { acked: { side: 0, rear: 0 } };
      const cut = filmTake();
      const take = sendTake(s, `trial ${trial}`, trace, cut.side, cut.rear).catch(() => undefined);
      await new Promise((r) => setTimeout(r, delay));
      const alive = s.run.child.exitCode === null && s.run.child.signalCode === null;
      if (alive && !trace.finished) {
        s.run.child.kill(signal);
        killPoints++;
        signals[signal] = (signals[signal] ?? 0) + 1;
      } else if (alive) {
        // The take ended before the chosen instant (a busy machine is slower or quicker than the
        // warm-up): no kill point, a normal stop.
        await take;
        s.run.child.kill('SIGTERM');
      }
      await s.run.done;
      const finished = (await take) ?? trace.finished;
      if (finished && finished.status === 'saved')
        savedBefore.set(
          finished.id,
          finished.clips.map((c) => c.recordingId!),
        );
      for (const o of await orphansAfter(arena.root)) violations.push(`${at}: orphan ${o}`);

      // The normal run: restart (recovery), settle, then a whole take that must save.
      try {
        s = await startServer();
        const all = await settled(s);
        for (const x of takeViolations(all, trace, savedBefore)) violations.push(`${at}: ${x}`);
        for (const t of all)
          if (t.status === 'saved' || t.status === 'recovered')
            savedBefore.set(
              t.id,
              t.clips.map((c) => c.recordingId).filter((r): r is string => !!r),
            );
        const next = await recordTake(s, `after ${trial}`, { acked: { side: 0, rear: 0 } });
        if (next.status !== 'saved') violations.push(`${at}: the take after it is ${next.status}`);
        else
          savedBefore.set(
            next.id,
            next.clips.map((c) => c.recordingId!),
          );
        const after = await takes(s);
        await stopServer(s);
        // Looked at once the server has stopped: recovery marks a take recovered a moment before it
        // removes the take's folder.
        for (const x of captureFolderViolations(after)) violations.push(`${at}: ${x}`);
      } catch (err) {
        violations.push(`${at}: the normal run after it failed: ${(err as Error).message}`);
        await stopServer(s).catch(() => undefined);
      }
      for (const x of checkInvariants(arena, { everySessionHasRecordings: false }))
        violations.push(`${at}: ${x}`);
      if (violations.length > 20) break;
      s = await startServer();
    }
    await stopServer(s);
    // Every recording a take names exists in the library, and none is named twice.
    const db = new Database(join(arena.home, 'library.sqlite'), { readonly: true });
    try {
      const missing = db
        .prepare(
          `SELECT t.take_id, t.view FROM capture_clips t LEFT JOIN recordings r ON r.id = t.recording_id
            WHERE t.recording_id IS NOT NULL AND r.id IS NULL`,
        )
        .all();
      if (missing.length)
        violations.push(`clips naming a recording that does not exist: ${JSON.stringify(missing)}`);
    } finally {
      db.close();
    }
    report('capture', killPoints, signals, violations);
    expect(violations).toEqual([]);
    expect(killPoints).toBe(KILLS);
  });
});

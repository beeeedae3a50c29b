import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src-shared/contract';
import type { ClipAnalysisStatus, SessionAnalysisStatus } from '../../src-shared/contract/analysis';
import type { Services } from '../../src-main/services';
import { registerSource } from '../../src-main/services/media/sources';
import { getRecordingRow, mediaPath } from '../../src-main/services/media/recordings-db';
import { poseStoreFile } from '../../src-main/services/pose/store';
import { poseRecording } from '../../src-main/services/pose/recording';
import { windowResultFile } from '../../src-main/services/analysis/window-result';
import { openTestServices, secondRun, type TestServices } from '../helpers/test-services';
import { clip } from '../media/helpers';
import { requireEngineBuild } from '../pose/helpers';
import { liveWebm, MEDIA, pieces } from '../capture/helpers';
import type { CaptureTake } from '../../src-shared/contract/capture';

/**
 * The analysis queue on a real library with a real clip and the real pose engine: a clip imported
 * through the service is analysed by itself, with progress events; the PT can cancel and retry; a
 * clip that cannot be read fails with a reason in words; a service closed mid-analysis (the app
 * quitting) resumes the job at its next start without a click. 47 frames keep each run short.
 * On the run's backend (test/helpers/test-services.ts): on a server the queue is the shared one
 * (claims with leases in the database), and a closed workstation hands its running job back.
 */
const SHORT = 'running_side_overground_sports2d_demo3.mp4';

interface Open {
  readonly services: Services;
  readonly events: EventMessage[];
  readonly library: TestServices;
}

const opened: TestServices[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

async function open(analyseOnArrival = true, analysisConcurrency = 1): Promise<Open> {
  const library = await openTestServices({
    prefix: 'stridelab-queue-',
    transport: 'cli',
    analyseOnArrival,
    analysisConcurrency,
  });
  opened.push(library);
  return watch(library);
}

function watch(library: TestServices): Open {
  const events: EventMessage[] = [];
  library.services.onEvent((m) => events.push(m));
  return { services: library.services, events, library };
}

async function call<T>(s: Services, channel: string, input: unknown): Promise<T> {
  const r = await s.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

async function session(s: Services): Promise<string> {
  const p = await call<{ id: string }>(s, 'patients:create', { name: 'Queue Runner' });
  const sess = await call<{ id: string }>(s, 'sessions:create', { patientId: p.id, date: '2026-03-01' });
  return sess.id;
}

async function importClip(s: Services, sessionId: string, name = SHORT, view = 'side'): Promise<string> {
  const path = clip(name);
  const handle = registerSource({ path, name, sizeBytes: statSync(path).size, kind: 'handle' });
  const rec = await call<{ id: string }>(s, 'recordings:import', {
    sessionId,
    source: { kind: 'handle', handle },
    view,
    condition: { label: 'flat' },
    allowDuplicate: true,
    jobId: `job${Date.now()}${Math.round(Math.random() * 1e6)}`,
  });
  return rec.id;
}

/**
 * Wait for the app's own event saying the clip reached `state` (no sleeps), among the events from
 * index `since` on (those that came already included).
 */
function until(
  o: Open,
  recordingId: string,
  pred: (c: ClipAnalysisStatus) => boolean,
  ms = 120_000,
  since = 0,
) {
  return new Promise<ClipAnalysisStatus>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching analysis:changed in ${ms} ms`)), ms);
    const check = (m: EventMessage): void => {
      if (m.event !== 'analysis:changed') return;
      const c = m.payload as ClipAnalysisStatus;
      if (c.recordingId === recordingId && pred(c)) {
        clearTimeout(timer);
        off();
        resolve(c);
      }
    };
    const off = o.services.onEvent(check);
    o.events.slice(since).forEach(check);
  });
}

describe('analysis queue', () => {
  it('analyses an imported clip by itself, with progress, and says so', async () => {
    requireEngineBuild();
    const o = await open();
    const sessionId = await session(o.services);
    const id = await importClip(o.services, sessionId);
    const done = await until(o, id, (c) => c.state === 'done' || c.state === 'failed');
    expect(done.error).toBeNull();
    expect(done.state).toBe('done');
    const states = o.events
      .filter((m) => m.event === 'analysis:changed')
      .map((m) => (m.payload as ClipAnalysisStatus).state);
    // Queued first where told before the queue claimed the job: on PostgreSQL the first tell has read
    // it already claimed since the fifteenth session (CI at 6539441; not diagnosed: the tells are
    // not ordered, each reads the job when it runs), so its first word is then 'pose'.
    expect(['queued', 'pose']).toContain(states[0]);
    expect(states).toContain('pose');
    expect(states).toContain('gait');
    const status = await call<SessionAnalysisStatus>(o.services, 'analysis:status', { sessionId });
    expect(status.settled).toBe(true);
    expect(status.clips.map((c) => c.state)).toEqual(['done']);
    const row = await getRecordingRow(o.services.library.data, id);
    const dir = join(o.services.library.paths.mediaDir, mediaPath(row, 'proxy'), '..');
    const store = poseStoreFile(dir, 'full');
    expect(existsSync(store)).toBe(true);

    // A new trim re-runs what depends on it (alignment, gait), not pose detection.
    const poseWritten = statSync(store).mtimeMs;
    const before = o.events.length;
    await call(o.services, 'recordings:update', { id, trim: { startFrame: 5, endFrame: 40 } });
    // Queued by the change in the background: its own 'done', not the first run's.
    await until(o, id, (c) => c.state === 'done', 120_000, before);
    const again = o.events.slice(before).map((m) => (m.payload as ClipAnalysisStatus).state);
    expect(again).toContain('gait');
    expect(statSync(store).mtimeMs).toBe(poseWritten);
  }, 180_000);

  // How many run at once is this machine's matter, and a take's clip queues as an import's does
  // (first test): in the first run only.
  it.skipIf(secondRun)(
    'analyses two clips at once where the machine allows it',
    async () => {
      requireEngineBuild();
      const o = await open(false, 2);
      const sessionId = await session(o.services);
      const a = await importClip(o.services, sessionId, SHORT, 'side');
      const b = await importClip(o.services, sessionId, SHORT, 'rear');
      await call(o.services, 'analysis:start', { sessionId });
      const both = await new Promise<boolean>((resolve) => {
        const states = new Map<string, string>();
        const off = o.services.onEvent((m) => {
          if (m.event !== 'analysis:changed') return;
          const c = m.payload as ClipAnalysisStatus;
          states.set(c.recordingId, c.state);
          if (states.get(a) === 'pose' && states.get(b) === 'pose') {
            off();
            resolve(true);
          }
          if ([...states.values()].filter((v) => v === 'done').length === 2) {
            off();
            resolve(false);
          }
        });
      });
      expect(both).toBe(true);
      await until(o, a, (c) => c.state === 'done');
      await until(o, b, (c) => c.state === 'done');
    },
    180_000,
  );

  it.skipIf(secondRun)(
    'tells a clip waiting behind a run its time left again as the run goes on',
    async () => {
      requireEngineBuild();
      // One at a time, and a clip long enough (360 frames) for the run to take several seconds.
      const o = await open(false, 1);
      const sessionId = await session(o.services);
      const LONG = 'treadmill_side_zzzhushi_male_side.mp4';
      const ids = [await importClip(o.services, sessionId, LONG, 'side')];
      ids.push(await importClip(o.services, sessionId, LONG, 'rear'));
      const since = o.events.length;
      await call(o.services, 'analysis:start', { sessionId });
      const first = await Promise.race(
        ids.map((id) => until(o, id, (c) => c.state === 'pose', 120_000, since)),
      );
      const waiting = ids.find((id) => id !== first.recordingId)!;
      const told: number[] = [];
      await new Promise<void>((resolve) => {
        const off = o.services.onEvent((m) => {
          const c = m.payload as ClipAnalysisStatus;
          if (m.event !== 'analysis:changed' || c.recordingId !== waiting || c.state !== 'queued') return;
          if (c.secondsLeft !== null) told.push(c.secondsLeft);
          if (told.length >= 5) {
            off();
            resolve();
          }
        });
      });
      // It stood at the figure it was first given while the clip ahead ran (minutes, walking a visit).
      // The first figures may come before the run ahead has counted its frames: from the largest on,
      // it falls.
      const peak = told.indexOf(Math.max(...told));
      expect(peak).toBeLessThan(told.length - 1);
      expect(told.at(-1)!).toBeLessThan(told[peak]!);
      for (const id of ids) await call(o.services, 'analysis:cancel', { recordingId: id });
    },
    180_000,
  );

  it.skipIf(secondRun)(
    'analyses a take by itself as soon as it is saved',
    async () => {
      requireEngineBuild();
      const o = await open();
      const sessionId = await session(o.services);
      const take = await call<CaptureTake>(o.services, 'capture:begin', {
        sessionId,
        condition: { label: 'flat' },
        cameras: [{ view: 'side', width: 320, height: 240, fps: 30, mimeType: 'video/webm;codecs=vp8' }],
        startedAt: '2026-03-01T10:00:00Z',
      });
      const parts = pieces(liveWebm(join(MEDIA, 'treadmill_side_zzzhushi_male_side.mp4'), 1), 2);
      for (const [seq, p] of parts.entries())
        await call(o.services, 'capture:chunk', {
          takeId: take.id,
          view: 'side',
          seq,
          data: p.toString('base64'),
        });
      const saved = await call<CaptureTake>(o.services, 'capture:finish', {
        takeId: take.id,
        clips: [{ view: 'side', chunks: 2, durationMs: 1000 }],
      });
      const id = saved.clips[0]!.recordingId!;
      const done = await until(o, id, (c) => c.state === 'done' || c.state === 'failed');
      expect(done).toMatchObject({ state: 'done', error: null });
    },
    180_000,
  );

  it('cancels on request, retries, and resumes after a restart without a click', async () => {
    requireEngineBuild();
    const first = await open();
    const sessionId = await session(first.services);
    const id = await importClip(first.services, sessionId);
    await until(first, id, (c) => c.state === 'pose');
    expect(
      (await call<{ cancelled: boolean }>(first.services, 'analysis:cancel', { recordingId: id })).cancelled,
    ).toBe(true);
    const cancelled = await until(first, id, (c) => c.state === 'cancelled');
    expect(cancelled.fraction).toBeNull();

    // Retry, then quit while pose detection runs: the job goes back to the queue, not to "cancelled".
    await call(first.services, 'analysis:start', { recordingId: id });
    await until(first, id, (c) => c.state === 'pose');
    // The same library opened again (on a server: the same database and shared folder), analysis on
    // arrival off: the job resumes without a click.
    await first.library.reopen({ analyseOnArrival: false });
    const second = watch(first.library);
    const resumed = await until(second, id, (c) => c.state === 'done' || c.state === 'failed');
    expect(resumed.state).toBe('done');
    expect(resumed.attempts).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it("a waiting job cancelled from the clip card takes its steady window's file along", async () => {
    // A job back in the queue after a crash keeps its window's file (docs/report.md, "Provisional
    // sections"); cancelled while it waits, the file would otherwise stay on disk unused. The job is
    // written as the queue leaves it (data/analysis-jobs.ts); on one PC nothing claims it meanwhile.
    const { services, library } = await open(false);
    const sessionId = await session(services);
    const id = await importClip(services, sessionId);
    const now = new Date().toISOString();
    await library.sql.run(
      `INSERT INTO analysis_jobs (recording_id, model, state, attempts, queued_at, updated_at)
       VALUES (?, 'full', 'queued', 1, ?, ?)`,
      [id, now, now],
    );
    const file = windowResultFile((await poseRecording(services.library, id)).dir, 'full');
    writeFileSync(file, 'window of an interrupted run');
    if (!secondRun) {
      const before = await call<SessionAnalysisStatus>(services, 'analysis:status', { sessionId });
      expect(before.clips.find((c) => c.recordingId === id)!.state).toBe('queued');
    }
    expect(
      (await call<{ cancelled: boolean }>(services, 'analysis:cancel', { recordingId: id })).cancelled,
    ).toBe(true);
    expect(existsSync(file)).toBe(false);
    const after = await call<SessionAnalysisStatus>(services, 'analysis:status', { sessionId });
    expect(after.clips.find((c) => c.recordingId === id)!.state).toBe('cancelled');
  });

  it('says which room analyses a clip another workstation holds; on one PC a left-over run is not another room', async () => {
    // No pose run here: the claim is written as another workstation's claim is (data/analysis-jobs.ts).
    const { services, library } = await open(false);
    const sessionId = await session(services);
    const id = await importClip(services, sessionId);
    const now = new Date();
    const lease = new Date(now.getTime() + 10 * 60_000).toISOString();
    await library.sql.run(
      `INSERT INTO analysis_jobs (recording_id, model, state, attempts, queued_at, updated_at, claimed_by, lease_until)
       VALUES (?, 'full', 'running', 1, ?, ?, 'room 1 #4242.abcdef', ?)`,
      [id, now.toISOString(), now.toISOString(), lease],
    );
    const status = await call<SessionAnalysisStatus>(services, 'analysis:status', { sessionId });
    const c = status.clips.find((x) => x.recordingId === id)!;
    expect(c.state).toBe('queued');
    // On a server the job is room 1's while its lease runs; on one PC it is one a dead process left,
    // which the queue resumes at its next start (requeueRunning), not another room's.
    expect(c.elsewhere ?? null).toEqual(secondRun ? { by: 'room 1' } : null);
  });

  it('fails with the reason in words when the clip cannot be read, and Retry runs it again', async () => {
    requireEngineBuild();
    const o = await open(false);
    const sessionId = await session(o.services);
    const id = await importClip(o.services, sessionId);
    // Nothing runs by itself with analysis on arrival off.
    expect(
      (await call<SessionAnalysisStatus>(o.services, 'analysis:status', { sessionId })).clips[0]!.state,
    ).toBe('none');
    const row = await getRecordingRow(o.services.library.data, id);
    // Pose reads the original where it can and the proxy otherwise (services/pose/input.ts): break both.
    for (const kind of ['original', 'proxy'] as const)
      writeFileSync(join(o.services.library.paths.mediaDir, mediaPath(row, kind)), 'not a video any more');
    await call(o.services, 'analysis:start', { sessionId });
    const failed = await until(o, id, (c) => c.state === 'failed' || c.state === 'done');
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/\S/);
    expect(failed.error).not.toContain(o.services.library.paths.mediaDir);
    // Retry puts it back in the queue (and it fails again, for the same reason, in words).
    const before = o.events.length;
    await call(o.services, 'analysis:start', { recordingId: id });
    const again = await until(o, id, (c) => c.state === 'failed', 120_000, before);
    expect(again.error).toBe(failed.error);
    // It ran again: one more start. (Not "a 'queued' event was seen": on a server the job can be
    // claimed before the queued status is read back, and the news then says it runs; CI saw that.)
    expect(again.attempts).toBeGreaterThan(failed.attempts);
    const invalid = await o.services.dispatch('analysis:start', {});
    expect(invalid.ok).toBe(false);
  }, 180_000);
});

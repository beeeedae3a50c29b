import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, testBackend, type TestLibrary } from '../helpers/test-library';

/**
 * The analysis queue's table through its repository (data/analysis-jobs.ts), on SQLite and, run again
 * by the `postgres` project, on PostgreSQL: queueing, claiming oldest first, leases, who may finish a
 * job. On the server several workstations claim from one table: claims made at the same moment never
 * share a job, and a job whose lease ran out (its workstation died) is claimed again. Migration 0013:
 * a running job keeps its steady window's first numbers until it ends, and a cancel pressed on any
 * workstation reaches the one running the job through its lease renewal.
 */
let lib: TestLibrary;
beforeEach(async () => {
  lib = await openTestLibrary();
  const at = '2026-01-01T00:00:00.000Z';
  await lib.data.patients.insert('p1', { name: 'Ann', sex: 'female' }, at);
  await lib.data.sessions.insert(
    's1',
    {
      patientId: 'p1',
      date: '2026-01-01',
      injurySide: 'none',
      treadmillSpeedsKmh: [],
      treadmillInclinesPct: [],
    },
    at,
  );
  for (let i = 1; i <= 8; i++) await insertRecording(`r${i}`);
});
afterEach(async () => {
  await lib.close();
});

async function insertRecording(id: string): Promise<void> {
  const dir = `s1/${id}`;
  await lib.data.recordings.insert({
    id,
    session_id: 's1',
    view: 'side',
    condition_label: 'flat',
    incline_pct: null,
    speed_kmh: null,
    shoes: null,
    original_name: `${id}.mp4`,
    sha256: id.padEnd(64, '0'),
    size_bytes: 1000,
    probe_json: JSON.stringify({ proxyFps: 30, nominalFps: 30, frameCount: 90 }),
    frame_count: 90,
    trim_start_frame: 0,
    trim_end_frame: 90,
    original_path: `${dir}/original.mp4`,
    proxy_path: `${dir}/proxy.mp4`,
    thumb_path: `${dir}/thumb.jpg`,
    timestamps_path: `${dir}/timestamps.f64`,
    proxy_status: 'ready',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  });
}

/** A time n seconds into the test day, in the form the library keeps. */
const t = (n: number): string => new Date(Date.UTC(2026, 0, 2, 0, 0, n)).toISOString();
const LEASE = 60_000;

describe('analysis jobs', () => {
  it('queues, claims the oldest not busy, and finishes; Retry re-queues, a running job is left alone', async () => {
    const jobs = lib.data.analysisJobs;
    await jobs.enqueue('r2', 'full', false, t(2));
    await jobs.enqueue('r1', 'full', true, t(1));
    await jobs.enqueue('r3', 'lite', false, t(3));
    const first = await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(4));
    expect(first).toMatchObject({
      recordingId: 'r1',
      sessionId: 's1',
      model: 'full',
      state: 'running',
      force: true,
      attempts: 1,
      claimedBy: 'w1',
    });
    // r2 is busy in this process: the next is r3.
    expect((await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: ['r2'] }, t(5)))?.recordingId).toBe(
      'r3',
    );
    // Queueing a running job again changes nothing.
    await jobs.enqueue('r1', 'full', false, t(6));
    expect(await jobs.get('r1', 'full')).toMatchObject({ state: 'running', queuedAt: t(1) });
    const note = 'No steps were found in this clip. Align by hand.';
    expect(await jobs.finish('r1', 'full', { state: 'done', outcome: 'no-steps', note }, t(7), 'w1')).toBe(
      true,
    );
    const done = await jobs.get('r1', 'full');
    expect(done).toMatchObject({ state: 'done', outcome: 'no-steps', note, force: false, error: null });
    expect(done).not.toHaveProperty('claimedBy');
    // Retry: back in the queue, note and outcome gone, attempts kept.
    await jobs.enqueue('r1', 'full', false, t(8));
    expect(await jobs.get('r1', 'full')).toMatchObject({
      state: 'queued',
      note: null,
      outcome: null,
      attempts: 1,
    });
    // A job that failed or was cancelled has no outcome.
    await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(9));
    await jobs.finish('r2', 'full', { state: 'done', outcome: 'numbers', note: null }, t(10), 'w1');
    expect(await jobs.get('r2', 'full')).toMatchObject({ state: 'done', outcome: 'numbers' });
    await jobs.enqueue('r2', 'full', false, t(11));
    await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: ['r1'] }, t(12));
    await jobs.finish('r2', 'full', { state: 'failed', error: 'Unreadable.' }, t(13), 'w1');
    expect(await jobs.get('r2', 'full')).toMatchObject({ state: 'failed', outcome: null });
    expect((await jobs.listForSession('s1')).map((j) => j.recordingId)).toEqual(['r3', 'r1', 'r2']);
  });

  it('lets only the claimer finish or renew a job, cancels waiting jobs, skips the trash', async () => {
    const jobs = lib.data.analysisJobs;
    await jobs.enqueue('r1', 'full', false, t(1));
    await jobs.enqueue('r2', 'full', false, t(2));
    await jobs.enqueue('r3', 'full', false, t(3));
    await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(4));
    expect(await jobs.renewLease('r1', 'full', 'w1', LEASE)).toBe('held');
    expect(await jobs.renewLease('r1', 'full', 'w2', LEASE)).toBe('lost');
    expect(await jobs.finish('r1', 'full', { state: 'failed', error: 'x' }, t(5), 'w2')).toBe(false);
    expect((await jobs.get('r1', 'full'))?.state).toBe('running');
    expect(await jobs.cancelQueued('r2', t(6))).toBe(true);
    expect(await jobs.cancelQueued('r1', t(6))).toBe(false);
    await lib.data.recordings.setDeleted('r3', t(7));
    expect(await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(8))).toBeUndefined();
    // A process that died: the embedded library queues its running jobs again at start-up.
    expect(await jobs.requeueRunning(t(9))).toBe(1);
    expect(await jobs.get('r1', 'full')).toMatchObject({ state: 'queued', attempts: 1 });
    expect(await jobs.get('r1', 'full')).not.toHaveProperty('claimedBy');
  });

  it('gives each job to one claimer when many claim at once', async () => {
    const jobs = lib.data.analysisJobs;
    for (let i = 1; i <= 8; i++) await jobs.enqueue(`r${i}`, 'full', false, t(i));
    // Sixteen claims at the same moment from eight workstations, on as many connections as the pool has.
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        jobs.claimNext({ worker: `w${i % 8}`, leaseMs: LEASE, busy: [] }, t(20)),
      ),
    );
    const got = claims.filter((c) => c !== undefined).map((c) => c.recordingId);
    expect(got.sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']);
    const rows = await lib.sql.all<{ attempts: number }>(`SELECT attempts FROM analysis_jobs`);
    expect(rows.map((r) => Number(r.attempts))).toEqual(Array(8).fill(1));
  });

  it.runIf(testBackend === 'postgres')(
    'on the server, takes over a job whose lease ran out, and the old claimer can no longer write it',
    async () => {
      const jobs = lib.data.analysisJobs;
      await jobs.enqueue('r1', 'full', false, t(1));
      await jobs.enqueue('r1', 'lite', false, t(2));
      expect((await jobs.claimNext({ worker: 'dead', leaseMs: LEASE, busy: [] }, t(3)))?.model).toBe('full');
      // Its lease holds: nothing to take, and the clip's other model waits while it runs elsewhere.
      expect(await jobs.claimNext({ worker: 'w2', leaseMs: LEASE, busy: [] }, t(4))).toBeUndefined();
      // The workstation died an hour ago: its lease ran out.
      await lib.sql.run(`UPDATE analysis_jobs SET lease_until = ? WHERE claimed_by = 'dead'`, [
        new Date(Date.now() - 3_600_000).toISOString(),
      ]);
      const taken = await jobs.claimNext({ worker: 'w2', leaseMs: LEASE, busy: [] }, t(5));
      expect(taken).toMatchObject({ recordingId: 'r1', model: 'full', claimedBy: 'w2', attempts: 2 });
      expect(await jobs.renewLease('r1', 'full', 'dead', LEASE)).toBe('lost');
      expect(
        await jobs.finish('r1', 'full', { state: 'done', outcome: 'numbers', note: null }, t(6), 'dead'),
      ).toBe(false);
      expect(
        await jobs.finish('r1', 'full', { state: 'done', outcome: 'numbers', note: null }, t(7), 'w2'),
      ).toBe(true);
      // The lease is the server's clock plus the lease, in the library's time format.
      await jobs.claimNext({ worker: 'w2', leaseMs: LEASE, busy: [] }, t(8));
      const [row] = await lib.sql.all<{ lease_until: string }>(
        `SELECT lease_until FROM analysis_jobs WHERE model = 'lite'`,
      );
      expect(row!.lease_until).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const ahead = Date.parse(row!.lease_until) - Date.now();
      expect(ahead).toBeGreaterThan(LEASE - 30_000);
      expect(ahead).toBeLessThanOrEqual(LEASE + 30_000);
    },
  );

  it('keeps the first numbers of a running job, provisional, across a restart, until the job ends', async () => {
    const jobs = lib.data.analysisJobs;
    await jobs.enqueue('r1', 'full', false, t(1));
    await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(2));
    // Only the claimer may store them.
    expect(await jobs.setEarly('r1', 'full', EARLY, 'w2')).toBe(false);
    expect(await jobs.get('r1', 'full')).not.toHaveProperty('early');
    expect(await jobs.setEarly('r1', 'full', EARLY, 'w1')).toBe(true);
    expect((await jobs.get('r1', 'full'))?.early).toEqual(EARLY);
    // Handed back (the app quit) or left running by a dead process: they wait with the job.
    expect(await jobs.finish('r1', 'full', { state: 'queued' }, t(3), 'w1')).toBe(true);
    expect((await jobs.listForSession('s1'))[0]).toMatchObject({ state: 'queued', early: EARLY });
    await jobs.claimNext({ worker: 'w2', leaseMs: LEASE, busy: [] }, t(4));
    expect(await jobs.requeueRunning(t(5))).toBe(1);
    expect((await jobs.get('r1', 'full'))?.early).toEqual(EARLY);
    // The whole clip's result replaces them.
    await jobs.claimNext({ worker: 'w3', leaseMs: LEASE, busy: [] }, t(6));
    expect(
      await jobs.finish('r1', 'full', { state: 'done', outcome: 'numbers', note: null }, t(7), 'w3'),
    ).toBe(true);
    expect(await jobs.get('r1', 'full')).not.toHaveProperty('early');
    // Queued afresh (a new trim, Retry): numbers from the old run are not shown for the new one.
    await jobs.enqueue('r2', 'full', false, t(8));
    await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(9));
    await jobs.setEarly('r2', 'full', EARLY, 'w1');
    await jobs.finish('r2', 'full', { state: 'queued' }, t(10), 'w1');
    await jobs.enqueue('r2', 'full', true, t(11));
    expect(await jobs.get('r2', 'full')).not.toHaveProperty('early');
    // A failed or cancelled job drops them too.
    await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(12));
    await jobs.setEarly('r2', 'full', EARLY, 'w1');
    await jobs.finish('r2', 'full', { state: 'cancelled' }, t(13), 'w1');
    expect(await jobs.get('r2', 'full')).not.toHaveProperty('early');
  });

  it('cancels from any workstation: waiting jobs at once, a running one through its next renewal', async () => {
    const jobs = lib.data.analysisJobs;
    await jobs.enqueue('r1', 'full', false, t(1));
    await jobs.enqueue('r2', 'full', false, t(2));
    expect(await jobs.requestCancel('r3', 'room 2', t(3))).toBe('none');
    await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(3));
    expect(await jobs.requestCancel('r2', 'room 2', t(4))).toBe('cancelled');
    expect((await jobs.get('r2', 'full'))?.state).toBe('cancelled');
    // Running in room 1 with its lease held: asked, not cancelled yet.
    expect(await jobs.requestCancel('r1', 'room 2', t(5))).toBe('requested');
    expect(await jobs.get('r1', 'full')).toMatchObject({
      state: 'running',
      claimedBy: 'w1',
      cancelRequested: { at: t(5), by: 'room 2' },
    });
    // Room 1's next heartbeat learns it (and its lease is still extended while it stops).
    expect(await jobs.renewLease('r1', 'full', 'w1', LEASE)).toBe('cancel-requested');
    expect(await jobs.finish('r1', 'full', { state: 'cancelled' }, t(6), 'w1')).toBe(true);
    const done = await jobs.get('r1', 'full');
    expect(done).toMatchObject({ state: 'cancelled' });
    expect(done).not.toHaveProperty('cancelRequested');
    // Analyse again: a fresh job, nothing asked of it.
    await jobs.enqueue('r1', 'full', false, t(7));
    await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(8));
    expect(await jobs.renewLease('r1', 'full', 'w1', LEASE)).toBe('held');
    // A request that a dead process never saw: the job stays stopped at the next start.
    expect(await jobs.requestCancel('r1', 'room 2', t(9))).toBe('requested');
    expect(await jobs.requeueRunning(t(10))).toBe(0);
    expect(await jobs.get('r1', 'full')).toMatchObject({ state: 'cancelled' });
  });

  it('cancels at once a running job nobody holds any more (its lease ran out)', async () => {
    const jobs = lib.data.analysisJobs;
    await jobs.enqueue('r1', 'full', false, t(1));
    await jobs.enqueue('r2', 'full', false, t(2));
    await jobs.claimNext({ worker: 'dead', leaseMs: LEASE, busy: [] }, t(3));
    await jobs.claimNext({ worker: 'dead', leaseMs: LEASE, busy: [] }, t(3));
    await lib.sql.run(`UPDATE analysis_jobs SET lease_until = ? WHERE recording_id = 'r1'`, [
      new Date(Date.now() - 3_600_000).toISOString(),
    ]);
    expect(await jobs.requestCancel('r1', 'room 2', t(4))).toBe('cancelled');
    expect(await jobs.get('r1', 'full')).toMatchObject({ state: 'cancelled' });
    // Asked while its runner lived, then the runner died: cancelled, as asked, not taken over.
    expect(await jobs.requestCancel('r2', 'room 2', t(5))).toBe('requested');
    await lib.sql.run(`UPDATE analysis_jobs SET lease_until = ? WHERE recording_id = 'r2'`, [
      new Date(Date.now() - 3_600_000).toISOString(),
    ]);
    const next = await jobs.claimNext({ worker: 'w2', leaseMs: LEASE, busy: [] }, t(6));
    if (testBackend === 'postgres') {
      expect(next).toBeUndefined();
      expect(await jobs.get('r2', 'full')).toMatchObject({ state: 'cancelled' });
    } else {
      // The embedded library never takes over (one process); its start-up settles it.
      expect(next).toBeUndefined();
      await jobs.requeueRunning(t(7));
      expect(await jobs.get('r2', 'full')).toMatchObject({ state: 'cancelled' });
    }
  });
});

const EARLY = {
  fromS: 13,
  toS: 23.4,
  strides: { left: 11, right: 13 },
  cadence: 170.6,
  findings: 1,
};

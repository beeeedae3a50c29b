import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, testBackend, type TestLibrary } from '../helpers/test-library';

/**
 * The analysis queue's table through its repository (data/analysis-jobs.ts), on SQLite and, run again
 * by the `postgres` project, on PostgreSQL: queueing, claiming oldest first, leases, who may finish a
 * job. On the server several workstations claim from one table: claims made at the same moment never
 * share a job, and a job whose lease ran out (its workstation died) is claimed again.
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
    expect(await jobs.finish('r1', 'full', { state: 'done', note: 'Align by hand.' }, t(7), 'w1')).toBe(true);
    const done = await jobs.get('r1', 'full');
    expect(done).toMatchObject({ state: 'done', note: 'Align by hand.', force: false, error: null });
    expect(done).not.toHaveProperty('claimedBy');
    // Retry: back in the queue, note gone, attempts kept.
    await jobs.enqueue('r1', 'full', false, t(8));
    expect(await jobs.get('r1', 'full')).toMatchObject({ state: 'queued', note: null, attempts: 1 });
    expect((await jobs.listForSession('s1')).map((j) => j.recordingId)).toEqual(['r2', 'r3', 'r1']);
  });

  it('lets only the claimer finish or renew a job, cancels waiting jobs, skips the trash', async () => {
    const jobs = lib.data.analysisJobs;
    await jobs.enqueue('r1', 'full', false, t(1));
    await jobs.enqueue('r2', 'full', false, t(2));
    await jobs.enqueue('r3', 'full', false, t(3));
    await jobs.claimNext({ worker: 'w1', leaseMs: LEASE, busy: [] }, t(4));
    expect(await jobs.renewLease('r1', 'full', 'w1', LEASE)).toBe(true);
    expect(await jobs.renewLease('r1', 'full', 'w2', LEASE)).toBe(false);
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
      expect(await jobs.renewLease('r1', 'full', 'dead', LEASE)).toBe(false);
      expect(await jobs.finish('r1', 'full', { state: 'done', note: null }, t(6), 'dead')).toBe(false);
      expect(await jobs.finish('r1', 'full', { state: 'done', note: null }, t(7), 'w2')).toBe(true);
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
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEstimate } from '../../src-shared/sync/types';
import { DamagedRowError } from '../../src-main/data/parse';
import { findPair, listPairs, reversed, saveEstimate, saveManual } from '../../src-main/services/sync/store';
import { recordingForSync, recordingsForSync } from '../../src-main/services/sync/landmarks';
import { openTestLibrary, type TestLibrary } from '../helpers/test-library';
import { seedRecording, seedSession } from './rows';

/** The two-view alignments through the data layer, on SQLite and (the `postgres` project) on PostgreSQL. */
let lib: TestLibrary;
beforeEach(async () => {
  lib = await openTestLibrary();
  await seedSession(lib.data);
  await seedRecording(lib.data, 'ra', 's1', { probe: { nominalFps: 50, proxyFps: 50 } });
  await seedRecording(lib.data, 'rb', 's1', { view: 'rear', probe: { nominalFps: 30 } });
});
afterEach(async () => {
  await lib.close();
});

const estimate = (offsetS: number): SyncEstimate => ({
  offsetS,
  offsetFramesA: offsetS * 50,
  timeScale: 1,
  confidence: 0.8,
  level: 'high',
  peak: 0.9,
  runnerUp: { offsetS: offsetS + 1, offsetFramesA: (offsetS + 1) * 50, score: 0.4 },
  alternatives: [{ offsetS, offsetFramesA: offsetS * 50, score: 0.9 }],
  labelsSwapped: false,
  families: { vertical: 1 },
  channelsUsed: 4,
  periodS: 0.7,
  fpsA: 50,
  fpsB: 30,
  overlapS: 10,
  warnings: ['check the heel'],
});
const pair = { sessionId: 's1', a: 'ra', b: 'rb' };

describe('recording_sync', () => {
  it('stores an estimate, keeps it beside a hand nudge, and reads either order', async () => {
    const { data } = lib;
    const first = await saveEstimate(
      data,
      pair,
      estimate(0.5),
      { minS: -1, maxS: 2, from: 'capture' },
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(first).toMatchObject({
      recordingAId: 'ra',
      offsetS: 0.5,
      offsetFramesA: 25,
      manual: false,
      nudgeFrames: 0,
    });
    expect(first.estimate).toMatchObject({
      offsetS: 0.5,
      level: 'high',
      warnings: ['check the heel'],
      window: { minS: -1, maxS: 2, from: 'capture' },
      estimatedAt: '2026-01-02T00:00:00.000Z',
    });
    // Asked the other way round: the row stored as (ra, rb), flipped.
    const back = await findPair(data, 'rb', 'ra');
    expect(back?.flipped).toBe(true);
    expect(reversed(back!.record, 30).offsetS).toBeCloseTo(-0.5, 12);

    // A nudge of 5 frames of A, asked as (rb, ra) in frames of rb: stored in the row's own order.
    const nudged = await saveManual(
      data,
      { sessionId: 's1', a: 'rb', b: 'ra' },
      -0.6 * 30,
      30,
      new Date('2026-01-03T00:00:00Z'),
    );
    expect(nudged).toMatchObject({ recordingAId: 'ra', manual: true });
    expect(nudged.offsetS).toBeCloseTo(0.6, 12);
    expect(nudged.nudgeFrames).toBeCloseTo(5, 9);
    expect(nudged.estimate?.offsetS).toBe(0.5);

    // A fresh estimate asked as (rb, ra) replaces the row, keeping when the pair was first aligned.
    await saveEstimate(
      data,
      { sessionId: 's1', a: 'rb', b: 'ra' },
      estimate(-0.4),
      null,
      new Date('2026-01-04T00:00:00Z'),
    );
    const rows = await lib.sql.all<{ recording_a_id: string; created_at: string }>(
      `SELECT recording_a_id, created_at FROM recording_sync`,
    );
    expect(rows).toEqual([{ recording_a_id: 'rb', created_at: '2026-01-02T00:00:00.000Z' }]);
    expect(await listPairs(data, 's1')).toHaveLength(1);
    // A clip in the trash takes its pair out of the list.
    await data.recordings.setDeleted('rb', '2026-01-05T00:00:00Z');
    expect(await listPairs(data, 's1')).toEqual([]);
  });

  it('sets a pair never estimated by hand, and names a damaged estimate', async () => {
    const { data } = lib;
    const set = await saveManual(data, pair, 10, 50, new Date('2026-01-02T00:00:00Z'));
    expect(set).toMatchObject({ offsetS: 0.2, manual: true, nudgeFrames: 0, estimate: null, timeScale: 1 });
    await saveEstimate(data, pair, estimate(0.1), null);
    await lib.sql.run(`UPDATE recording_sync SET details_json = '{"peak": "high"}'`);
    await expect(findPair(data, 'ra', 'rb')).rejects.toBeInstanceOf(DamagedRowError);
  });

  it('reads recordings as the sync sees them, refusing one in the trash', async () => {
    const { data } = lib;
    expect(await recordingForSync(data, 'ra', 'recordingAId')).toEqual({
      id: 'ra',
      sessionId: 's1',
      view: 'side',
      conditionLabel: 'flat',
      name: 'ra.mp4',
      fps: 50,
      proxyPath: 's1/ra/proxy.mp4',
    });
    expect((await recordingForSync(data, 'rb', 'recordingBId')).fps).toBe(30);
    await data.recordings.setDeleted('rb', '2026-01-05T00:00:00Z');
    await expect(recordingForSync(data, 'rb', 'recordingBId')).rejects.toThrow('No recording with id rb.');
    expect((await recordingsForSync(data, 's1')).map((r) => r.id)).toEqual(['ra']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DamagedRowError } from '../../src-main/data/parse';
import { getTake, insertTake } from '../../src-main/services/capture/takes-db';
import { openTestLibrary, type TestLibrary } from '../helpers/test-library';
import { AT, seedRecording, seedSession } from './rows';

/** The capture tables through the data layer, on SQLite and (the `postgres` project) on PostgreSQL. */
let lib: TestLibrary;
beforeEach(async () => {
  lib = await openTestLibrary();
  await seedSession(lib.data);
});
afterEach(async () => {
  await lib.close();
});

const camera = (view: 'side' | 'rear') => ({
  view,
  deviceLabel: `${view} cam`,
  width: 1280,
  height: 720,
  fps: 60,
  mimeType: 'video/webm;codecs=vp8',
});
const flat = { label: 'flat', speedKmh: 10 };

describe('capture takes', () => {
  it('numbers takes per condition, lists clips side first, and records what each clip became', async () => {
    const { data } = lib;
    // Rear camera first in the request: the take still lists its side clip first.
    const t1 = await insertTake(data, {
      id: 'take-0001',
      sessionId: 's1',
      condition: flat,
      startedAt: '2026-01-01T10:00:00+01:00',
      cameras: [camera('rear'), camera('side')],
    });
    expect(t1).toMatchObject({
      number: 1,
      name: 'flat · take 1',
      status: 'recording',
      startedAt: '2026-01-01T09:00:00.000Z',
    });
    expect(t1.clips.map((c) => c.view)).toEqual(['side', 'rear']);
    expect(t1.clips[0]).toEqual({
      view: 'side',
      deviceLabel: 'side cam',
      width: 1280,
      height: 720,
      fps: 60,
      durationMs: 0,
    });
    const t2 = await insertTake(data, {
      id: 'take-0002',
      sessionId: 's1',
      condition: flat,
      startedAt: '2026-01-01T09:05:00Z',
      cameras: [camera('side')],
    });
    const other = await insertTake(data, {
      id: 'take-0003',
      sessionId: 's1',
      condition: { label: 'incline' },
      startedAt: '2026-01-01T09:10:00Z',
      cameras: [camera('side')],
    });
    expect([t2.number, other.number]).toEqual([2, 1]);

    await seedRecording(data, 'r-side', 's1', { frameCount: 321 });
    await data.capture.updateClip('take-0001', 'side', {
      startOffsetMs: 12.5,
      durationMs: 5000,
      framesDelivered: 300,
    });
    await data.capture.updateClip('take-0001', 'side', { recordingId: 'r-side', error: null });
    await data.capture.updateClip('take-0001', 'rear', { error: 'The camera sent no picture.' });
    await data.capture.updateClip('take-0001', 'rear', {}); // nothing to change
    await data.capture.setTakeStatus('take-0001', 'saved', AT);
    const saved = await getTake(data, 'take-0001');
    expect(saved.status).toBe('saved');
    expect(saved.clips).toEqual([
      {
        ...t1.clips[0],
        recordingId: 'r-side',
        startOffsetMs: 12.5,
        durationMs: 5000,
        framesDelivered: 300,
        frameCount: 321,
      },
      { ...t1.clips[1], error: 'The camera sent no picture.' },
    ]);
    expect((await data.capture.takes('s1')).map((t) => t.id)).toEqual([
      'take-0001',
      'take-0002',
      'take-0003',
    ]);
    expect(await data.capture.takeIdsWithStatus('recording')).toEqual(
      expect.arrayContaining(['take-0002', 'take-0003']),
    );
    expect(await data.capture.takeStatus('take-0001')).toBe('saved');
    expect(await data.capture.takeStatus('nope')).toBeUndefined();
    await expect(getTake(data, 'nope')).rejects.toThrow('No take with id nope.');

    // The shared start moves to the one the renderer measured; a purged recording unlinks its clip.
    await data.capture.setTakeStart('take-0002', '2026-01-01T09:06:00.000Z');
    expect((await data.capture.take('take-0002'))?.startedAt).toBe('2026-01-01T09:06:00.000Z');
    await data.recordings.purge('r-side');
    expect((await data.capture.take('take-0001'))?.clips[0]).not.toHaveProperty('recordingId');
  });

  it('writes a take whole or not at all, and names a damaged one', async () => {
    const { data } = lib;
    // Two clips of one view break the clips' key: the take row goes too.
    await expect(
      insertTake(data, {
        id: 'take-0001',
        sessionId: 's1',
        condition: flat,
        startedAt: AT,
        cameras: [camera('side'), camera('side')],
      }),
    ).rejects.toThrow();
    expect(await data.capture.takes('s1')).toEqual([]);
    await insertTake(data, { id: 'take-0002', sessionId: 's1', condition: flat, startedAt: AT, cameras: [] });
    await lib.sql.run(`UPDATE capture_takes SET condition_json = '{"label": 3}'`);
    await expect(data.capture.take('take-0002')).rejects.toBeInstanceOf(DamagedRowError);
  });

  it('gives the start offsets of two views recorded together', async () => {
    const { data } = lib;
    await seedRecording(data, 'ra', 's1');
    await seedRecording(data, 'rb', 's1', { view: 'rear' });
    await insertTake(data, {
      id: 'take-0001',
      sessionId: 's1',
      condition: flat,
      startedAt: AT,
      cameras: [camera('side'), camera('rear')],
    });
    await data.capture.updateClip('take-0001', 'side', { recordingId: 'ra', startOffsetMs: 3 });
    await data.capture.updateClip('take-0001', 'rear', { recordingId: 'rb' });
    expect(await data.capture.startOffsetsMs('ra', 'rb')).toBeUndefined();
    await data.capture.updateClip('take-0001', 'rear', { startOffsetMs: -4.5 });
    expect(await data.capture.startOffsetsMs('ra', 'rb')).toEqual({ a: 3, b: -4.5 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import { applyCorrections } from '../../src-shared/review/corrections';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import type { EventMessage } from '../../src-shared/contract';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { addPatientAndSession, addRecording } from './fixtures/library-rows';

/** The review's calls on a real library, on the run's backend (test/helpers/test-services.ts), through the real dispatcher. */
let t: TestServices;
let services: Services;
const events: EventMessage[] = [];
// 24000/1001 fps with frame 5 dropped: true times come from the timestamp table, not the index.
const times = Array.from({ length: 50 }, (_, i) => (i * 1001) / 24000).filter((_, i) => i !== 5);

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-review-', transport: 'cli' });
  services = t.services;
  services.onEvent((m) => events.push(m));
  const { sql, mediaDir } = t;
  await addPatientAndSession(sql);
  await addPatientAndSession(sql, 'p2', 's2');
  await addRecording(sql, mediaDir, 's1', {
    id: 'side1',
    view: 'side',
    condition: 'flat',
    times,
    width: 640,
    height: 360,
  });
  await addRecording(sql, mediaDir, 's2', {
    id: 'other',
    view: 'side',
    condition: 'flat',
    times,
    width: 640,
    height: 360,
  });
});
afterAll(async () => {
  await t?.close();
});

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

async function refused(channel: string, input: unknown): Promise<{ message: string; field?: string }> {
  const digest = await t.digest();
  const r = await services.dispatch(channel, input);
  expect(r.ok).toBe(false);
  // Bad input changes nothing.
  expect(await t.digest()).toBe(digest);
  return r.ok ? { message: '' } : r.error;
}

describe('hand corrections', () => {
  it('stores a correction beside the model output, replaces it, and removes it', async () => {
    await ok('review:correct', { recordingId: 'side1', frame: 3, landmark: 'leftKnee', x: 100, y: 200 });
    const again = await ok<{ x: number }>('review:correct', {
      recordingId: 'side1',
      frame: 3,
      landmark: 'leftKnee',
      x: 110,
      y: 205,
    });
    expect(again.x).toBe(110);
    const list = await ok<{ frame: number; landmark: string; x: number; y: number }[]>('review:corrections', {
      recordingId: 'side1',
    });
    expect(list).toMatchObject([{ frame: 3, landmark: 'leftKnee', x: 110, y: 205 }]);
    expect(events.at(-1)).toEqual({
      event: 'review:changed',
      payload: { sessionId: 's1', recordingId: 'side1', kind: 'corrections' },
    });

    // Applied on read: the model's series is untouched, the corrected copy has the PT's point.
    const series: LandmarkSeries = {
      schema: 'stridelab.landmarks/1',
      source: {
        file: 'a.mp4',
        width: 640,
        height: 360,
        fps: 23.976,
        frameCount: 4,
        durationS: 0.2,
        variableFrameRate: false,
      },
      model: { name: 'full' },
      frames: Array.from({ length: 4 }, (_, i) => ({
        index: i,
        t: times[i]!,
        status: 'pose' as const,
        image: Array.from(
          { length: 33 },
          () => [1, 2, 0, 0.3, 0.9] as [number, number, number, number, number],
        ),
      })),
    };
    const corrected = applyCorrections(series, list as never);
    expect(corrected.frames[3]!.image![25]).toEqual([110, 205, 0, 1, 1]);
    expect(series.frames[3]!.image![25]).toEqual([1, 2, 0, 0.3, 0.9]);
    expect(corrected.frames[2]!.image![25]).toEqual([1, 2, 0, 0.3, 0.9]);

    expect(await ok('review:uncorrect', { recordingId: 'side1', frame: 3, landmark: 'leftKnee' })).toEqual({
      removed: true,
    });
    expect(await ok('review:corrections', { recordingId: 'side1' })).toEqual([]);
  });

  it('refuses a frame past the clip, an unknown landmark, a point far off the picture', async () => {
    expect(
      (await refused('review:correct', { recordingId: 'side1', frame: 49, landmark: 'leftKnee', x: 1, y: 1 }))
        .message,
    ).toMatch(/frames 0 to 48/);
    expect(
      (
        await refused('review:correct', {
          recordingId: 'side1',
          frame: 1,
          landmark: 'leftKneecap',
          x: 1,
          y: 1,
        })
      ).field,
    ).toBe('landmark');
    expect(
      (
        await refused('review:correct', {
          recordingId: 'side1',
          frame: 1,
          landmark: 'leftKnee',
          x: 5000,
          y: 1,
        })
      ).message,
    ).toMatch(/far outside the 640×360 picture/);
    expect(
      (await refused('review:correct', { recordingId: 'nope', frame: 1, landmark: 'leftKnee', x: 1, y: 1 }))
        .message,
    ).toMatch(/No recording/);
  });
});

describe('manual measurements', () => {
  it('saves, updates, restores by id after delete (undo), and lists by session', async () => {
    const m = await ok<{ id: string; createdAt: string }>('review:saveMeasurement', {
      sessionId: 's1',
      recordingId: 'side1',
      frame: 10,
      tool: 'angle',
      points: [
        [0, 0],
        [10, 0],
        [10, 10],
      ],
    });
    await ok('review:saveMeasurement', {
      id: m.id,
      sessionId: 's1',
      recordingId: 'side1',
      frame: 10,
      tool: 'note',
      points: [[5, 5]],
      text: 'heel lands far ahead',
    });
    expect(await ok('review:deleteMeasurement', { id: m.id })).toEqual({ deleted: true });
    expect(await ok('review:measurements', { sessionId: 's1' })).toEqual([]);
    await ok('review:saveMeasurement', {
      id: m.id,
      sessionId: 's1',
      recordingId: 'side1',
      frame: 10,
      tool: 'note',
      points: [[5, 5]],
      text: 'heel lands far ahead',
    });
    expect(await ok('review:measurements', { sessionId: 's1' })).toMatchObject([
      { id: m.id, tool: 'note', text: 'heel lands far ahead' },
    ]);
  });

  it('refuses the wrong number of points, a calibration without length, a clip of another session', async () => {
    const base = { sessionId: 's1', recordingId: 'side1', frame: 1 };
    expect(
      (
        await refused('review:saveMeasurement', {
          ...base,
          tool: 'angle',
          points: [
            [0, 0],
            [1, 1],
          ],
        })
      ).message,
    ).toMatch(/angle tool takes 3 points; got 2/);
    expect(
      (
        await refused('review:saveMeasurement', {
          ...base,
          tool: 'calibration',
          points: [
            [0, 0],
            [1, 1],
          ],
        })
      ).field,
    ).toBe('lengthCm');
    expect((await refused('review:saveMeasurement', { ...base, tool: 'note', points: [[0, 0]] })).field).toBe(
      'text',
    );
    expect(
      (
        await refused('review:saveMeasurement', {
          ...base,
          recordingId: 'other',
          tool: 'note',
          points: [[0, 0]],
          text: 'x',
        })
      ).message,
    ).toMatch(/another session/);
  });
});

describe('key frames', () => {
  it('takes the true time from the timestamp table and lists for the report', async () => {
    const k = await ok<{ id: string; t: number }>('review:saveKeyFrame', {
      sessionId: 's1',
      recordingId: 'side1',
      frame: 7,
      label: 'Left initial contact',
      event: 'IC',
      side: 'left',
      overlays: { skeleton: true, angles: true, trunk: false, tibia: true, pelvis: false },
    });
    // Frame 7 of a clip that dropped source frame 5 was captured at source frame 8.
    expect(k.t).toBeCloseTo((8 * 1001) / 24000, 12);
    const list = await ok<{ id: string; frame: number; overlays: { trunk: boolean } }[]>('review:keyFrames', {
      sessionId: 's1',
    });
    expect(list).toMatchObject([{ id: k.id, frame: 7, overlays: { trunk: false } }]);
    // Marking the same frame again updates it rather than adding a twin.
    await ok('review:saveKeyFrame', {
      sessionId: 's1',
      recordingId: 'side1',
      frame: 7,
      label: 'Left IC, heel first',
      overlays: { skeleton: true, angles: false, trunk: false, tibia: false, pelvis: false },
    });
    expect(await ok('review:keyFrames', { sessionId: 's1' })).toMatchObject([
      { id: k.id, label: 'Left IC, heel first' },
    ]);
    expect(await ok('review:deleteKeyFrame', { id: k.id })).toEqual({ deleted: true });
    expect(await ok('review:keyFrames', { sessionId: 's1' })).toEqual([]);
  });

  it('refuses an empty label and an unknown session', async () => {
    const overlays = { skeleton: true, angles: true, trunk: true, tibia: true, pelvis: true };
    expect(
      (
        await refused('review:saveKeyFrame', {
          sessionId: 's1',
          recordingId: 'side1',
          frame: 1,
          label: '  ',
          overlays,
        })
      ).field,
    ).toBe('label');
    expect((await refused('review:keyFrames', { sessionId: 'nope' })).field).toBe('sessionId');
  });
});

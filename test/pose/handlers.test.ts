import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../src-shared/contract';
import { importRecording } from '../../src-main/services/media/import';
import { poseHandlers } from '../../src-main/services/pose/handlers';
import { poseRecording } from '../../src-main/services/pose/recording';
import { poseStoreFile } from '../../src-main/services/pose/store';
import type { CallContext } from '../../src-main/services/types';
import { ServiceError } from '../../src-main/services/errors';
import { clip, tempLibrary, type TestLibrary } from '../media/helpers';
import { requireEngineBuild } from './helpers';

/**
 * The pose calls on a real recording in a real library: start (background run with progress),
 * status, results reused on the next start, the series with true times, a refused pick, and a
 * cancel that leaves nothing that looks complete.
 */
let lib: TestLibrary;
let recordingId: string;
const events: { event: EventName; payload: unknown }[] = [];
let ctx: CallContext;

function finished(model: string): Promise<EventPayload<'pose:finished'>> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      const e = events.find(
        (x) => x.event === 'pose:finished' && (x.payload as { model: string }).model === model,
      );
      if (e) {
        clearInterval(check);
        resolve(e.payload as EventPayload<'pose:finished'>);
      }
    }, 50);
  });
}

beforeAll(async () => {
  requireEngineBuild();
  lib = await tempLibrary();
  const rec = await importRecording(lib.library, {
    sessionId: lib.sessionId,
    sourcePath: clip('running_side_overground_sports2d_demo3.mp4'),
    view: 'side',
    condition: { label: 'flat' },
  });
  recordingId = rec.id;
  ctx = {
    library: lib.library,
    version: 'test',
    transport: 'cli',
    emit: (event, payload) => void events.push({ event, payload }),
  };
}, 120_000);
afterAll(() => lib?.close());

describe('pose calls on a recording', () => {
  it('runs in the background with progress, then reports done and reuses the results', async () => {
    expect((await poseHandlers['pose:status']({ recordingId, model: 'lite' }, ctx)).state).toBe('none');
    const started = await poseHandlers['pose:start']({ recordingId, model: 'lite', force: false }, ctx);
    expect(started.state).toBe('running');
    expect((await finished('lite')).state).toBe('done');
    const progress = events
      .filter((e) => e.event === 'pose:progress')
      .map((e) => e.payload as EventPayload<'pose:progress'>);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.framesDone).toBe(47);
    const done = await poseHandlers['pose:status']({ recordingId, model: 'lite' }, ctx);
    expect(done.state).toBe('done');
    expect(done.summary!.frames).toBe(47);
    expect(done.summary!.framesWithPose).toBeGreaterThanOrEqual(30);
    // Reopened: start again returns the stored results, no new run.
    const before = events.length;
    const again = await poseHandlers['pose:start']({ recordingId, model: 'lite', force: false }, ctx);
    expect(again.state).toBe('done');
    expect(events.length).toBe(before);
    const series = await poseHandlers['pose:series']({ recordingId, model: 'lite' }, ctx);
    expect(series.source.file).toBe('running_side_overground_sports2d_demo3.mp4');
    expect(series.frames).toHaveLength(47);
    // True times from the recording's timestamp table (29.97 fps): frame 30 at 30 × 1001/30000 s.
    expect(series.frames[30]!.t).toBeCloseTo((30 * 1001) / 30000, 4);
  }, 240_000);

  it('refuses a pick on a frame past the end, changing nothing', async () => {
    const call = async (): Promise<unknown> =>
      poseHandlers['pose:pick']({ recordingId, model: 'lite', pick: { frame: 999, x: 10, y: 10 } }, ctx);
    await expect(call()).rejects.toThrow(ServiceError);
    await expect(call()).rejects.toThrow(/Frame 999 is past the last frame \(46\)/);
    expect((await poseHandlers['pose:status']({ recordingId, model: 'lite' }, ctx)).summary!.pick).toBeNull();
  });

  it('cancels a run and leaves nothing that looks complete', async () => {
    const dir = (await poseRecording(lib.library, recordingId)).dir;
    const first = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        const started = events.some(
          (e) =>
            e.event === 'pose:progress' &&
            (e.payload as EventPayload<'pose:progress'>).model === 'full' &&
            (e.payload as EventPayload<'pose:progress'>).framesDone > 0,
        );
        if (started) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    await poseHandlers['pose:start']({ recordingId, model: 'full', force: false }, ctx);
    await first;
    expect(await poseHandlers['pose:cancel']({ recordingId, model: 'full' }, ctx)).toEqual({
      cancelled: true,
    });
    expect((await finished('full')).state).toBe('cancelled');
    expect((await poseHandlers['pose:status']({ recordingId, model: 'full' }, ctx)).state).toBe('cancelled');
    expect(existsSync(poseStoreFile(dir, 'full'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('slpose'))).toEqual(['pose.lite.slpose']);
  }, 240_000);
});

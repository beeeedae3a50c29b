import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import type { GaitAnalyzeResult } from '../../src-shared/contract/gait';
import type { SyncRecord } from '../../src-shared/contract/sync';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { addRecording, storePose } from '../sync/helpers';

/**
 * `gait:analyze` through the real dispatcher on a real library, on the run's backend: a side and a rear clip of the
 * same synthetic run (rear camera started 0.4 s later), landmarks in the pose store as the pose
 * engine leaves them, the patient's height in the library.
 */
let t: TestServices;
let services: Services;
let sessionId: string;
const design = { durationS: 8, left: { pelvicDropDeg: 7 }, right: { pelvicDropDeg: 2 } } as const;
const side = generateRunner({ view: 'side', fps: 60, startS: 0.2, ...design });
const rear = generateRunner({ view: 'rear', fps: 60, startS: 0.6, ...design });

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

beforeEach(async () => {
  t = await openTestServices({ prefix: 'stridelab-gait-' });
  services = t.services;
  const patient = await call<{ id: string }>('patients:create', { name: 'Ben', sex: 'male', heightCm: 175 });
  const session = await call<{ id: string }>('sessions:create', {
    patientId: patient.id,
    date: '2026-01-15',
    injurySide: 'left',
    treadmillSpeedsKmh: [11],
    treadmillInclinesPct: [],
  });
  sessionId = session.id;
  await addRecording(t.sql, {
    id: 'side1',
    sessionId,
    view: 'side',
    name: 'side.mp4',
    fps: 60,
    frames: side.series.frames.length,
  });
  await addRecording(t.sql, {
    id: 'rear1',
    sessionId,
    view: 'rear',
    name: 'rear.mp4',
    fps: 60,
    frames: rear.series.frames.length,
  });
  storePose(t.mediaDir, sessionId, 'side1', side.series);
  storePose(t.mediaDir, sessionId, 'rear1', rear.series);
});
afterEach(async () => {
  await t.close();
});

describe('gait:analyze', () => {
  it('analyses a side clip in centimetres from the patient\u2019s height', async () => {
    const { analysis, eventsFrom } = await call<GaitAnalyzeResult>('gait:analyze', { recordingId: 'side1' });
    expect(eventsFrom).toBeNull();
    expect(analysis.source.view).toBe('side');
    expect(analysis.calibration.method).toBe('height');
    expect(analysis.calibration.lengthUnit).toBe('cm');
    expect(Math.abs((analysis.cadence.value as number) - 170)).toBeLessThan(1);
  });

  it('drives a rear clip by the aligned side clip\u2019s events, and finds its own without an alignment', async () => {
    const alone = await call<GaitAnalyzeResult>('gait:analyze', { recordingId: 'rear1' });
    expect(alone.eventsFrom).toBeNull();
    expect(alone.analysis.flags.map((f) => f.code)).not.toContain('external-events');

    // Side time 0 is rear time −0.4 s: t_side = t_rear + 0.4.
    await call<SyncRecord>('sync:set', {
      sessionId,
      recordingAId: 'side1',
      recordingBId: 'rear1',
      offsetFrames: 24,
    });
    const { analysis, eventsFrom } = await call<GaitAnalyzeResult>('gait:analyze', { recordingId: 'rear1' });
    expect(eventsFrom?.recordingId).toBe('side1');
    expect(eventsFrom?.offsetS).toBeCloseTo(-0.4, 6);
    expect(analysis.flags.map((f) => f.code)).toContain('external-events');
    for (const e of analysis.events.filter((x) => x.kind === 'initial-contact')) {
      const nearest = Math.min(
        ...rear.truth.events
          .filter((t) => t.kind === e.kind && t.side === e.side)
          .map((t) => Math.abs(t.t - e.t)),
      );
      expect(nearest).toBeLessThan(1 / 60);
    }
    const drop = analysis.variables.find((v) => v.id === 'pelvic-drop-ms');
    expect(drop?.left.mean as number).toBeGreaterThan(6);
    expect(drop?.right.mean as number).toBeLessThan(2.5);
  });

  it('refuses an unknown recording with a plain message and changes nothing', async () => {
    const before = await t.digest();
    const r = await services.dispatch('gait:analyze', { recordingId: 'nope' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'not-found', field: 'recordingId' });
    const bad = await services.dispatch('gait:analyze', { recordingId: 'side1', cutoffHz: -3 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('cutoffHz');
    expect(await t.digest()).toBe(before);
  });

  it('lists the exercise library', async () => {
    const list = await call<{ id: string }[]>('gait:exercises', {});
    expect(list.map((e) => e.id)).toContain('nordic-curl');
  });
});

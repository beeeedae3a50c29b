import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import type { SyncRecord } from '../../src-shared/contract/sync';
import type { EventMessage } from '../../src-shared/contract';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { dropLeadingFrames } from '../../src-shared/sync/two-views';
import { insertRow } from '../helpers/sql-both';
import { openTestServices, secondRun, type TestServices } from '../helpers/test-services';
import { addRecording, fixture, storePose, writeLandmarks } from './helpers';

/**
 * The sync service through the real dispatcher, on a real library on the run's backend
 * (test/helpers/test-services.ts), with the real pose2sim landmarks.
 */
let t: TestServices;
let services: Services;
let sessionId: string;
let events: EventMessage[];
const cam01 = fixture('pose2sim_single_cam01.full.json');
const cam03 = fixture('pose2sim_single_cam03.full.json');

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}
async function refused(channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const before = await t.digest();
  const r = await services.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
  expect(await t.digest()).toBe(before);
  return r.error;
}

beforeEach(async () => {
  t = await openTestServices({ prefix: 'stridelab-sync-' });
  services = t.services;
  events = [];
  services.onEvent((m) => events.push(m));
  const patient = await call<{ id: string }>('patients:create', { name: 'Ana', sex: 'female' });
  const session = await call<{ id: string }>('sessions:create', {
    patientId: patient.id,
    date: '2026-01-15',
    injurySide: 'none',
    treadmillSpeedsKmh: [],
    treadmillInclinesPct: [],
  });
  sessionId = session.id;
  await addRecording(t.sql, {
    id: 'side1',
    sessionId,
    view: 'side',
    name: 'cam01.mp4',
    fps: 60,
    frames: 100,
  });
  await addRecording(t.sql, {
    id: 'rear1',
    sessionId,
    view: 'rear',
    name: 'cam03.mp4',
    fps: 60,
    frames: 100,
  });
  // The side clip's landmarks from the pose service's store, the rear clip's imported as JSON.
  storePose(t.mediaDir, sessionId, 'side1', cam01);
  writeLandmarks(t.mediaDir, sessionId, 'rear1', cam03);
});
afterEach(async () => {
  await t.close();
});

describe('sync:estimate', () => {
  it("aligns the session's side and rear clips (filmed together: 0 within 1 frame) and stores it", async () => {
    const rec = await call<SyncRecord>('sync:estimate', { sessionId });
    expect(rec).toMatchObject({
      recordingAId: 'side1',
      recordingBId: 'rear1',
      manual: false,
      nudgeFrames: 0,
      fpsA: 60,
    });
    expect(Math.abs(rec.offsetFramesA)).toBeLessThan(1);
    expect(rec.estimate?.level).toBe('high');
    expect(events).toContainEqual({
      event: 'sync:changed',
      payload: { sessionId, recordingAId: 'side1', recordingBId: 'rear1' },
    });
    const again = await call<SyncRecord | null>('sync:get', {
      sessionId,
      recordingAId: 'side1',
      recordingBId: 'rear1',
    });
    expect(again).toEqual(rec);
    // Asked the other way round: the same alignment seen from the rear clip.
    const flipped = await call<SyncRecord>('sync:get', {
      sessionId,
      recordingAId: 'rear1',
      recordingBId: 'side1',
    });
    expect(flipped.recordingAId).toBe('rear1');
    expect(flipped.offsetS).toBeCloseTo(-rec.offsetS, 9);
    expect(await call<SyncRecord[]>('sync:list', { sessionId })).toEqual([rec]);
  });

  // The search itself, three more times: the first run's check is enough.
  it.skipIf(secondRun).each([3, 11, 24])(
    'recovers %i frames cut off the start of the rear clip',
    async (k) => {
      writeLandmarks(t.mediaDir, sessionId, 'rear1', dropLeadingFrames(cam03, k));
      const rec = await call<SyncRecord>('sync:estimate', {
        sessionId,
        recordingAId: 'side1',
        recordingBId: 'rear1',
      });
      expect(Math.abs(rec.offsetFramesA - k)).toBeLessThan(1);
    },
  );

  it('replaces an earlier alignment of the pair stored the other way round, hand nudge included', async () => {
    await call('sync:estimate', { sessionId, recordingAId: 'rear1', recordingBId: 'side1' });
    await call('sync:set', { sessionId, recordingAId: 'rear1', recordingBId: 'side1', nudgeFrames: 5 });
    const rec = await call<SyncRecord>('sync:estimate', {
      sessionId,
      recordingAId: 'side1',
      recordingBId: 'rear1',
    });
    expect(rec.manual).toBe(false);
    expect(Math.abs(rec.offsetFramesA)).toBeLessThan(1);
    expect(await call<SyncRecord[]>('sync:list', { sessionId })).toHaveLength(1);
  });
});

describe('clips captured together in StrideLab', () => {
  it("search near the capture's own timing, which settles which stride is which on a steady run", async () => {
    const truth = 1.3;
    const side = generateRunner({ view: 'side', fps: 60, durationS: 10, startS: 2, noisePx: 1.5, seed: 3 });
    const rear = generateRunner({
      view: 'rear',
      fps: 30,
      durationS: 8,
      startS: 2 + truth,
      noisePx: 1.5,
      seed: 4,
    });
    await addRecording(t.sql, {
      id: 'runS',
      sessionId,
      view: 'side',
      condition: 'run',
      name: 's.mp4',
      fps: 60,
      frames: 600,
    });
    await addRecording(t.sql, {
      id: 'runR',
      sessionId,
      view: 'rear',
      condition: 'run',
      name: 'r.mp4',
      fps: 30,
      frames: 240,
    });
    writeLandmarks(t.mediaDir, sessionId, 'runS', side.series);
    writeLandmarks(t.mediaDir, sessionId, 'runR', rear.series);
    const pair = { sessionId, recordingAId: 'runS', recordingBId: 'runR' };
    // Pose signals alone: a perfectly periodic run aligns equally well every stride, and says so.
    const alone = await call<SyncRecord>('sync:estimate', pair);
    expect(alone.estimate?.level).toBe('low');
    expect(alone.estimate?.window).toBeNull();
    // The capture's clock put B's first frame 1.33 s after A's (30 ms off, as a browser may be).
    const ts = '2026-01-15T10:00:00.000Z';
    await insertRow(t.sql, 'capture_takes', {
      id: 't1',
      session_id: sessionId,
      number: 1,
      condition_json: '{"label":"run"}',
      condition_label: 'run',
      started_at: ts,
      status: 'saved',
      created_at: ts,
      updated_at: ts,
    });
    const clip = (view: string, recordingId: string, fps: number, startOffsetMs: number) =>
      insertRow(t.sql, 'capture_clips', {
        take_id: 't1',
        view,
        recording_id: recordingId,
        width: 1280,
        height: 720,
        fps,
        mime_type: 'video/webm',
        start_offset_ms: startOffsetMs,
      });
    await clip('side', 'runS', 60, 120);
    await clip('rear', 'runR', 30, 120 + 1330);
    const rec = await call<SyncRecord>('sync:estimate', pair);
    expect(Math.abs(rec.offsetS - truth) * 60).toBeLessThan(1);
    expect(rec.estimate?.window).toEqual({
      minS: expect.closeTo(1.08, 9),
      maxS: expect.closeTo(1.58, 9),
      from: 'capture',
    });
    expect(rec.estimate?.level).not.toBe('low');
  });
});

describe('sync:set', () => {
  it('nudges by frames, keeps the estimate and its confidence, and marks the alignment as set by hand', async () => {
    const est = await call<SyncRecord>('sync:estimate', { sessionId });
    const nudged = await call<SyncRecord>('sync:set', {
      sessionId,
      recordingAId: 'side1',
      recordingBId: 'rear1',
      nudgeFrames: 2,
    });
    expect(nudged.manual).toBe(true);
    expect(nudged.offsetFramesA).toBeCloseTo(est.offsetFramesA + 2, 9);
    expect(nudged.nudgeFrames).toBeCloseTo(2, 9);
    expect(nudged.estimate).toEqual(est.estimate);
    // Set from the other side, in frames of the rear clip: stored consistently.
    const fromRear = await call<SyncRecord>('sync:set', {
      sessionId,
      recordingAId: 'rear1',
      recordingBId: 'side1',
      offsetFrames: -10,
    });
    expect(fromRear.offsetFramesA).toBeCloseTo(-10, 9);
    const fromSide = await call<SyncRecord>('sync:get', {
      sessionId,
      recordingAId: 'side1',
      recordingBId: 'rear1',
    });
    expect(fromSide.offsetFramesA).toBeCloseTo(10, 9);
    expect(fromSide.nudgeFrames).toBeCloseTo(10 - est.offsetFramesA, 9);
  });

  it('sets an offset with no estimate at all (landmarks not needed)', async () => {
    const rec = await call<SyncRecord>('sync:set', {
      sessionId,
      recordingAId: 'side1',
      recordingBId: 'rear1',
      offsetFrames: 7,
    });
    expect(rec).toMatchObject({ manual: true, estimate: null, offsetFramesA: 7, fpsA: 60 });
    expect(rec.offsetS).toBeCloseTo(7 / 60, 12);
  });
});

describe('refused input changes nothing', () => {
  it('names what is wrong', async () => {
    expect(
      await refused('sync:estimate', { sessionId, recordingAId: 'side1', recordingBId: 'side1' }),
    ).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/itself/),
    });
    expect(await refused('sync:estimate', { sessionId, recordingAId: 'side1' })).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/both recordings or neither/),
    });
    expect(await refused('sync:estimate', { sessionId: 'nope' })).toMatchObject({ code: 'not-found' });
    expect(
      await refused('sync:set', {
        sessionId,
        recordingAId: 'side1',
        recordingBId: 'rear1',
        offsetFrames: 1,
        nudgeFrames: 1,
      }),
    ).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/either offsetFrames or nudgeFrames/),
    });
    expect(
      await refused('sync:set', { sessionId, recordingAId: 'side1', recordingBId: 'gone', offsetFrames: 1 }),
    ).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/recordingBId/),
    });
  });

  it('asks for pose detection first when a clip has no landmarks, naming the clip', async () => {
    await addRecording(t.sql, {
      id: 'rear2',
      sessionId,
      view: 'rear',
      condition: 'incline',
      name: 'incline-rear.mp4',
      fps: 30,
      frames: 90,
    });
    const e = await refused('sync:estimate', { sessionId, recordingAId: 'side1', recordingBId: 'rear2' });
    expect(e).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/"incline-rear\.mp4" has no pose landmarks yet/),
    });
  });

  it('refuses a clip of another session and an ambiguous default pair', async () => {
    await addRecording(t.sql, {
      id: 'side2',
      sessionId,
      view: 'side',
      name: 'b-side.mp4',
      fps: 60,
      frames: 100,
    });
    await addRecording(t.sql, {
      id: 'rear2',
      sessionId,
      view: 'rear',
      name: 'b-rear.mp4',
      fps: 60,
      frames: 100,
    });
    expect(await refused('sync:estimate', { sessionId })).toMatchObject({
      message: expect.stringMatching(/choose the two recordings/),
    });
    const other = await call<{ id: string }>('sessions:create', {
      patientId: (await t.sql.all<{ id: string }>('SELECT id FROM patients'))[0]!.id,
      date: '2026-02-01',
      injurySide: 'none',
      treadmillSpeedsKmh: [],
      treadmillInclinesPct: [],
    });
    await addRecording(t.sql, {
      id: 'far',
      sessionId: other.id,
      view: 'rear',
      name: 'far.mp4',
      fps: 60,
      frames: 100,
    });
    expect(
      await refused('sync:estimate', { sessionId, recordingAId: 'side1', recordingBId: 'far' }),
    ).toMatchObject({
      message: expect.stringMatching(/"far\.mp4" belongs to another session/),
    });
  });

  it('refuses landmarks that do not follow the schema, naming the clip and the field', async () => {
    const broken = { ...cam03, frames: cam03.frames.map((f, i) => (i === 4 ? { ...f, t: -1 } : f)) };
    writeLandmarks(t.mediaDir, sessionId, 'rear1', broken);
    expect(await refused('sync:estimate', { sessionId })).toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/landmarks of "cam03\.mp4" .*frame 4, t:/),
    });
  });
});

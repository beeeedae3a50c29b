import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../src-main/services/types';
import { alignCondition, checkGait } from '../../src-main/services/analysis/steps';
import type { SessionAnalysisStatus } from '../../src-shared/contract/analysis';
import { generateRunner } from '../../src-shared/gait/synthetic';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { insertRow } from '../helpers/sql-both';
import { addRecording, writeLandmarks } from '../sync/helpers';

/**
 * The queue's cheap steps after pose (src-main/services/analysis/steps.ts) on a real library on the
 * run's backend, with seeded synthetic runners (the side seen at 60 fps for 10 s, the rear at 30 fps
 * for 8 s, as sync-service.test films them): what the gait step made of each kind of clip, stored
 * with its job and said on its card (src-shared/analysis/outcome.ts). Walked before: a 3 s testsrc
 * clip filed as Rear·flat read "✓ Analysed" and "The side and rear clips of flat could not be aligned
 * by themselves (Clip B … has a pose in only 0 of 180 frames …)"; a clip too short, one of someone
 * standing, and one of a walker read "✓ Analysed" with nothing more.
 */
let t: TestServices;
let ctx: CallContext;
const side = generateRunner({
  view: 'side',
  fps: 60,
  durationS: 10,
  startS: 2,
  noisePx: 1.5,
  seed: 3,
}).series;
const rear = generateRunner({ view: 'rear', fps: 30, durationS: 8, startS: 3, noisePx: 1.5, seed: 4 }).series;
/** The rear camera's frames with nobody in them: each frame kept, its pose taken away. */
const empty: LandmarkSeries = {
  ...rear,
  frames: rear.frames.map((f) => ({ index: f.index, t: f.t, status: 'no-pose' as const })),
};
/** Someone standing in the side view: the runner's first pose held for every frame. */
const standing: LandmarkSeries = {
  ...side,
  frames: side.frames.map((f) => ({ ...side.frames[0]!, index: f.index, t: f.t })),
};

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await t.services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

let sessionId = '';
beforeEach(async () => {
  t = await openTestServices({ prefix: 'stridelab-steps-' });
  ctx = { library: t.services.library, version: 'test', transport: 'cli', emit: () => undefined };
  const patient = await call<{ id: string }>('patients:create', { name: 'Ana', heightCm: 170 });
  sessionId = (await call<{ id: string }>('sessions:create', { patientId: patient.id, date: '2026-01-15' }))
    .id;
  await addRecording(t.sql, { id: 'side1', sessionId, view: 'side', name: 's.mp4', fps: 60, frames: 600 });
  await addRecording(t.sql, { id: 'rear1', sessionId, view: 'rear', name: 'r.mp4', fps: 30, frames: 240 });
  writeLandmarks(t.mediaDir, sessionId, 'side1', side);
});
afterEach(async () => {
  await t.close();
});

/** A side clip of its own condition (no rear to align with), with these landmarks. */
async function sideClip(id: string, s: LandmarkSeries): Promise<string> {
  const fps = s.source.fps;
  await addRecording(t.sql, {
    id,
    sessionId,
    view: 'side',
    condition: id,
    name: `${id}.mp4`,
    fps,
    frames: s.frames.length,
  });
  writeLandmarks(t.mediaDir, sessionId, id, s);
  return id;
}

describe('the analysis steps on a clip without the runner', () => {
  it('say so on its card, and leave no alignment note on either clip', async () => {
    writeLandmarks(t.mediaDir, sessionId, 'rear1', empty);
    const gait = await checkGait(ctx, 'rear1');
    expect(gait.outcome).toBe('no-runner');
    expect(gait.note).toMatch(
      /^A person was found in only 0 of \d+ frames: this clip does not show the runner\..* Film the whole runner/,
    );
    expect(await alignCondition(ctx, 'rear1')).toBeNull();
    expect(await alignCondition(ctx, 'side1')).toBeNull();
    expect(await call('sync:get', { sessionId, recordingAId: 'side1', recordingBId: 'rear1' })).toBeNull();
  });

  it('still align and say nothing of a rear clip that shows the runner', async () => {
    writeLandmarks(t.mediaDir, sessionId, 'rear1', rear);
    expect(await checkGait(ctx, 'rear1')).toEqual({ outcome: 'numbers', note: null });
    expect(await checkGait(ctx, 'side1')).toEqual({ outcome: 'numbers', note: null });
    expect(await alignCondition(ctx, 'rear1')).toBeNull();
    expect(
      await call('sync:get', { sessionId, recordingAId: 'side1', recordingBId: 'rear1' }),
    ).not.toBeNull();
  });
});

describe('what the gait step made of a clip, each way it gives no numbers or withholds findings', () => {
  it('too short: the clip lasts under 2 s; says to film 10 to 15 s', async () => {
    const short = generateRunner({ view: 'side', fps: 30, durationS: 1.5, noisePx: 1.5, seed: 5 }).series;
    const gait = await checkGait(ctx, await sideClip('short', short));
    expect(gait.outcome).toBe('too-short');
    expect(gait.note).toMatch(/^The clip lasts 1\.5 s: too short .* Film 10 to 15 s of steady running\.$/);
  });

  it('no steps: someone standing in view; says to film the runner', async () => {
    const gait = await checkGait(ctx, await sideClip('still', standing));
    expect(gait.outcome).toBe('no-steps');
    expect(gait.note).toMatch(/hardly moves their feet.* Film the runner, alone in view\.$/);
  });

  it('findings withheld: a walker, with numbers; says to film the patient running', async () => {
    const walker = generateRunner({
      view: 'side',
      gait: 'walking',
      fps: 30,
      durationS: 10,
      noisePx: 1.5,
      seed: 6,
    }).series;
    const gait = await checkGait(ctx, await sideClip('walk', walker));
    expect(gait.outcome).toBe('withheld');
    expect(gait.note).toMatch(/^This clip looks like walking, not running .* Film the patient running\.$/);
  });

  it('refused: landmarks the engine will not read (8 frames over 4 s), in its words', async () => {
    const sparse = generateRunner({ view: 'side', fps: 2, durationS: 4, noisePx: 1.5, seed: 7 }).series;
    expect(sparse.frames).toHaveLength(8);
    const gait = await checkGait(ctx, await sideClip('sparse', sparse));
    expect(gait).toEqual({
      outcome: 'refused',
      note: 'The clip has only 8 frames: too short to find steps.',
    });
  });

  it('is kept with the finished job and read back by analysis:status', async () => {
    // A job this test holds (as a workstation running it would), so the services' own queue leaves it.
    const at = '2026-01-15T10:00:00.000Z';
    await insertRow(t.sql, 'analysis_jobs', {
      recording_id: 'side1',
      model: 'full',
      state: 'running',
      attempts: 1,
      queued_at: at,
      updated_at: at,
      claimed_by: 'w1',
      lease_until: '2100-01-01T00:00:00.000Z',
    });
    const gait = await checkGait(ctx, await sideClip('still', standing));
    // side1's job is finished with the standing clip's outcome: the round trip is what is checked.
    const finished = { state: 'done', ...gait } as const;
    expect(await t.services.library.data.analysisJobs.finish('side1', 'full', finished, at, 'w1')).toBe(true);
    const status = await call<SessionAnalysisStatus>('analysis:status', { sessionId });
    expect(status.clips.find((c) => c.recordingId === 'side1')).toMatchObject({
      state: 'done',
      outcome: 'no-steps',
      note: gait.note,
    });
  });
});

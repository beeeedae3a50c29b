import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../src-main/services/types';
import { alignCondition, checkGait } from '../../src-main/services/analysis/steps';
import { saysNoRunner } from '../../src-shared/gait/clip-check';
import { generateRunner } from '../../src-shared/gait/synthetic';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { addRecording, writeLandmarks } from '../sync/helpers';

/**
 * The queue's cheap steps after pose (src-main/services/analysis/steps.ts) on a clip that does not
 * show the runner, on a real library on the run's backend with seeded synthetic runners (the side
 * seen at 60 fps for 10 s, the rear at 30 fps for 8 s, as sync-service.test films them): the
 * clip's card says so in the clip check's words, and no "align them by hand" note is left on either
 * clip. Walked before: a 3 s testsrc clip filed as Rear·flat read "✓ Analysed" and "The side and rear
 * clips of flat could not be aligned by themselves (Clip B … has a pose in only 0 of 180 frames …)".
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

describe('the analysis steps on a clip without the runner', () => {
  it('say so on its card, and leave no alignment note on either clip', async () => {
    writeLandmarks(t.mediaDir, sessionId, 'rear1', empty);
    const note = await checkGait(ctx, 'rear1');
    expect(note).toMatch(/^A person was found in only 0 of \d+ frames: this clip does not show the runner\./);
    // The session card reads it as a clip with no numbers (src-renderer/src/analysis/AnalysisBadge.tsx).
    expect(saysNoRunner(note)).toBe(true);
    expect(await alignCondition(ctx, 'rear1')).toBeNull();
    expect(await alignCondition(ctx, 'side1')).toBeNull();
    expect(await call('sync:get', { sessionId, recordingAId: 'side1', recordingBId: 'rear1' })).toBeNull();
  });

  it('still align and say nothing of a rear clip that shows the runner', async () => {
    writeLandmarks(t.mediaDir, sessionId, 'rear1', rear);
    expect(await checkGait(ctx, 'rear1')).toBeNull();
    expect(await alignCondition(ctx, 'rear1')).toBeNull();
    expect(
      await call('sync:get', { sessionId, recordingAId: 'side1', recordingBId: 'rear1' }),
    ).not.toBeNull();
  });
});

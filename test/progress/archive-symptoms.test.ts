import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import { exportsDir, importSessionArchive } from '../../src-main/services/media/archive';
import { importRecording } from '../../src-main/services/media/import';
import type { PatientProgress, SessionSymptoms } from '../../src-shared/progress';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { tempDir } from '../helpers/tmp';
import { syntheticClip } from '../media/helpers';
import { call } from './fixtures';

/**
 * The patient's own story travels with the session (issue 18 item 4, docs/progress.md §4): a session
 * archive written in one library and read into another brings its pain scores, weekly volume,
 * return-to-run stage and notes along with the clips, byte for byte the same row. Both libraries
 * on the run's backend (test/helpers/test-services.ts): on a server, two clinics' databases.
 */
let clips: { path: string; cleanup(): void };
let from: TestServices;
let to: TestServices;
let a: Services;
let b: Services;
let sessionId: string;

beforeAll(async () => {
  clips = tempDir('stridelab-archive-story-');
  from = await openTestServices({ prefix: 'stridelab-archive-story-a-' });
  to = await openTestServices({ prefix: 'stridelab-archive-story-b-' });
  a = from.services;
  b = to.services;
  const patient = await call<{ id: string }>(a, 'patients:create', { name: 'Ana Lopez' });
  ({ id: sessionId } = await call<{ id: string }>(a, 'sessions:create', {
    patientId: patient.id,
    date: '2026-02-01',
  }));
  await importRecording(a.library, {
    sessionId,
    sourcePath: syntheticClip(join(clips.path, 'side.mp4'), { frames: 20 }),
    view: 'side',
    condition: { label: 'flat' },
  });
}, 120_000);
afterAll(async () => {
  await from?.close();
  await to?.close();
  clips?.cleanup();
});

describe('session archive and the patient\u2019s own story', () => {
  it('carries the symptom entries into another library', async () => {
    const saved = await call<SessionSymptoms>(a, 'symptoms:set', {
      sessionId,
      fields: {
        painBefore: 1,
        painDuring: 4,
        painAfter: 3,
        pain24h: 2,
        weeklyKm: 14.5,
        rtrStage: 'Stage 4: 20 min continuous',
        notes: 'Tight after the hills',
      },
    });
    const { fileName } = await call<{ fileName: string }>(a, 'sessions:export', { id: sessionId });
    await importSessionArchive(b.library, join(exportsDir(a.library), fileName), fileName);
    expect(await call(b, 'symptoms:get', { sessionId })).toEqual(saved);
    // The timeline of the library it arrived in shows the story.
    const session = await call<{ patientId: string }>(b, 'sessions:get', { id: sessionId });
    const progress = await call<PatientProgress>(b, 'progress:patient', { patientId: session.patientId });
    expect(progress.sessions[0]?.symptoms).toMatchObject({
      painDuring: 4,
      rtrStage: 'Stage 4: 20 min continuous',
    });
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src-main/services';
import { exportsDir, importSessionArchive } from '../../src-main/services/media/archive';
import { importRecording } from '../../src-main/services/media/import';
import type { PatientProgress, SessionSymptoms } from '../../src-shared/progress';
import { tempDir } from '../helpers/tmp';
import { syntheticClip } from '../media/helpers';
import { call } from './fixtures';

/**
 * The patient's own story travels with the session (issue 18 item 4, docs/progress.md §4): a session
 * archive written in one library and read into another brings its pain scores, weekly volume,
 * return-to-run stage and notes along with the clips, byte for byte the same row.
 */
let from: { path: string; cleanup(): void };
let to: { path: string; cleanup(): void };
let a: Services;
let b: Services;
let sessionId: string;

beforeAll(async () => {
  from = tempDir('stridelab-archive-story-a-');
  to = tempDir('stridelab-archive-story-b-');
  a = createServices({ home: from.path, transport: 'browser' });
  b = createServices({ home: to.path, transport: 'browser' });
  const patient = await call<{ id: string }>(a, 'patients:create', { name: 'Ana Lopez' });
  ({ id: sessionId } = await call<{ id: string }>(a, 'sessions:create', {
    patientId: patient.id,
    date: '2026-02-01',
  }));
  await importRecording(a.library, {
    sessionId,
    sourcePath: syntheticClip(join(from.path, 'side.mp4'), { frames: 20 }),
    view: 'side',
    condition: { label: 'flat' },
  });
}, 120_000);
afterAll(() => {
  a.close();
  b.close();
  from.cleanup();
  to.cleanup();
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

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recording } from '../../src-shared/contract/recordings';
import { importRecording } from '../../src-main/services/media/import';
import { SHARED_MEDIA } from '../helpers/media';
import { openTestServices, type TestServices } from '../helpers/test-services';

/**
 * The same file imported twice at once into one session (a PT drops it on the side slot and, the
 * first still copying, on the rear one; two workstations on a clinic server), on the run's backend.
 * Both imports checked for the file before either row was written, and both went in: the session
 * held the clip twice, its analysis ran twice. One goes in; the other is refused in the PT's words
 * and leaves nothing: no row, no folder in media/, nothing in tmp/.
 */
const CLIP = join(SHARED_MEDIA, 'running_side_overground_sports2d_demo3.mp4');
let t: TestServices;
let sessionId = '';

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await t.services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-import-race-' });
  const patient = await call<{ id: string }>('patients:create', { name: 'Twice Dropped' });
  sessionId = (await call<{ id: string }>('sessions:create', { patientId: patient.id, date: '2026-12-07' }))
    .id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the same clip imported twice at once', () => {
  it('goes in once; the other import is told so and leaves nothing behind', async () => {
    const into = (view: 'side' | 'rear') =>
      importRecording(t.services.library, {
        sessionId,
        sourcePath: CLIP,
        view,
        condition: { label: 'flat' },
      });
    const [a, b] = await Promise.allSettled([into('side'), into('rear')]);
    const won = [a, b].filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const lost = [a, b]
      .filter((r) => r.status === 'rejected')
      .map((r) => r.reason as Error & { code: string });
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const first = won[0]!;
    expect(lost[0]).toMatchObject({
      code: 'conflict',
      message:
        `"running_side_overground_sports2d_demo3.mp4" is already in this session: it is the same file as ` +
        `"running_side_overground_sports2d_demo3.mp4" (${first.view} view, flat, imported ` +
        `${first.createdAt.slice(0, 10)}). Nothing was imported.`,
    });
    expect((await call<Recording[]>('recordings:list', { sessionId })).map((r) => r.id)).toEqual([first.id]);
    expect(readdirSync(join(t.mediaDir, sessionId))).toEqual([first.id]);
    const tmp = t.services.library.paths.tmpDir;
    expect(existsSync(tmp) ? readdirSync(tmp).filter((f) => f.startsWith('import-')) : []).toEqual([]);
  }, 180_000);
});

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureTake } from '../../src-shared/contract/capture';
import type { Services } from '../../src-main/services';
import { handleCaptureFetch } from '../../src-main/services/capture/fetch-routes';
import { defaultModelDir, modelFile } from '../../src-main/services/pose/paths';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { liveWebm, MEDIA, pieces } from './helpers';

/**
 * The capture calls through the contract (validation included), as a transport calls them, and
 * the Electron protocol's capture routes in fetch terms. Refused input changes nothing. On the run's
 * backend (test/helpers/test-services.ts): on a server a take is built in the workstation's scratch
 * folder inside the shared media folder.
 */
let t: TestServices;
let services: Services;
let sessionId = '';

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.result as T;
}
async function refused(channel: string, input: unknown): Promise<string> {
  const r = await services.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} was accepted`);
  return r.error.message;
}

const camera = (view: string, mimeType = 'video/webm;codecs=vp8') => ({
  view,
  width: 320,
  height: 240,
  fps: 30,
  mimeType,
});
const begin = (input: Record<string, unknown> = {}) => ({
  sessionId,
  condition: { label: 'flat' },
  cameras: [camera('side')],
  startedAt: '2026-11-21T10:00:00Z',
  ...input,
});

beforeAll(async () => {
  t = await openTestServices({ transport: 'cli' });
  services = t.services;
  const patient = await call<{ id: string }>('patients:create', { name: 'Handler Runner' });
  sessionId = (await call<{ id: string }>('sessions:create', { patientId: patient.id, date: '2026-11-21' }))
    .id;
});
afterAll(async () => {
  await t?.close();
});

describe('capture calls', () => {
  it('refuses bad takes in plain words and changes nothing', async () => {
    const before = await t.digest();
    expect(await refused('capture:begin', begin({ cameras: [camera('side'), camera('side')] }))).toMatch(
      /cameras: has the same view twice/,
    );
    expect(await refused('capture:begin', begin({ cameras: [camera('side', 'video/mp4')] }))).toMatch(
      /must be a WebM or Matroska video type/,
    );
    expect(await refused('capture:begin', begin({ cameras: [] }))).toMatch(/needs at least one camera/);
    expect(await refused('capture:begin', begin({ sessionId: 'nope' }))).toMatch(/No session with id nope/);
    expect(
      await refused('capture:chunk', { takeId: 'no-such-take', view: 'side', seq: 0, data: 'AAAA' }),
    ).toMatch(/no longer being recorded/);
    expect(await t.digest()).toBe(before);
  });

  it('records a take through base64 chunks (the Electron path) and saves it', async () => {
    const take = await call<CaptureTake>('capture:begin', begin());
    expect(
      await refused('capture:chunk', { takeId: take.id, view: 'side', seq: 0, data: 'not base64!' }),
    ).toMatch(/data: is not base64/);
    const parts = pieces(liveWebm(join(MEDIA, 'treadmill_side_zzzhushi_male_side.mp4'), 1), 2);
    for (const [seq, p] of parts.entries())
      await call('capture:chunk', { takeId: take.id, view: 'side', seq, data: p.toString('base64') });
    const saved = await call<CaptureTake>('capture:finish', {
      takeId: take.id,
      startedAt: '2026-11-21T10:00:00.250Z',
      clips: [{ view: 'side', chunks: 2, startOffsetMs: 4, durationMs: 1000 }],
    });
    expect(saved).toMatchObject({ status: 'saved', startedAt: '2026-11-21T10:00:00.250Z' });
    expect(saved.clips[0]).toMatchObject({ view: 'side', frameCount: 30, startOffsetMs: 4 });
    const [listed] = await call<CaptureTake[]>('capture:takes', { sessionId });
    expect(listed!.id).toBe(take.id);
  });
});

describe('Electron protocol routes', () => {
  it('serves the lite pose model and takes raw chunks, refusing a bad address', async () => {
    const model = await handleCaptureFetch(new Request('app://stridelab/api/capture/pose-model.task'));
    expect(model!.status).toBe(200);
    expect((await model!.arrayBuffer()).byteLength).toBe(
      statSync(join(defaultModelDir(), modelFile('lite'))).size,
    );
    const bad = await handleCaptureFetch(
      new Request('app://stridelab/api/capture/chunk?take=abcdefgh1&view=front&seq=0', {
        method: 'POST',
        body: new Uint8Array([1, 2, 3]),
      }),
    );
    expect(await bad!.json()).toMatchObject({ ok: false, error: { message: 'view: must be side or rear.' } });
    const take = await call<CaptureTake>('capture:begin', begin());
    const ok = await handleCaptureFetch(
      new Request(`app://stridelab/api/capture/chunk?take=${take.id}&view=side&seq=0&startOffsetMs=3.5`, {
        method: 'POST',
        body: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]),
      }),
    );
    expect(await ok!.json()).toEqual({ ok: true, result: { bytes: 4 } });
    expect(await handleCaptureFetch(new Request('app://stridelab/api/media/x/thumb'))).toBeUndefined();
    await call('capture:discard', { takeId: take.id });
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMediaFetch } from '../../src-main/services/media/fetch-routes';
import { importRecording } from '../../src-main/services/media/import';
import { resolveSource } from '../../src-main/services/media/sources';
import { clip, tempLibrary, type TestLibrary } from './helpers';

/** The Electron shell's media routes (Request → Response), run on Node's own fetch types. */
let lib: TestLibrary;
let id: string;
const src = clip('running_side_overground_sports2d_demo3.mp4');
const req = (path: string, init?: RequestInit & { duplex?: 'half' }): Request =>
  new Request(`app://stridelab${path}`, init);

beforeAll(async () => {
  lib = await tempLibrary();
  id = (
    await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: src,
      view: 'side',
      condition: { label: 'flat' },
    })
  ).id;
});
afterAll(() => lib.close());

describe('handleMediaFetch (Electron app:// routes)', () => {
  it('serves a recording file by id, whole and by Range', async () => {
    const bytes = readFileSync(src);
    const whole = (await handleMediaFetch(lib.library, req(`/api/media/${id}/original`)))!;
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = (await handleMediaFetch(
      lib.library,
      req(`/api/media/${id}/original`, { headers: { range: 'bytes=10-19' } }),
    ))!;
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
    expect((await handleMediaFetch(lib.library, req(`/api/media/nope/proxy`)))!.status).toBe(404);
    expect(await handleMediaFetch(lib.library, req('/index.html'))).toBeUndefined();
  });

  it('receives an upload into tmp/ and registers it as an import source', async () => {
    const body = readFileSync(src);
    const res = (await handleMediaFetch(
      lib.library,
      req('/api/upload?name=dropped%20clip.mp4', { method: 'POST', body, duplex: 'half' }),
    ))!;
    const json = (await res.json()) as {
      ok: boolean;
      result: { uploadId: string; name: string; sizeBytes: number };
    };
    expect(json).toMatchObject({ ok: true, result: { name: 'dropped clip.mp4', sizeBytes: body.length } });
    const source = resolveSource({ kind: 'upload', uploadId: json.result.uploadId });
    expect(readFileSync(source.path).equals(body)).toBe(true);
    const empty = (await handleMediaFetch(
      lib.library,
      req('/api/upload?name=e.mp4', { method: 'POST', body: new Uint8Array(0), duplex: 'half' }),
    ))!;
    expect(empty.status).toBe(400);
  });
});

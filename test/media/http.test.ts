import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src-shared/contract';
import type { Recording } from '../../src-shared/contract/recordings';
import { decodeTimestamps } from '../../src-shared/media/timestamps';
import type { Services } from '../../src-main/services';
import { createPatient } from '../../src-main/services/library/patients';
import { createSession } from '../../src-main/services/library/sessions';
import { registerMediaRoutes } from '../../src-main/services/media/http-routes';
import { startLocalServer, type LocalServer } from '../../src-main/transport/http-server';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { clip, syntheticClip, tempDir, treeDump } from './helpers';

/**
 * Browser mode end to end on the service side: upload → import over the contract → media served
 * with Range and the token, cancel from a second request, and nothing reachable by path. On the
 * run's backend (test/helpers/test-services.ts): on a server, uploads wait in the workstation's
 * scratch folder inside the shared media folder.
 */
type Wire = { ok: boolean; result?: unknown; error?: { code: string; message: string; field?: string } };
let t: TestServices;
let services: Services;
let server: LocalServer;
let sessionId: string;
const events: EventMessage[] = [];

/**
 * POST on a fresh connection each time (agent: false). fetch pools keep-alive sockets, and on a
 * loaded machine a pooled socket can be reused just as the server's keep-alive timer closes it
 * (ECONNRESET): a race of the test client, not of the routes under test.
 */
function post(
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, {
      method: 'POST',
      agent: false,
      headers: {
        'x-stridelab-token': server.token,
        'content-length': String(Buffer.byteLength(body)),
        ...headers,
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const call = async (channel: string, input: unknown): Promise<Wire> =>
  (await post(`/api/call/${channel}`, JSON.stringify(input), { 'content-type': 'application/json' }))
    .json as Wire;

async function upload(file: string, name: string): Promise<string> {
  const res = await post(`/api/upload?name=${encodeURIComponent(name)}`, readFileSync(file), {
    'content-type': 'application/octet-stream',
  });
  const body = res.json as { ok: boolean; result: { uploadId: string; sizeBytes: number } };
  expect(body.ok).toBe(true);
  return body.result.uploadId;
}

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-http-' });
  services = t.services;
  server = await startLocalServer({ services, staticRoot: tempDir('static') });
  registerMediaRoutes(server, services.library);
  services.onEvent((m) => events.push(m));
  const patient = await createPatient(services.library.data, { name: 'Ana', sex: 'female' });
  sessionId = (
    await createSession(services.library.data, {
      patientId: patient.id,
      date: '2026-02-01',
      injurySide: 'none',
      treadmillSpeedsKmh: [],
      treadmillInclinesPct: [],
    })
  ).id;
});
afterAll(async () => {
  await server.close();
  await t.close();
});

/**
 * Rows, clips and scratch, comparable: the clips' tree without the scratch folder, which on a
 * server lies inside the shared media folder (.stridelab-tmp/<workstation>).
 */
async function libraryState(): Promise<{ db: string; media: string; tmp: string }> {
  const { mediaDir, tmpDir } = services.library.paths;
  const media = treeDump(mediaDir)
    .split('\n')
    .filter((line) => !line.startsWith('.stridelab-tmp'))
    .join('\n');
  return { db: await t.digest(), media, tmp: treeDump(tmpDir) };
}

describe('media over HTTP', () => {
  let rec: Recording;

  it('uploads, imports with progress events, and serves every file by id with Range', async () => {
    const src = clip('running_side_overground_sports2d_demo3.mp4');
    const uploadId = await upload(src, 'Côté "flat" run.mp4');
    const res = await call('recordings:import', {
      sessionId,
      source: { kind: 'upload', uploadId },
      view: 'side',
      condition: { label: 'flat', speedKmh: 11 },
      jobId: 'job-happy-0001',
    });
    expect(res.error).toBeUndefined();
    rec = res.result as Recording;
    expect(rec.originalName).toBe('Côté "flat" run.mp4');
    const progress = events
      .filter((e) => e.event === 'recordings:progress')
      .map((e) => e.payload as { jobId: string; fraction: number });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.jobId === 'job-happy-0001')).toBe(true);
    expect(progress.at(-1)!.fraction).toBe(1);
    // The upload was consumed: tmp/ is empty again.
    expect((await libraryState()).tmp).toBe('');

    const original = readFileSync(src);
    const whole = await fetch(`${server.url}/api/media/${rec.id}/original?token=${server.token}`);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(original)).toBe(true);
    const part = await fetch(`${server.url}/api/media/${rec.id}/original`, {
      headers: { 'x-stridelab-token': server.token, range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${original.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(original.subarray(100, 200))).toBe(true);
    const tail = await fetch(`${server.url}/api/media/${rec.id}/proxy`, {
      headers: { 'x-stridelab-token': server.token, range: 'bytes=-16' },
    });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-type')).toBe('video/mp4');
    expect((await tail.arrayBuffer()).byteLength).toBe(16);
    const beyond = await fetch(`${server.url}/api/media/${rec.id}/proxy`, {
      headers: { 'x-stridelab-token': server.token, range: 'bytes=999999999-' },
    });
    expect(beyond.status).toBe(416);
    const ts = await fetch(`${server.url}/api/media/${rec.id}/timestamps?token=${server.token}`);
    expect(decodeTimestamps(new Uint8Array(await ts.arrayBuffer()))).toHaveLength(47);
  });

  it('refuses a trim that ends before it starts, in a sentence that says so, and changes nothing', async () => {
    const before = await libraryState();
    const res = await call('recordings:update', { id: rec.id, trim: { startFrame: 20, endFrame: 10 } });
    expect(res.error).toMatchObject({
      code: 'invalid-input',
      field: 'trim.endFrame',
      message: 'trim.endFrame: the trim must end after it starts: “to” must be a later frame than “from”.',
    });
    expect(await libraryState()).toEqual(before);
  });

  it('refuses requests without the token, unknown ids, and anything shaped like a path', async () => {
    expect((await fetch(`${server.url}/api/media/${rec.id}/proxy`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/media/nope/proxy?token=${server.token}`)).status).toBe(404);
    for (const p of [`${rec.id}/../../library.sqlite`, `..%2F..%2Flibrary.sqlite/proxy`, `${rec.id}/probe`]) {
      const r = await fetch(`${server.url}/api/media/${p}?token=${server.token}`);
      expect(r.status).toBe(404);
    }
    // An import naming an upload that does not exist reaches no file.
    const res = await call('recordings:import', {
      sessionId,
      source: { kind: 'upload', uploadId: 'AAAAAAAAAAAAAAAA' },
      view: 'side',
      condition: { label: 'flat' },
      jobId: 'job-nope-00001',
    });
    expect(res.error).toMatchObject({ code: 'not-found', message: expect.stringMatching(/upload is gone/) });
    // Paths are not part of the contract at all.
    const bad = await call('recordings:import', {
      sessionId,
      source: { kind: 'path', path: '/etc/passwd' },
      view: 'side',
      condition: { label: 'x' },
      jobId: 'job-path-0001',
    });
    expect(bad.error).toMatchObject({ code: 'invalid-input', field: 'source.kind' });
  });

  it('reports a duplicate upload, keeps it for "import anyway", then imports it when asked', async () => {
    const uploadId = await upload(clip('running_side_overground_sports2d_demo3.mp4'), 'again.mp4');
    const input = {
      sessionId,
      source: { kind: 'upload', uploadId },
      view: 'rear',
      condition: { label: 'flat' },
      jobId: 'job-dup-00001',
    };
    const first = await call('recordings:import', input);
    expect(first.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already in this session/),
    });
    const second = await call('recordings:import', { ...input, allowDuplicate: true });
    expect(second.ok).toBe(true);
  });

  it('tells the page when an import waits its turn for the review copy, then when its copy starts', async () => {
    // Two imports at once: one review copy at a time, so one of the two waits. Its 'wait' event
    // must reach the page even when it comes within the progress interval of the one before (the
    // walk saw a clip read "Copying into the library" with an empty bar for 90 s while it waited).
    const dir = tempDir('turn');
    const files = [
      // Two different clips (a frame apart): the same bytes twice would be one clip, refused as a
      // duplicate since the check and the insert are one step (import-race.test).
      syntheticClip(join(dir, 'turn-a.mp4'), { frames: 120, size: '640x480' }),
      syntheticClip(join(dir, 'turn-b.mp4'), { frames: 121, size: '640x480' }),
    ];
    const jobs = ['job-turn-a0001', 'job-turn-b0001'];
    const ids = await Promise.all(files.map((f, i) => upload(f, `turn-${i}.mp4`)));
    const from = events.length;
    const results = await Promise.all(
      ids.map((uploadId, i) =>
        call('recordings:import', {
          sessionId,
          source: { kind: 'upload', uploadId },
          view: 'side',
          condition: { label: 'turn' },
          jobId: jobs[i],
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const phases = (job: string): string[] =>
      events
        .slice(from)
        .filter((e) => e.event === 'recordings:progress')
        .map((e) => e.payload as { jobId: string; phase: string })
        .filter((p) => p.jobId === job)
        .map((p) => p.phase);
    const waited = jobs.filter((j) => phases(j).includes('wait'));
    expect(waited).toHaveLength(1);
    const seen = phases(waited[0]!);
    expect(seen.indexOf('wait')).toBeLessThan(seen.indexOf('proxy'));
  });

  it('cancels a running import from another request: ffmpeg stopped, library unchanged', async () => {
    const src = syntheticClip(join(tempDir('long'), 'long.mp4'), { frames: 300, size: '640x480' });
    const uploadId = await upload(src, 'long.mp4');
    const before = await libraryState();
    const started = new Promise<void>((resolve) => {
      const off = services.onEvent((m) => {
        if (m.event === 'recordings:progress' && (m.payload as { phase: string }).phase === 'proxy') {
          off();
          resolve();
        }
      });
    });
    const pending = call('recordings:import', {
      sessionId,
      source: { kind: 'upload', uploadId },
      view: 'side',
      condition: { label: 'incline' },
      jobId: 'job-cancel-001',
    });
    await started;
    expect((await call('recordings:cancel', { jobId: 'job-cancel-001' })).result).toEqual({
      cancelled: true,
    });
    expect((await pending).error).toMatchObject({ code: 'cancelled' });
    // Rows and media as before; tmp/ held the upload before and is now empty (a cancel consumes it).
    expect(await libraryState()).toEqual({ ...before, tmp: '' });
    expect((await call('recordings:cancel', { jobId: 'job-cancel-001' })).result).toEqual({
      cancelled: false,
    });
  });

  it('imports nothing when Cancel reached the server before the import did', async () => {
    // The page sends Cancel the moment the PT presses it; on a busy server that can come first.
    const src = syntheticClip(join(tempDir('early'), 'early.mp4'), { frames: 30, size: '320x240' });
    const uploadId = await upload(src, 'early.mp4');
    const before = await libraryState();
    expect((await call('recordings:cancel', { jobId: 'job-early-001' })).result).toEqual({
      cancelled: false,
    });
    const res = await call('recordings:import', {
      sessionId,
      source: { kind: 'upload', uploadId },
      view: 'side',
      condition: { label: 'flat' },
      jobId: 'job-early-001',
    });
    expect(res.error).toMatchObject({ code: 'cancelled', message: 'Import cancelled.' });
    expect(await libraryState()).toEqual({ ...before, tmp: '' });
    // Only that import: another one with its own id runs.
    const again = await call('recordings:import', {
      sessionId,
      source: { kind: 'upload', uploadId: await upload(src, 'early.mp4') },
      view: 'side',
      condition: { label: 'flat' },
      jobId: 'job-early-002',
    });
    expect(again.ok).toBe(true);
  });

  it('refuses an empty upload with a clear message', async () => {
    const res = await fetch(`${server.url}/api/upload?name=empty.mp4`, {
      method: 'POST',
      headers: { 'x-stridelab-token': server.token },
      body: new Uint8Array(0),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /"empty\.mp4" is empty/,
    );
  });

  it('refuses an upload declared larger than the limit before reading it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/upload?name=huge.mp4`, {
        method: 'POST',
        headers: { 'x-stridelab-token': server.token, 'content-length': String(64 * 1024 ** 3) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
    });
    expect(status).toBe(413);
    expect((await libraryState()).tmp).toBe('');
  });

  it('answers a malformed %-escape with 400, not 500, on every kind of route', async () => {
    const get = (path: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = httpRequest(`${server.url}${path}`, {
          agent: false,
          headers: { 'x-stridelab-token': server.token },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get('/%E0%A4%A')).toBe(400); // the renderer's static files
    expect(await get('/api/exports/%E0%A4%A.stridelab-session')).toBe(400); // a media route
    const called = await post('/api/call/patients%E0%A4%A', '{}', { 'content-type': 'application/json' });
    expect(called.status).toBe(400);
    expect(called.json).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchGuardedBrowser, type GuardedBrowser } from '../../src-main/services/pose/engine-host';
import { startEngineServer, type EngineServer } from '../../src-main/services/pose/host-server';
import { EngineRoutes, type EngineGrant } from '../../src-main/services/pose/engine-routes';
import { defaultModelDir, defaultRendererDir } from '../../src-main/services/pose/paths';
import { FIXTURES, requireEngineBuild } from './helpers';

/**
 * Nothing leaves 127.0.0.1. MediaPipe's tasks-vision carries a telemetry logger that POSTs to
 * https://odml.pa.googleapis.com/v1/log; two layers stop such a request: the CSP on every response
 * of the engine server (connect-src 'self', also for the worker), and the browser's network guard
 * that aborts any request to another origin. Each layer is shown refusing the telemetry URL here;
 * the engine tests check that a real run requested nothing outside 127.0.0.1.
 */
const TELEMETRY = 'https://odml.pa.googleapis.com/v1/log';
const routes = new EngineRoutes();
let grant: EngineGrant;
let server: EngineServer;
let guarded: GuardedBrowser;

beforeAll(async () => {
  requireEngineBuild();
  grant = routes.grant(join(FIXTURES, 'no_person_testsrc.mp4'), defaultModelDir());
  server = await startEngineServer({ staticRoot: defaultRendererDir(), routes });
  guarded = await launchGuardedBrowser(server.origin);
  await guarded.page.goto(server.engineUrl);
}, 60_000);
afterAll(async () => {
  await guarded?.browser.close();
  await server?.close();
});

describe('the pose engine page cannot reach outside 127.0.0.1', () => {
  it('refuses the telemetry POST from the page and from a worker by its CSP', async () => {
    const fromPage = await guarded.page.evaluate(async (url) => {
      try {
        await fetch(url, { method: 'POST', body: 'x' });
        return 'sent';
      } catch {
        return 'refused';
      }
    }, TELEMETRY);
    expect(fromPage).toBe('refused');
    const fromWorker = await guarded.page.evaluate(async (url) => {
      const code = `fetch(${JSON.stringify(url)}, {method: 'POST', body: 'x'}).then(() => postMessage('sent'), () => postMessage('refused'))`;
      // Runs in the page: a DOM Worker (typed here without the DOM lib).
      type PageWorker = { onmessage: ((e: { data: unknown }) => void) | null };
      const W = (globalThis as unknown as { Worker: new (url: string) => PageWorker }).Worker;
      const worker = new W(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      return await new Promise<string>((resolve) => (worker.onmessage = (e) => resolve(String(e.data))));
    }, TELEMETRY);
    expect(fromWorker).toBe('refused');
    expect(guarded.refusedByCsp.some((m) => m.includes('odml.pa.googleapis.com'))).toBe(true);
  });

  it('aborts any request to another origin at the network guard, and keeps a log of it', async () => {
    await expect(guarded.page.goto(TELEMETRY)).rejects.toThrow();
    expect(guarded.blocked).toContain(TELEMETRY);
    expect(guarded.requests.filter((u) => !u.startsWith(server.origin) && u !== TELEMETRY)).toEqual([]);
  });

  it('serves the clip and the model only behind the per-run token', async () => {
    const res = await fetch(`${server.origin}/pose/not-the-token/clip`);
    expect(res.status).toBe(403);
    const ok = await fetch(`${server.origin}${grant.clipPath}`, { headers: { range: 'bytes=0-7' } });
    expect(ok.status).toBe(206);
    expect((await ok.arrayBuffer()).byteLength).toBe(8);
  });
});

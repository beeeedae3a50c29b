import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineRoutes } from '../../src-main/services/pose/engine-routes';
import { tempDir } from '../helpers/tmp';

/**
 * The engine routes both hosts serve the clip and the model through (Electron's app:// handler and
 * the Node host's loopback server), in fetch terms, on real files.
 */
const ORIGIN = 'app://stridelab';
const made: { cleanup(): void }[] = [];
afterAll(() => made.forEach((d) => d.cleanup()));
function files(): { clip: string; models: string; secret: string } {
  const dir = tempDir('stridelab-engine-routes-');
  made.push(dir);
  const root = dir.path;
  const models = join(root, 'models');
  mkdirSync(models);
  const clip = join(root, 'clip.mp4');
  writeFileSync(clip, Buffer.from(Array.from({ length: 100 }, (_, i) => i)));
  writeFileSync(join(models, 'pose_landmarker_lite.task'), 'model bytes');
  writeFileSync(join(root, 'secret.task'), 'not for the page');
  return { clip, models, secret: join(root, 'secret.task') };
}
const get = (routes: EngineRoutes, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  routes.handle(new Request(`${ORIGIN}${path}`, { method, headers }));

describe('engine routes', () => {
  it('serves the granted clip, whole and by range, and the model by name', async () => {
    const f = files();
    const routes = new EngineRoutes();
    const grant = routes.grant(f.clip, f.models);
    const whole = (await get(routes, grant.clipPath))!;
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe('100');
    expect(whole.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(new Uint8Array(await whole.arrayBuffer())[99]).toBe(99);
    const part = (await get(routes, grant.clipPath, { range: 'bytes=10-19' }))!;
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/100');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect((await get(routes, grant.clipPath, { range: 'bytes=100-' }))!.status).toBe(416);
    const head = (await get(routes, grant.clipPath, {}, 'HEAD'))!;
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const model = (await get(routes, grant.modelPath('pose_landmarker_lite.task')))!;
    expect(await model.text()).toBe('model bytes');
  });

  it('answers nothing without a live grant, and no path escapes the model folder', async () => {
    const f = files();
    const routes = new EngineRoutes();
    const grant = routes.grant(f.clip, f.models);
    const token = grant.clipPath.split('/')[2]!;
    expect((await get(routes, '/pose/0123456789abcdef0123456789abcdef/clip'))!.status).toBe(403);
    for (const path of [
      `/pose/${token}/model/..%2Fsecret.task`,
      `/pose/${token}/model/../secret.task`,
      `/pose/${token}/model/pose_landmarker_lite.tflite`,
      `/pose/${token}/model/%E0%A4%A`,
      `/pose/${token}/clip/extra`,
      `/pose/${token}/other`,
      `/pose/${token}/model/missing.task`,
    ])
      expect((await get(routes, path))!.status, path).toBe(404);
    expect((await get(routes, grant.clipPath, {}, 'POST'))!.status).toBe(405);
    expect(await get(routes, '/pose-engine.html')).toBeUndefined();
    grant.revoke();
    expect(routes.size).toBe(0);
    expect((await get(routes, grant.clipPath))!.status).toBe(403);
  });

  it('keeps runs apart: one token never reaches another run\u2019s clip', async () => {
    const a = files();
    const b = files();
    const routes = new EngineRoutes();
    const ga = routes.grant(a.clip, a.models);
    const gb = routes.grant(b.clip, b.models);
    expect(ga.clipPath).not.toBe(gb.clipPath);
    ga.revoke();
    expect((await get(routes, ga.clipPath))!.status).toBe(403);
    expect((await get(routes, gb.clipPath))!.status).toBe(200);
  });
});

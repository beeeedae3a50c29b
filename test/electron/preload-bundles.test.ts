import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../src-shared/contract';
import { IPC_CALL } from '../../src-shared/contract/transport';
import { IPC_POSE_ENGINE } from '../../src-shared/pose/engine-protocol';
import { appRoot } from '../../src-main/paths';

/**
 * The built preload bundles (out/preload/*.cjs), as Electron would run them in a sandboxed renderer:
 * `require` answers 'electron' only (a sandboxed preload cannot load other modules: a bundle that
 * required zod or a shared chunk would fail there at start), and what each exposes to its page is
 * exactly the bridge it documents. Electron's contextBridge and ipcRenderer are recorders here.
 */
interface Recorded {
  exposed: Record<string, unknown>;
  sent: unknown[][];
  invoked: unknown[][];
}
function load(name: string): Recorded {
  const rec: Recorded = { exposed: {}, sent: [], invoked: [] };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (rec.exposed[key] = api) },
    ipcRenderer: {
      send: (...args: unknown[]) => void rec.sent.push(args),
      invoke: (...args: unknown[]) => (rec.invoked.push(args), Promise.resolve('from main')),
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
  const source = readFileSync(join(appRoot(), 'out', 'preload', name), 'utf8');
  const module = { exports: {} };
  const require = (id: string): unknown => {
    if (id !== 'electron') throw new Error(`${name} requires "${id}", which a sandboxed preload cannot load`);
    return electron;
  };
  runInNewContext(`(function (require, module, exports) {${source}\n})`, {})(require, module, module.exports);
  return rec;
}

describe('preload bundles', () => {
  it('the main window’s bridge: call (contract channels only) and onEvent, nothing else', async () => {
    const rec = load('index.cjs');
    expect(Object.keys(rec.exposed)).toEqual(['stridelab']);
    const bridge = rec.exposed.stridelab as {
      call(c: string, i: unknown): Promise<unknown>;
      onEvent(l: unknown): () => void;
    };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    await expect(bridge.call('fs:readFile', { path: '/etc/passwd' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(rec.invoked).toEqual([]);
    const channel = channelNames[0]!;
    await expect(bridge.call(channel, { a: 1 })).resolves.toBe('from main');
    expect(rec.invoked).toEqual([[IPC_CALL, channel, { a: 1 }]]);
    expect(typeof bridge.onEvent(() => undefined)).toBe('function');
  });

  it('the pose engine window’s bridge: stridelabPoseHost forwards each message on its one channel', () => {
    const rec = load('pose-engine.cjs');
    expect(Object.keys(rec.exposed)).toEqual(['stridelabPoseHost']);
    const host = rec.exposed.stridelabPoseHost as (m: unknown) => void;
    host({ type: 'done', seq: 1, frames: 3, loopMs: 1, detectMs: 1 });
    expect(rec.sent).toEqual([
      [IPC_POSE_ENGINE, { type: 'done', seq: 1, frames: 3, loopMs: 1, detectMs: 1 }],
    ]);
    expect(rec.invoked).toEqual([]);
  });
});

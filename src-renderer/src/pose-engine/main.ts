/**
 * The pose engine page: a thin bridge between a host and the engine worker. The host (playwright
 * from Node, or Electron's preload) provides `window.stridelabPoseHost(msg)` to receive messages
 * and calls `window.stridelabPoseEngine.post(msg)` to send them. The page does no work itself.
 */
import type { EngineToHost, HostToEngine } from '../../../src-shared/pose/engine-protocol';

declare global {
  interface Window {
    stridelabPoseHost?: (msg: EngineToHost) => void;
    stridelabPoseEngine?: { readonly post: (msg: HostToEngine) => void };
  }
}

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (ev: MessageEvent<EngineToHost>) => window.stridelabPoseHost?.(ev.data);
worker.onerror = (ev: ErrorEvent) => {
  window.stridelabPoseHost?.({
    type: 'error',
    seq: -1,
    error: {
      name: 'WorkerError',
      message: ev.message || 'the pose engine worker failed to start',
      stage: 'model',
    },
  });
};
window.stridelabPoseEngine = { post: (msg) => worker.postMessage(msg) };
document.documentElement.dataset.engine = 'ready';

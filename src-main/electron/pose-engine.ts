import type { BrowserWindow, IpcMain, IpcMainEvent } from 'electron';
import { IPC_POSE_ENGINE, type HostToEngine } from '../../src-shared/pose/engine-protocol';
import type { EngineRoutes } from '../services/pose/engine-routes';
import {
  PoseEngineError,
  runEngineSession,
  type EngineRunner,
  type EngineTransport,
} from '../services/pose/engine-session';
import { lowerPriority } from '../services/process/priority';

/**
 * The pose engine inside Electron: the same pose-engine.html (served from app://) in a hidden,
 * sandboxed window; its preload (src-preload/pose-engine.ts) forwards what the page sends to
 * `stridelabPoseHost` over one IPC channel; main starts and cancels the job by calling the page's
 * own `stridelabPoseEngine.post`. The clip and the model are served by the shared engine routes
 * under a per-run token (the app:// handler in main.ts consults the same EngineRoutes), and the
 * run's protocol is the shared engine session.
 *
 * Electron cannot start on the build machines, so Electron's classes come in as arguments (main.ts
 * passes the real ones; only types are imported here): test/electron/pose-engine.test.ts drives this
 * very runner with a stand-in window over headless Chromium, the built preload bundle loaded into
 * the page, on a real clip.
 */
export interface ElectronEngineOptions {
  /** `app://stridelab`: the engine page, the clip and the model all come from it. */
  readonly appOrigin: string;
  readonly routes: EngineRoutes;
  /** Built preload of the engine window (out/preload/pose-engine.cjs). */
  readonly preload: string;
  /** The `.task` bundles (packaged: beside the asar, electron-builder's extraResources). */
  readonly modelDir: string;
  readonly electron: { readonly BrowserWindow: typeof BrowserWindow; readonly ipcMain: IpcMain };
}

/** Resolves once the page's bridge exists (a module script: ready soon after load). */
const WAIT_FOR_ENGINE = `new Promise((resolve) => {
  const ready = () => (window.stridelabPoseEngine ? resolve(true) : setTimeout(ready, 20));
  ready();
})`;

export function electronEngineRunner(o: ElectronEngineOptions): EngineRunner {
  return (opts) => {
    const grant = o.routes.grant(opts.clipPath, opts.modelDir ?? o.modelDir);
    const pageUrl = `${o.appOrigin}/pose-engine.html`;
    let win: BrowserWindow | undefined;
    let listener: ((event: IpcMainEvent, msg: unknown) => void) | undefined;
    const refusedByCsp: string[] = [];
    const transport: EngineTransport = {
      clipUrl: `${o.appOrigin}${grant.clipPath}`,
      modelUrl: (file) => `${o.appOrigin}${grant.modelPath(file)}`,
      async open({ onMessage, onFailure }) {
        win = new o.electron.BrowserWindow({
          show: false,
          webPreferences: {
            preload: o.preload,
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            webSecurity: true,
            // Hidden windows are throttled by default; the page relays every batch of frames.
            backgroundThrottling: false,
          },
        });
        const wc = win.webContents;
        listener = (event, msg) => {
          // This window's engine page only: never another window, nor a frame that went elsewhere.
          if (event.sender !== wc || event.senderFrame?.url !== pageUrl) return;
          onMessage(msg);
        };
        o.electron.ipcMain.on(IPC_POSE_ENGINE, listener);
        wc.on('render-process-gone', (_event, details) =>
          onFailure(new PoseEngineError('engine', `The pose engine stopped (${details.reason}).`)),
        );
        wc.on('console-message', (event) => {
          if (/Content Security Policy/i.test(event.message)) refusedByCsp.push(event.message);
        });
        wc.on('will-navigate', (event) => event.preventDefault());
        wc.setWindowOpenHandler(() => ({ action: 'deny' }));
        await win.loadURL(pageUrl);
        await wc.executeJavaScript(WAIT_FOR_ENGINE);
        // Below the app's own window, which records and reviews (issue 16, process/priority.ts):
        // every thread of the engine's renderer, its workers included (on Windows its priority class).
        // The test's stand-in window has no process of its own to name.
        if (typeof wc.getOSProcessId === 'function') lowerPriority(wc.getOSProcessId(), 'analysis');
      },
      async post(msg: HostToEngine) {
        if (!win || win.isDestroyed()) return;
        // Our own message (URLs we minted, numbers), as a JSON literal: nothing from the page.
        await win.webContents.executeJavaScript(`window.stridelabPoseEngine.post(${JSON.stringify(msg)})`);
      },
      // Electron's session refuses every request that is not app:// (main.ts); nothing to log here.
      network: () => ({ requests: [], blocked: [], refusedByCsp }),
      async close() {
        grant.revoke();
        if (listener) o.electron.ipcMain.removeListener(IPC_POSE_ENGINE, listener);
        if (win && !win.isDestroyed()) win.destroy();
      },
    };
    return runEngineSession(transport, opts);
  };
}

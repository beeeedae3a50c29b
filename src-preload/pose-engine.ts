/**
 * The pose engine window's preload (Electron host of the engine; src-main/electron/pose-engine.ts).
 * The engine page (src-renderer/pose-engine.html) talks to whoever hosts it through one function,
 * `window.stridelabPoseHost(msg)`; here that function forwards each message to main over one IPC
 * channel, where it is validated. Nothing else is exposed: this page gets no `stridelab.call`.
 * Host → engine goes the other way through `window.stridelabPoseEngine.post`, which main calls
 * with executeJavaScript (the page's own function, in the page's world).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_POSE_ENGINE } from '../src-shared/pose/engine-protocol';

contextBridge.exposeInMainWorld('stridelabPoseHost', (msg: unknown): void => {
  ipcRenderer.send(IPC_POSE_ENGINE, msg);
});

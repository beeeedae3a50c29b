import type { IpcMain, WebContents } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../src-shared/contract/transport';
import type { Services } from '../services';

/**
 * Electron transport: one ipcMain handler carries every contract call (the channel name is data,
 * checked against the contract in `dispatch`), and events are sent to every window. The preload
 * bridge (src-preload) is the other half.
 */
export function registerIpc(
  ipcMain: IpcMain,
  services: Services,
  windows: () => WebContents[],
  isTrustedUrl: (url: string) => boolean,
): () => void {
  ipcMain.handle(IPC_CALL, (event, channel: unknown, input: unknown) => {
    // Only our own pages may call: never a frame that navigated elsewhere.
    if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url)) {
      return { ok: false, error: { code: 'invalid-input', message: 'Call from an untrusted page refused.' } };
    }
    return services.dispatch(typeof channel === 'string' ? channel : '', input);
  });
  const unsubscribe = services.onEvent((message) => {
    for (const wc of windows()) if (!wc.isDestroyed()) wc.send(IPC_EVENT, message);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    unsubscribe();
  };
}

/**
 * The preload bridge: exposes exactly two functions to the sandboxed renderer, `call` and
 * `onEvent`. Channel names are checked against the contract here as well as in main, so a
 * compromised page cannot even reach ipcRenderer with an unknown channel.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, type EventMessage } from '../src-shared/contract';
import { IPC_CALL, IPC_EVENT } from '../src-shared/contract/transport';

contextBridge.exposeInMainWorld('stridelab', {
  call(channel: string, input: unknown): Promise<unknown> {
    if (!isChannel(channel))
      return Promise.resolve({
        ok: false,
        error: { code: 'not-found', message: `Unknown call "${channel}".` },
      });
    return ipcRenderer.invoke(IPC_CALL, channel, input);
  },
  onEvent(listener: (message: EventMessage) => void): () => void {
    const wrapped = (_event: unknown, message: EventMessage): void => listener(message);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
});

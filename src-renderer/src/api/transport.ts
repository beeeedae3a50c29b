/**
 * The renderer's half of the transport, chosen once: the Electron preload bridge when present,
 * otherwise HTTP + Server-Sent Events to the browser-mode server (token from the URL fragment).
 * Both carry the same contract; nothing here is written per call.
 */
import type { EventMessage, WireResult } from '../../../src-shared/contract';
import {
  HTTP_CALL_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_HEADER,
} from '../../../src-shared/contract/transport';

export interface Transport {
  readonly kind: 'electron' | 'browser';
  call(channel: string, input: unknown): Promise<WireResult<unknown>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** URL for a library file served by an /api route (media), with the token where one is needed. */
  apiUrl(path: string): string;
}

interface PreloadBridge {
  call(channel: string, input: unknown): Promise<WireResult<unknown>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}

declare global {
  interface Window {
    stridelab?: PreloadBridge;
  }
}

const TOKEN_KEY = 'stridelab.token';

/** Read the token from `#token=…` once, keep it for this tab, and take it out of the address bar. */
function browserToken(): string {
  const match = /token=([0-9a-f]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(): Transport {
  const token = browserToken();
  const listeners = new Set<(message: EventMessage) => void>();
  let source: EventSource | undefined;
  const connect = (): void => {
    source = new EventSource(`${HTTP_EVENTS_PATH}?token=${token}`);
    source.onmessage = (e: MessageEvent<string>) => {
      const message = JSON.parse(e.data) as EventMessage;
      for (const l of listeners) l(message);
    };
  };
  return {
    kind: 'browser',
    async call(channel, input) {
      const res = await fetch(`${HTTP_CALL_PREFIX}${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as WireResult<unknown>;
    },
    onEvent(listener) {
      if (!source) connect();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apiUrl(path) {
      return `${path}${path.includes('?') ? '&' : '?'}token=${token}`;
    },
  };
}

function electronTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    call: (channel, input) => bridge.call(channel, input),
    onEvent: (listener) => bridge.onEvent(listener),
    apiUrl: (path) => path,
  };
}

export const transport: Transport = window.stridelab ? electronTransport(window.stridelab) : httpTransport();

import { EventEmitter } from 'node:events';
import {
  calls,
  isChannel,
  type Channel,
  type EventMessage,
  type EventName,
  type EventPayload,
  type WireResult,
} from '../../src-shared/contract';
import { openLibrary, type Library } from './library/db';
import { captureHandlers } from './capture/handlers';
import { libraryHandlers } from './library/handlers';
import { recordingsHandlers } from './media/handlers';
import { reviewHandlers } from './review/handlers';
import { poseHandlers } from './pose/handlers';
import { syncHandlers } from './sync/handlers';
import { reportHandlers } from './report/handlers';
import { gaitHandlers } from './gait/handlers';
import { analysisHandlers } from './analysis/handlers';
import { progressHandlers } from './progress/handlers';
import { markersHandlers } from './markers/handlers';
import { stopAllTracking } from './markers/track-job';
import { createAnalysisQueue } from './analysis/queue';
import { toWireError } from './errors';
import type { CallContext, Handler, Handlers } from './types';
import { validateInput } from './validate';
import { APP_VERSION } from './version';

/**
 * Every handler of every domain. The `satisfies` makes the compiler refuse a contract call that has
 * no handler. To add a domain: spread its handlers here.
 */
const handlers = {
  ...libraryHandlers,
  ...captureHandlers,
  ...recordingsHandlers,
  ...reviewHandlers,
  ...poseHandlers,
  ...syncHandlers,
  ...reportHandlers,
  ...gaitHandlers,
  ...analysisHandlers,
  ...progressHandlers,
  ...markersHandlers,
} satisfies Handlers;

export interface Services {
  readonly library: Library;
  /** Validate `rawInput` against the contract, run the handler, and return the wire result. Never throws. */
  dispatch(channel: string, rawInput: unknown): Promise<WireResult<unknown>>;
  /** Subscribe to every event; returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** Close the library; a running analysis goes back to the queue and resumes at the next start. */
  close(): void;
  /** Resolves once background work has let go of its processes (after close: Chromium is gone). */
  idle(): Promise<void>;
}

export interface ServicesOptions {
  readonly home: string;
  readonly transport: CallContext['transport'];
  /**
   * Analyse clips as soon as they arrive (imported, or saved from a take). On in the app; off by
   * default here so a service that only imports (tests of other domains, archive tools) starts no
   * pose detection. Queued jobs of the library resume either way.
   */
  readonly analyseOnArrival?: boolean;
  /** Clips analysed at once (default: from the machine's cores and memory). */
  readonly analysisConcurrency?: number;
}

/** Open the library at `home` and build the service layer every transport talks to. */
export function createServices(options: ServicesOptions): Services {
  const library = openLibrary(options.home);
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const base = {
    library,
    version: APP_VERSION,
    transport: options.transport,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      bus.emit('event', { event, payload } satisfies EventMessage<E>);
    },
  };
  const analysis = createAnalysisQueue(base, {
    analyseOnArrival: options.analyseOnArrival ?? false,
    ...(options.analysisConcurrency ? { concurrency: options.analysisConcurrency } : {}),
  });
  const ctx: CallContext = { ...base, analysis };
  return {
    library,
    async dispatch(channel, rawInput) {
      try {
        if (!isChannel(channel)) {
          return { ok: false, error: { code: 'not-found', message: `Unknown call "${channel}".` } };
        }
        const input = validateInput(calls[channel].input, rawInput);
        const handler = handlers[channel] as Handler<Channel>;
        return { ok: true, result: await handler(input as never, ctx) };
      } catch (err) {
        return { ok: false, error: toWireError(err) };
      }
    },
    onEvent(listener) {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
    close() {
      analysis.close();
      // Marker tracking runs stop (ffmpeg killed, nothing written) before the library closes.
      void stopAllTracking();
      bus.removeAllListeners();
      library.close();
    },
    idle: () => analysis.idle(),
  };
}

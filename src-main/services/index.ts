import { EventEmitter } from 'node:events';
import {
  calls,
  events,
  isChannel,
  type Channel,
  type EventMessage,
  type EventName,
  type EventPayload,
  type WireResult,
} from '../../src-shared/contract';
import { openLibrary, type Library } from './library/db';
import { isServerMode } from './library/server-mode';
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
import { createAnalysisQueue, SHARED_QUEUE, type AnalysisQueueOptions } from './analysis/queue';
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
  /**
   * An event from another workstation of the clinic server (library/postgres/notify.ts), to this
   * one's pages: checked against the contract like any input, dropped when it does not fit.
   */
  deliver(message: { event: string; payload: unknown }): void;
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
  /**
   * A library opened already: a clinic server's (library/server-mode.ts, services/server.ts).
   * Default: the embedded library at `home`.
   */
  readonly library?: Library;
  /** On a clinic server: the analysis queue's lease and polling (default SHARED_QUEUE; tests shorten). */
  readonly sharedQueue?: AnalysisQueueOptions['shared'];
  /** Each event this process emits, after its own pages have it (the server relay passes it on). */
  readonly onEmit?: (message: EventMessage) => void;
}

/** Open the library at `home` and build the service layer every transport talks to. */
export function createServices(options: ServicesOptions): Services {
  const library = options.library ?? openLibrary(options.home);
  const server = isServerMode(library) ? library : undefined;
  const bus = new EventEmitter();
  bus.setMaxListeners(100);
  const base = {
    library,
    version: APP_VERSION,
    transport: options.transport,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      const message = { event, payload } satisfies EventMessage<E>;
      bus.emit('event', message);
      options.onEmit?.(message as EventMessage);
    },
  };
  const analysis = createAnalysisQueue(base, {
    analyseOnArrival: options.analyseOnArrival ?? false,
    ...(options.analysisConcurrency ? { concurrency: options.analysisConcurrency } : {}),
    ...(server ? { workstation: server.workstation, shared: options.sharedQueue ?? SHARED_QUEUE } : {}),
  });
  /** Set by close: the running analyses handed back (on a server), then the library closed. */
  let closing: Promise<void> | undefined;
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
    deliver({ event, payload }) {
      if (!(event in events)) return;
      const parsed = events[event as EventName].payload.safeParse(payload);
      if (parsed.success) bus.emit('event', { event, payload: parsed.data } as EventMessage);
    },
    close() {
      if (closing) return;
      const handedBack = analysis.close();
      // Marker tracking runs stop (ffmpeg killed, nothing written) before the library closes.
      void stopAllTracking();
      bus.removeAllListeners();
      if (server) {
        // The server's pool closes once the running jobs are back in the queue for other workstations.
        closing = handedBack.then(() => library.close());
      } else {
        // The embedded library closes now (its lock is free for the next open at once); a running
        // job is queued again when it next opens.
        library.close();
        closing = Promise.resolve();
      }
    },
    idle: () => Promise.all([analysis.idle(), closing]).then(() => undefined),
  };
}

import type { Channel, EventName, EventPayload, Output, ParsedInput } from '../../src-shared/contract';
import type { AnalysisQueue } from './analysis/queue';
import type { Library } from './library/db';

/** What every handler gets besides its validated input. */
export interface CallContext {
  readonly library: Library;
  readonly version: string;
  readonly transport: 'electron' | 'browser' | 'cli';
  /** The analysis queue of this library; absent where nothing runs in the background (a bare CLI run). */
  readonly analysis?: AnalysisQueue;
  /** Push an event to every connected UI. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: CallContext,
) => Output<C> | Promise<Output<C>>;

/** Handlers for one domain's slice of the contract, e.g. `HandlersFor<typeof libraryCalls>`. */
export type HandlersFor<T> = { [C in keyof T & Channel]: Handler<C> };
export type Handlers = HandlersFor<Record<Channel, unknown>>;

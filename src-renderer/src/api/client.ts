/** Typed calls and events over whichever transport this window has. */
import { useEffect, useRef } from 'react';
import type {
  Channel,
  EventName,
  EventPayload,
  Input,
  Output,
  WireError,
  WireProblem,
} from '../../../src-shared/contract';
import { transport } from './transport';

/**
 * The service starts a message about a field with the field's id ("heightCm: Height must be…") for
 * API and CLI users; the screen places it beside its box and shows the words only (clinic's words,
 * never field ids).
 */
function wordsOf(error: WireProblem): string {
  const prefix = error.field ? `${error.field}: ` : '';
  if (!prefix || !error.message.startsWith(prefix)) return error.message;
  const rest = error.message.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export class ApiError extends Error {
  readonly code: WireError['code'];
  readonly field?: string;
  /** Every problem in words (this error's own first), each with its field: a form marks them all. */
  readonly problems: readonly WireProblem[];
  constructor(error: WireError) {
    super(wordsOf(error));
    this.name = 'ApiError';
    this.code = error.code;
    this.field = error.field;
    this.problems = (error.problems ?? [error]).map((p) =>
      p.field ? { message: wordsOf(p), field: p.field } : { message: wordsOf(p) },
    );
  }
}

export async function api<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await transport.call(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.result as Output<C>;
}

/** Subscribe to one event for the lifetime of the component. */
export function useEvent<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(
    () =>
      transport.onEvent((message) => {
        if (message.event === name) ref.current(message.payload as EventPayload<E>);
      }),
    [name],
  );
}

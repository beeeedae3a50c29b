/**
 * Building blocks of the one contract between the UI and the services (house style 2, after Signal's
 * typed IPC): every call is a name, an input schema (validated where it arrives, in main) and a result
 * type; every event is a name and a payload schema. Transports are derived from these tables, never
 * written per call.
 */
import type { z } from 'zod';

export interface CallSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: carries the result type; never read at run time. */
  readonly output?: O;
}

export interface EventSpec<P extends z.ZodType> {
  readonly payload: P;
}

/** `call(InputSchema).returns<Result>()` */
export function call<I extends z.ZodType>(input: I): { returns<O>(): CallSpec<I, O> } {
  return { returns: <O>() => ({ input }) as CallSpec<I, O> };
}

export function event<P extends z.ZodType>(payload: P): EventSpec<P> {
  return { payload };
}

/** The error shape that crosses every boundary (HTTP, IPC, worker). */
export type ErrorCode =
  'invalid-input' | 'not-found' | 'conflict' | 'locked' | 'unsupported' | 'cancelled' | 'io' | 'internal';

export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  /** The input field at fault, dotted path (e.g. `heightCm`), when there is one. */
  readonly field?: string;
  /**
   * Every problem the input has, `message`/`field` being the first of them: a form marks each bad
   * box at once instead of one per save. Each message starts with its field, as `message` does.
   */
  readonly problems?: readonly WireProblem[];
}

/** One problem with an input: its words and the field at fault (absent for the input as a whole). */
export interface WireProblem {
  readonly message: string;
  readonly field?: string;
}

export type WireResult<T> =
  { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: WireError };

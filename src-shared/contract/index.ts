/**
 * The whole contract: every call and event of every domain. Transports (HTTP + SSE in browser mode,
 * ipcMain + preload in Electron) and the main-side dispatcher are derived from these two tables.
 * To add a domain: write src-shared/contract/<domain>.ts and add its tables here.
 */
import type { z } from 'zod';
import type { CallSpec, EventSpec } from './define';
import { libraryCalls, libraryEvents } from './library';
import { captureCalls, captureEvents } from './capture';
import { recordingsCalls, recordingsEvents } from './recordings';
import { reviewCalls, reviewEvents } from './review';
import { syncCalls, syncEvents } from './sync';
import { poseCalls, poseEvents } from './pose';
import { reportCalls, reportEvents } from './report';
import { gaitCalls, gaitEvents } from './gait';
import { analysisCalls, analysisEvents } from './analysis';
import { progressCalls, progressEvents } from './progress';
import { markersCalls, markersEvents } from './markers';

export const calls = {
  ...libraryCalls,
  ...captureCalls,
  ...recordingsCalls,
  ...reviewCalls,
  ...syncCalls,
  ...poseCalls,
  ...reportCalls,
  ...gaitCalls,
  ...analysisCalls,
  ...progressCalls,
  ...markersCalls,
} as const;

export const events = {
  ...libraryEvents,
  ...captureEvents,
  ...recordingsEvents,
  ...reviewEvents,
  ...syncEvents,
  ...poseEvents,
  ...reportEvents,
  ...gaitEvents,
  ...analysisEvents,
  ...progressEvents,
  ...markersEvents,
} as const;

export type Calls = typeof calls;
export type Events = typeof events;
export type Channel = keyof Calls;
export type EventName = keyof Events;

/** What the caller passes (defaults still optional). */
export type Input<C extends Channel> = Calls[C] extends CallSpec<infer I, unknown> ? z.input<I> : never;
/** What the handler receives after validation (defaults applied). */
export type ParsedInput<C extends Channel> =
  Calls[C] extends CallSpec<infer I, unknown> ? z.output<I> : never;
export type Output<C extends Channel> = Calls[C] extends CallSpec<z.ZodType, infer O> ? O : never;
export type EventPayload<E extends EventName> = Events[E] extends EventSpec<infer P> ? z.output<P> : never;

export const channelNames = Object.keys(calls) as Channel[];
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.hasOwn(calls, name);

/** An event as it travels over a push channel. */
export interface EventMessage<E extends EventName = EventName> {
  readonly event: E;
  readonly payload: EventPayload<E>;
}

export type { WireError, WireProblem, WireResult, ErrorCode } from './define';

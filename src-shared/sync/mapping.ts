/**
 * Using an alignment: a moment tB seconds into clip B is tA = timeScale × tB + offsetS seconds into
 * clip A (types.ts). What the review's locked players and the gait engine's rear-view analysis need.
 */
import type { ExternalEvent } from '../gait/types';

export interface ClipAlignment {
  readonly offsetS: number;
  readonly timeScale: number;
}

export const timeInA = (al: ClipAlignment, tB: number): number => al.timeScale * tB + al.offsetS;
export const timeInB = (al: ClipAlignment, tA: number): number => (tA - al.offsetS) / al.timeScale;

/** The same alignment seen from the other clip (B becomes A). */
export const invert = (al: ClipAlignment): ClipAlignment => ({
  offsetS: -al.offsetS / al.timeScale,
  timeScale: 1 / al.timeScale,
});

/**
 * Side-view events for the gait engine's rear-view analysis (`GaitInput.externalEvents`, where
 * t_rear = t_side + offsetS): the events are moved into the rear clip's own time here, so any clock
 * ratio is honoured too, and the offset passed on is 0.
 *   analyzeGait({ series: rear, view: 'rear', externalEvents: sideEventsForRear(side.events, sync, 'A') })
 * `sideIs` says which clip of the alignment is the side view.
 */
export function sideEventsForRear<E extends ExternalEvent>(
  events: readonly E[],
  al: ClipAlignment,
  sideIs: 'A' | 'B',
): { events: E[]; offsetS: 0 } {
  const toRear = sideIs === 'A' ? (t: number) => timeInB(al, t) : (t: number) => timeInA(al, t);
  return { events: events.map((e) => eventInRear(e, toRear)), offsetS: 0 };
}

/** One side-view event moved into the rear clip's time (`toRear`). Its template spread is a length
 *  of time, so it maps as one: a clock ratio scales it too. */
export function eventInRear<E extends ExternalEvent>(e: E, toRear: (tSide: number) => number): E {
  const t = toRear(e.t);
  if (e.templateSdS === undefined) return { ...e, t };
  return { ...e, t, templateSdS: Math.abs(toRear(e.t + e.templateSdS) - t) };
}

/**
 * The review's player offsets (`PlayerClock.offset`: session time at which the clip's time is 0),
 * with clip A as the session clock. Only a plain offset can be played locked: a clip at another clock
 * rate (slow motion) must be re-timed first, so this refuses a time scale other than 1.
 */
export function playerOffsets(al: ClipAlignment): [a: number, b: number] {
  if (Math.abs(al.timeScale - 1) > 1e-9)
    throw new Error(
      `The clips run at different clock rates (1 s of B = ${al.timeScale.toFixed(4)} s of A): locked playback needs a re-timed clip.`,
    );
  return [0, al.offsetS];
}

/**
 * Event navigation and loop ranges on the session clock: `[` `]` jump to the previous/next initial
 * contact, `L` loops the current stride (or step). Events arrive already placed on the session clock
 * (the gait engine gives frames of one clip; the caller converts them with `sessionTimeOfFrame`), so
 * the jump lands exactly on the start of the event frame and the player shows that frame.
 */
import type { Seconds } from '../units';
import type { LoopRange } from './playhead';

export type Foot = 'left' | 'right';
export type GaitEventKind = 'initial-contact' | 'midstance' | 'toe-off';

export interface TimedEvent {
  readonly foot: Foot;
  readonly kind: GaitEventKind;
  /** Session time of the event frame's start. */
  readonly t: Seconds;
}

/**
 * Half a millisecond: well under one frame at 1000 fps, well over the rounding of timestamps. "Next"
 * means later than the frame now shown, so pressing `]` on an event frame moves to the next one.
 */
const EPS = 5e-4;

/**
 * The next (dir 1) or previous (dir −1) event of `kind` relative to `from` (the start of the frame
 * shown), optionally for one foot; undefined when there is none.
 */
export function adjacentEvent(
  events: readonly TimedEvent[],
  from: number,
  dir: 1 | -1,
  kind: GaitEventKind = 'initial-contact',
  foot?: Foot,
): TimedEvent | undefined {
  let best: TimedEvent | undefined;
  for (const e of events) {
    if (e.kind !== kind || (foot && e.foot !== foot)) continue;
    if (dir === 1 ? e.t > from + EPS : e.t < from - EPS) {
      if (!best || (dir === 1 ? e.t < best.t : e.t > best.t)) best = e;
    }
  }
  return best;
}

/**
 * The step or stride around time t. A step runs from one initial contact to the next (either foot);
 * a stride from an initial contact to the next one of the same foot [Perry & Burnfield, Gait
 * Analysis, 2010: the gait cycle]. It starts at the last contact at or before t; before the first
 * contact it is the first complete one. Undefined when the events do not make a complete one.
 */
export function cycleAround(
  events: readonly TimedEvent[],
  t: number,
  kind: LoopRange['kind'],
): LoopRange | undefined {
  const contacts = events.filter((e) => e.kind === 'initial-contact').sort((a, b) => a.t - b.t);
  if (contacts.length < 2) return undefined;
  let i = -1;
  for (let j = 0; j < contacts.length; j++) if (contacts[j]!.t <= t + EPS) i = j;
  if (i < 0) i = 0;
  for (let start = i; start >= 0; start--) {
    const first = contacts[start]!;
    const end =
      kind === 'step' ? contacts[start + 1] : contacts.slice(start + 1).find((e) => e.foot === first.foot);
    if (end) return { start: first.t, end: end.t, kind };
    // Past the last complete cycle: loop the last one that is complete.
  }
  return undefined;
}

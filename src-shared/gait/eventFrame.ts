/**
 * Event timing helpers shared by the event stage (events.ts, eventsTemplate.ts) and the engine
 * (analyze.ts maps external events with makeEvent): an event's time from its sub-frame position,
 * and the frame it is shown and read at.
 */
import type { EventKind, GaitEvent, Side, Timeline } from './types';

function timeAt(tl: Timeline, f: number): number {
  const i = Math.floor(f);
  const a = tl.t[Math.max(0, Math.min(tl.t.length - 1, i))] as number;
  const b = tl.t[Math.max(0, Math.min(tl.t.length - 1, i + 1))] as number;
  return a + (b - a) * (f - i);
}

/**
 * The frame an event is shown and read at. Contact is a state that holds on whole frames, as a
 * PT stepping through the video sees it: initial contact is the first frame at or after the
 * contact instant (the first frame with the foot on the belt), toe-off the last frame at or before
 * the lift-off instant (the last frame with the toe still on it), the conventions of the hand
 * labels (docs/gait-methods.md, "Event frames"). Rounding to the nearest frame instead puts half
 * of all contacts one frame before the foot lands and half of all toe-offs one frame after it
 * left. Midstance and late swing are instants: the nearest frame.
 */
export function eventFrame(kind: EventKind, atF: number): number {
  // A thousandth of a frame of slack: an instant computed as 12.0000001 is frame 12's.
  if (kind === 'initial-contact') return Math.ceil(atF - 1e-3);
  if (kind === 'toe-off') return Math.floor(atF + 1e-3);
  return Math.round(atF);
}

export function makeEvent(
  tl: Timeline,
  kind: EventKind,
  side: Side,
  atF: number,
  confidence: number,
  source: GaitEvent['source'] = 'detected',
): GaitEvent {
  const clamped = Math.max(0, Math.min(tl.t.length - 1, atF));
  return {
    kind,
    side,
    at: eventFrame(kind, clamped),
    atF: clamped,
    t: timeAt(tl, clamped),
    confidence: Math.max(0, Math.min(1, confidence)),
    source,
  };
}

/**
 * The PT's corrections of gait events (issue 20 item 3): move an initial contact or toe-off to
 * another frame, delete one the detector invented, add one it missed. Edits are kept beside the
 * detected events (never in place of them) and applied, in order, after detection and before the
 * per-step variables, so every value follows at once and the detected events stay recoverable.
 *
 * Frames are the clip's own frame numbers (what the PT steps through and what hand labels use,
 * docs/gait-methods.md "event frame convention"): an edited event sits exactly on its frame (no
 * sub-frame refinement: the PT chose that frame).
 */
import type { SequenceProblem } from './event-sequence';
import type { GaitFlag } from './schema';
import type { EventKind, GaitEvent, Side, Timeline } from './types';

/** Only the events a PT sees on video and corrects; midstance and late swing follow from them. */
export type EditableEventKind = Extract<EventKind, 'initial-contact' | 'toe-off'>;

export type EventEdit =
  | {
      readonly op: 'move';
      readonly kind: EditableEventKind;
      readonly side: Side;
      readonly from: number;
      readonly to: number;
    }
  | { readonly op: 'delete'; readonly kind: EditableEventKind; readonly side: Side; readonly frame: number }
  | { readonly op: 'add'; readonly kind: EditableEventKind; readonly side: Side; readonly frame: number };

/**
 * How far (frames) a move or a delete may be from the event it names and still apply to it: the
 * detection may shift by a frame or two after a landmark correction, and the edit must follow its
 * event rather than silently stop applying.
 */
export const EDIT_REACH_FRAMES = 3;

export interface EditedEvents {
  readonly events: GaitEvent[];
  /** Edits that named no event any more (e.g. the trim moved past it), in order. */
  readonly stale: readonly EventEdit[];
  /** How many events a PT edit placed, moved or removed. */
  readonly applied: number;
}

function indexOfFrame(tl: Timeline, frame: number): number {
  for (let i = 0; i < tl.frame.length; i++) if (tl.frame[i] === frame) return i;
  return -1;
}

function placed(tl: Timeline, kind: EditableEventKind, side: Side, at: number): GaitEvent {
  return { kind, side, at, atF: at, t: tl.t[at] as number, confidence: 1, source: 'corrected' };
}

/** The nearest event of that kind and side within reach of `frame`, as an index into `events`. */
function nearest(
  events: readonly GaitEvent[],
  tl: Timeline,
  kind: EventKind,
  side: Side,
  frame: number,
): number {
  let best = -1;
  let bestD = Infinity;
  events.forEach((e, i) => {
    if (e.kind !== kind || e.side !== side) return;
    const d = Math.abs((tl.frame[e.at] ?? e.at) - frame);
    if (d <= EDIT_REACH_FRAMES && d < bestD) {
      best = i;
      bestD = d;
    }
  });
  return best;
}

/** Apply the edits in order to the detected (or external) events. Pure. */
export function applyEventEdits(
  detected: readonly GaitEvent[],
  edits: readonly EventEdit[],
  tl: Timeline,
): EditedEvents {
  const events = [...detected];
  const stale: EventEdit[] = [];
  let applied = 0;
  for (const e of edits) {
    if (e.op === 'add') {
      const at = indexOfFrame(tl, e.frame);
      if (at < 0) {
        stale.push(e);
        continue;
      }
      // Adding where the same event already is would count one contact twice: it becomes a move.
      const dup = nearest(events, tl, e.kind, e.side, e.frame);
      if (dup >= 0 && Math.abs((tl.frame[events[dup]!.at] ?? 0) - e.frame) <= 1) events.splice(dup, 1);
      events.push(placed(tl, e.kind, e.side, at));
      applied++;
      continue;
    }
    const i = nearest(events, tl, e.kind, e.side, e.op === 'move' ? e.from : e.frame);
    if (i < 0) {
      stale.push(e);
      continue;
    }
    if (e.op === 'delete') {
      events.splice(i, 1);
      applied++;
      continue;
    }
    const at = indexOfFrame(tl, e.to);
    if (at < 0) {
      stale.push(e);
      continue;
    }
    events[i] = placed(tl, e.kind, e.side, at);
    applied++;
  }
  events.sort((a, b) => a.atF - b.atF);
  return { events, stale, applied };
}

/** What the report and the review say about corrected events. */
export function eventEditFlags(edited: EditedEvents): GaitFlag[] {
  const out: GaitFlag[] = [];
  if (edited.applied > 0)
    out.push({
      code: 'events-corrected',
      severity: 'info',
      message: `${edited.applied} gait event${edited.applied === 1 ? ' was' : 's were'} corrected by hand; the values use the corrected events.`,
      values: { corrected: edited.applied },
    });
  if (edited.stale.length > 0)
    out.push({
      code: 'events-corrected',
      severity: 'warning',
      message: `${edited.stale.length} event correction${edited.stale.length === 1 ? '' : 's'} no longer match${edited.stale.length === 1 ? 'es' : ''} an event (the clip's trim or landmarks changed): check the events in Review.`,
      values: { stale: edited.stale.length },
    });
  return out;
}

/**
 * One warning per impossible sequence a hand edit made (event-sequence.ts), on the event it is
 * about (`values.frame`), so Review shows it beside that event and in its quality list.
 */
export function sequenceFlags(problems: readonly SequenceProblem[]): GaitFlag[] {
  return problems.map((p) => ({
    code: 'events-corrected',
    severity: 'warning',
    message: p.message,
    side: p.at.side,
    values: { frame: p.at.frame },
  }));
}

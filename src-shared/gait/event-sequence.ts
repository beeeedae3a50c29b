/**
 * Impossible event sequences made by hand (issue 20 item 3). The PT's corrections are accepted as
 * made (the PT may know better), but a correction that leaves the contacts and toe-offs in an order
 * a running stride cannot have is named at once, in the PT's words, and the steps it touches are
 * kept out of the averages (steps.ts marks them not clean).
 *
 * A running stride is contact → toe-off of one foot, and the other foot's contact after that
 * toe-off where the runner has a flight phase (docs/gait-methods.md). The rules, against the clip's
 * own median stride (contact to contact of one foot, both feet pooled):
 * - two contacts of one foot closer than half a stride;
 * - a toe-off with no contact of its foot since that foot's previous toe-off (it came before its
 *   contact);
 * - a contact of one foot while the other foot is in stance (after its contact, before its toe-off)
 *   where most of the clip's contacts fall after the other foot's toe-off (a flight phase);
 * - a stance (contact to its toe-off) longer than a stride.
 * Only a sequence that involves an event placed or moved by hand is reported: the detector's own
 * events are judged by steps.ts's plausibility rule.
 */
import { median } from '../stats';
import { other, type EventKind, type Side } from './types';

export interface SequenceEvent {
  readonly kind: EventKind;
  readonly side: Side;
  /** The clip's frame number (what the PT steps through). */
  readonly frame: number;
  /** Placed or moved by the PT. */
  readonly corrected: boolean;
}

export type SequenceRule =
  'contacts-too-close' | 'toe-off-before-contact' | 'contact-in-other-stance' | 'stance-longer-than-stride';

export interface SequenceProblem<E extends SequenceEvent = SequenceEvent> {
  readonly rule: SequenceRule;
  /** The event the message is about (the hand-placed one where there is one). */
  readonly at: E;
  /** Every event the impossible sequence is made of: the steps they belong to are not clean. */
  readonly involved: readonly E[];
  readonly message: string;
}

const CONTACT = 'initial-contact';
const TOE_OFF = 'toe-off';

/** Median contact-to-contact interval of one foot, both feet pooled (frames); NaN with too few. */
export function medianStrideFrames(events: readonly SequenceEvent[]): number {
  const gaps: number[] = [];
  for (const side of ['left', 'right'] as const) {
    const ics = events.filter((e) => e.kind === CONTACT && e.side === side).map((e) => e.frame);
    ics.sort((a, b) => a - b);
    for (let i = 1; i < ics.length; i++) gaps.push((ics[i] as number) - (ics[i - 1] as number));
  }
  return median(gaps);
}

/** The hand-placed event of the sequence, else its last. */
function focus<E extends SequenceEvent>(involved: readonly E[]): E {
  return [...involved].reverse().find((e) => e.corrected) ?? (involved[involved.length - 1] as E);
}

/** Every impossible sequence that a hand-placed event takes part in, in frame order. Pure. */
export function eventSequenceProblems<E extends SequenceEvent>(events: readonly E[]): SequenceProblem<E>[] {
  const sorted = events
    .filter((e) => e.kind === CONTACT || e.kind === TOE_OFF)
    .sort((a, b) => a.frame - b.frame);
  const stride = medianStrideFrames(sorted);
  const about = Number.isFinite(stride) ? Math.round(stride) : NaN;
  const out: SequenceProblem<E>[] = [];
  const push = (rule: SequenceRule, involved: E[], message: (at: E) => string): void => {
    if (!involved.some((e) => e.corrected)) return;
    const at = focus(involved);
    out.push({ rule, at, involved, message: message(at) });
  };
  const stanceOf = (ic: E): E | undefined => {
    const next = sorted.find((e) => e.side === ic.side && e.frame > ic.frame && e.kind === CONTACT);
    return sorted.find(
      (e) =>
        e.side === ic.side && e.kind === TOE_OFF && e.frame > ic.frame && (!next || e.frame < next.frame),
    );
  };

  for (const side of ['left', 'right'] as const) {
    const own = sorted.filter((e) => e.side === side);
    own.forEach((e, i) => {
      const prev = own[i - 1];
      if (!prev || prev.kind !== e.kind) return;
      if (e.kind === TOE_OFF)
        push('toe-off-before-contact', [prev, e], (at) =>
          at === e
            ? `This ${side} toe-off on frame ${e.frame} has no ${side} contact since the toe-off on frame ${prev.frame}: it comes before its contact. Check it, or add the contact.`
            : `This ${side} toe-off on frame ${prev.frame} is followed by another on frame ${e.frame} with no contact between: check them, or delete one.`,
        );
    });
    const ics = own.filter((e) => e.kind === CONTACT);
    ics.forEach((e, i) => {
      const prev = ics[i - 1];
      if (prev && Number.isFinite(stride) && e.frame - prev.frame < stride / 2) {
        const gap = e.frame - prev.frame;
        push('contacts-too-close', [prev, e], (at) =>
          at === e
            ? `This ${side} contact is ${gap} frame${gap === 1 ? '' : 's'} after the previous one; the runner's stride is about ${about} frames: check it, or delete one.`
            : `This ${side} contact is ${gap} frame${gap === 1 ? '' : 's'} before the next one; the runner's stride is about ${about} frames: check it, or delete one.`,
        );
      }
      const to = stanceOf(e);
      if (to && Number.isFinite(stride) && to.frame - e.frame > stride) {
        const len = to.frame - e.frame;
        push(
          'stance-longer-than-stride',
          [e, to],
          () =>
            `This ${side} stance lasts ${len} frames (contact ${e.frame} to toe-off ${to.frame}), longer than the runner's whole stride of about ${about} frames: check both.`,
        );
      }
    });
  }

  // A contact during the other foot's stance: impossible only for a runner with a flight phase.
  const inOtherStance: Array<{ ic: E; oic: E; oto: E }> = [];
  let judged = 0;
  for (const ic of sorted) {
    if (ic.kind !== CONTACT) continue;
    const oic = [...sorted]
      .reverse()
      .find((e) => e.kind === CONTACT && e.side === other(ic.side) && e.frame < ic.frame);
    const oto = oic && stanceOf(oic);
    if (!oic || !oto) continue;
    judged++;
    if (oto.frame > ic.frame) inOtherStance.push({ ic, oic, oto });
  }
  const flight = judged > 0 && inOtherStance.length < judged / 2;
  if (flight)
    for (const { ic, oic, oto } of inOtherStance)
      push(
        'contact-in-other-stance',
        [oic, ic, oto],
        () =>
          `This ${ic.side} contact on frame ${ic.frame} is while the ${oic.side} foot is still on the ground (contact ${oic.frame}, toe-off ${oto.frame}); this runner has a flight phase between steps: check it.`,
      );

  return out.sort((a, b) => a.at.frame - b.at.frame);
}

import { describe, expect, it } from 'vitest';
import { eventSequenceProblems, medianStrideFrames, type SequenceEvent } from './event-sequence';
import type { Side } from './types';

/**
 * A steady runner on generated frames: stride 21 frames, left contact every 21 from 0, right
 * contact 10 frames after the left, each stance `stance` frames (7: a flight phase; 13: walking,
 * the feet overlap). Known answers follow from the layout.
 */
function runner(strides = 10, stance = 7): SequenceEvent[] {
  const out: SequenceEvent[] = [];
  for (let k = 0; k < strides; k++)
    for (const [side, off] of [
      ['left', 0],
      ['right', 10],
    ] as const) {
      out.push({ kind: 'initial-contact', side, frame: 21 * k + off, corrected: false });
      out.push({ kind: 'toe-off', side, frame: 21 * k + off + stance, corrected: false });
    }
  return out;
}
const hand = (kind: SequenceEvent['kind'], side: Side, frame: number): SequenceEvent => ({
  kind,
  side,
  frame,
  corrected: true,
});
const without = (evs: SequenceEvent[], kind: SequenceEvent['kind'], side: Side, frame: number) =>
  evs.filter((e) => !(e.kind === kind && e.side === side && e.frame === frame));

describe('eventSequenceProblems', () => {
  it('finds nothing in a possible sequence, hand-placed events included', () => {
    expect(medianStrideFrames(runner())).toBe(21);
    const moved = [...without(runner(), 'initial-contact', 'left', 42), hand('initial-contact', 'left', 43)];
    expect(eventSequenceProblems(moved)).toEqual([]);
  });

  it('a left contact added 10 frames after another: named in the PT’s words, both contacts involved', () => {
    const evs = [...runner(), hand('initial-contact', 'left', 52)];
    const p = eventSequenceProblems(evs);
    expect(p.map((x) => x.rule)).toEqual(['contacts-too-close']);
    expect(p[0]!.message).toBe(
      "This left contact is 10 frames after the previous one; the runner's stride is about 21 frames: check it, or delete one.",
    );
    expect(p[0]!.at.frame).toBe(52);
    expect(p[0]!.involved.map((e) => e.frame)).toEqual([42, 52]);
  });

  it('says nothing of the detector’s own events (steps.ts judges those)', () => {
    const evs = [
      ...runner(),
      { kind: 'initial-contact' as const, side: 'left' as const, frame: 52, corrected: false },
    ];
    expect(eventSequenceProblems(evs)).toEqual([]);
  });

  it('a toe-off moved before its contact', () => {
    const evs = [...without(runner(), 'toe-off', 'left', 49), hand('toe-off', 'left', 40)];
    const p = eventSequenceProblems(evs);
    expect(p.map((x) => x.rule)).toEqual(['toe-off-before-contact']);
    expect(p[0]!.message).toMatch(
      /^This left toe-off on frame 40 has no left contact since the toe-off on frame 28/,
    );
  });

  it('a contact during the other foot’s stance, only where the runner has a flight phase', () => {
    // Right contact 31 moved into the left stance 42–49 (and the next right contact removed, so the
    // contacts stay a stride apart): impossible for this runner, who is airborne between steps.
    const move = (stance: number): SequenceEvent[] => [
      ...without(without(runner(10, stance), 'initial-contact', 'right', 31), 'initial-contact', 'right', 52),
      hand('initial-contact', 'right', 44),
    ];
    const p = eventSequenceProblems(move(7));
    expect(p.map((x) => x.rule)).toEqual(['contact-in-other-stance']);
    expect(p[0]!.message).toBe(
      'This right contact on frame 44 is while the left foot is still on the ground (contact 42, toe-off 49); this runner has a flight phase between steps: check it.',
    );
    // Walking (stance 13 of 21: the feet overlap on every step): the same contact is possible.
    expect(eventSequenceProblems(move(13)).map((x) => x.rule)).not.toContain('contact-in-other-stance');
  });

  it('a stance longer than a stride', () => {
    // Left toe-off 49 moved to 66 with the left contact 63 (and its toe-off 70) deleted: a 24-frame
    // stance, which also holds the right contact 52 inside it.
    const evs = [
      ...without(
        without(without(runner(), 'toe-off', 'left', 49), 'initial-contact', 'left', 63),
        'toe-off',
        'left',
        70,
      ),
      hand('toe-off', 'left', 66),
    ];
    const p = eventSequenceProblems(evs);
    expect(p.map((x) => x.rule)).toEqual(['stance-longer-than-stride', 'contact-in-other-stance']);
    expect(p[0]!.message).toBe(
      "This left stance lasts 24 frames (contact 42 to toe-off 66), longer than the runner's whole stride of about 21 frames: check both.",
    );
  });
});

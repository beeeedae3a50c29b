import { describe, expect, it } from 'vitest';
import { applyEventEdits } from '../gait/event-edits';
import type { GaitEvent, Timeline } from '../gait/types';
import { deleteEventsAt, markEventHere } from './event-marks';
import type { FrameEvent } from './analyse';

const events: FrameEvent[] = [
  { foot: 'left', kind: 'initial-contact', frame: 20 },
  { foot: 'left', kind: 'toe-off', frame: 27 },
  { foot: 'right', kind: 'initial-contact', frame: 31 },
  { foot: 'left', kind: 'midstance', frame: 24 },
];

describe('event marks (mark here → move or add)', () => {
  it('moves the same event of that foot when it is within 3 frames, the nearest one', () => {
    const r = markEventHere([], events, 'initial-contact', 'left', 22);
    expect(r.edits).toEqual([{ op: 'move', kind: 'initial-contact', side: 'left', from: 20, to: 22 }]);
    expect(r.said).toBe('Left initial contact moved from frame 20 to 22.');
    const back = markEventHere([], events, 'initial-contact', 'left', 17);
    expect(back.edits[0]).toMatchObject({ op: 'move', from: 20, to: 17 });
  });

  it('adds when the nearest one is 4 frames away, or is of the other foot or kind', () => {
    expect(markEventHere([], events, 'initial-contact', 'left', 24).edits).toEqual([
      { op: 'add', kind: 'initial-contact', side: 'left', frame: 24 },
    ]);
    // The right contact on 31 does not count for the left foot; the left toe-off on 27 not for contacts.
    expect(markEventHere([], events, 'initial-contact', 'left', 30).edits[0]!.op).toBe('add');
    expect(markEventHere([], events, 'toe-off', 'right', 30).edits[0]!.op).toBe('add');
  });

  it('appends to the earlier edits and does nothing when the event is already on that frame', () => {
    const earlier = [{ op: 'add', kind: 'toe-off', side: 'right', frame: 40 } as const];
    const r = markEventHere(earlier, events, 'toe-off', 'left', 26);
    expect(r.edits).toHaveLength(2);
    expect(r.edits[0]).toBe(earlier[0]);
    const same = markEventHere(earlier, events, 'toe-off', 'left', 27);
    expect(same.changed).toBe(false);
    expect(same.edits).toBe(earlier);
  });

  it('deletes the contacts and toe-offs on the frame, never a midstance; says when there is none', () => {
    expect(deleteEventsAt([], events, 31).edits).toEqual([
      { op: 'delete', kind: 'initial-contact', side: 'right', frame: 31 },
    ]);
    const none = deleteEventsAt([], events, 24);
    expect(none.changed).toBe(false);
    expect(none.said).toMatch(/No initial contact or toe-off on frame 24/);
  });

  it('what it writes, the gait engine applies: the event lands on the frame on screen', () => {
    // A timeline of 60 frames at 30 fps and the detected left contact on 20.
    const tl: Timeline = {
      frame: Int32Array.from({ length: 60 }, (_, i) => i),
      t: Float64Array.from({ length: 60 }, (_, i) => i / 30),
      fps: 30,
    };
    const detected: GaitEvent[] = [
      {
        kind: 'initial-contact',
        side: 'left',
        at: 20,
        atF: 20,
        t: 20 / 30,
        confidence: 0.9,
        source: 'detected',
      },
    ];
    const moved = markEventHere([], events, 'initial-contact', 'left', 22).edits;
    const added = markEventHere(moved, events, 'toe-off', 'right', 45).edits;
    const out = applyEventEdits(detected, added, tl).events;
    expect(out.map((e) => [e.kind, e.side, e.at, e.source])).toEqual(
      expect.arrayContaining([
        ['initial-contact', 'left', 22, 'corrected'],
        ['toe-off', 'right', 45, 'corrected'],
      ]),
    );
    expect(out.some((e) => e.at === 20)).toBe(false);
  });
});

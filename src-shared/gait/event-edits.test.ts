/** The PT's event corrections on a synthetic runner with known events: move, delete, add, stale. */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from './analyze';
import type { EventEdit } from './event-edits';
import { generateRunner } from './synthetic';

const clip = generateRunner({ view: 'side', fps: 60, noisePx: 0.5, durationS: 6 });
const base = analyzeGait({ series: clip.series, view: 'side' });
const ics = (r: typeof base, side: 'left' | 'right') =>
  r.events.filter((e) => e.kind === 'initial-contact' && e.side === side);
const kneeAtIc = (r: typeof base) => r.variables.find((v) => v.id === 'knee-flexion-ic')!;

describe('event corrections', () => {
  it('moves an initial contact: the event sits on the chosen frame and its step value follows', () => {
    const ic = ics(base, 'left')[2]!;
    const edits: EventEdit[] = [
      { op: 'move', kind: 'initial-contact', side: 'left', from: ic.frame, to: ic.frame + 6 },
    ];
    const r = analyzeGait({ series: clip.series, view: 'side', eventEdits: edits });
    const moved = ics(r, 'left')[2]!;
    expect(moved.frame).toBe(ic.frame + 6);
    expect(moved.source).toBe('corrected');
    expect(ics(r, 'left')).toHaveLength(ics(base, 'left').length);
    // Knee flexion at that contact is read 6 frames (0.1 s) later: the runner's knee has flexed.
    const before = kneeAtIc(base).left.values.find((v) => v.frame === ic.frame)!.value;
    const after = kneeAtIc(r).left.values.find((v) => v.frame === ic.frame + 6)!.value;
    expect(after).toBeGreaterThan(before + 3);
    expect(r.flags.find((f) => f.code === 'events-corrected')?.message).toMatch(/1 gait event was corrected/);
  });

  it('deletes an invented event and adds a missed one; an edit far from any event is stale and said', () => {
    const ic = ics(base, 'right')[1]!;
    const del = analyzeGait({
      series: clip.series,
      view: 'side',
      eventEdits: [{ op: 'delete', kind: 'initial-contact', side: 'right', frame: ic.frame + 1 }],
    });
    expect(ics(del, 'right')).toHaveLength(ics(base, 'right').length - 1);
    expect(ics(del, 'right').some((e) => e.frame === ic.frame)).toBe(false);

    const add = analyzeGait({
      series: clip.series,
      view: 'side',
      eventEdits: [
        { op: 'delete', kind: 'initial-contact', side: 'right', frame: ic.frame },
        { op: 'add', kind: 'initial-contact', side: 'right', frame: ic.frame },
      ],
    });
    expect(ics(add, 'right').map((e) => e.frame)).toEqual(ics(base, 'right').map((e) => e.frame));

    const stale = analyzeGait({
      series: clip.series,
      view: 'side',
      eventEdits: [{ op: 'delete', kind: 'toe-off', side: 'left', frame: 100_000 }],
    });
    expect(stale.events.filter((e) => e.kind !== 'midstance' && e.kind !== 'late-swing')).toHaveLength(
      base.events.filter((e) => e.kind !== 'midstance' && e.kind !== 'late-swing').length,
    );
    expect(stale.flags.some((f) => f.code === 'events-corrected' && f.severity === 'warning')).toBe(true);
  });

  it('adding an event where the same one already is does not count that contact twice', () => {
    const ic = ics(base, 'left')[1]!;
    const r = analyzeGait({
      series: clip.series,
      view: 'side',
      eventEdits: [{ op: 'add', kind: 'initial-contact', side: 'left', frame: ic.frame + 1 }],
    });
    expect(ics(r, 'left')).toHaveLength(ics(base, 'left').length);
  });

  it('a contact added 12 frames after another stands, is named beside it, and its steps leave the averages', () => {
    const ic = ics(base, 'left')[2]!;
    const r = analyzeGait({
      series: clip.series,
      view: 'side',
      eventEdits: [{ op: 'add', kind: 'initial-contact', side: 'left', frame: ic.frame + 12 }],
    });
    expect(ics(r, 'left')).toHaveLength(ics(base, 'left').length + 1);
    const said = r.flags.filter((f) => f.code === 'events-corrected' && f.severity === 'warning');
    expect(said).toHaveLength(1);
    expect(said[0]!.values).toEqual({ frame: ic.frame + 12 });
    expect(said[0]!.message).toMatch(
      /^This left contact is 12 frames after the previous one; the runner's stride is about 4\d frames: check it, or delete one\.$/,
    );
    // The steps of both contacts of the pair are not clean (either may be the wrong one); the rest,
    // the step before them included, are as before.
    const clean = (x: typeof base) => new Map(kneeAtIc(x).left.values.map((v) => [v.frame, v.clean]));
    const was = clean(base);
    const now = clean(r);
    expect(now.get(ic.frame)).toBe(false);
    expect(now.get(ic.frame + 12)).toBe(false);
    expect([...was.values()].every(Boolean)).toBe(true);
    for (const [frame, c] of was) if (frame !== ic.frame) expect(now.get(frame), `frame ${frame}`).toBe(c);
  });
});

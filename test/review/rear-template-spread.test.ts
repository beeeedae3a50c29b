/**
 * A rear clip driven by the side clip's events takes the side clip's template spread (issue 20
 * item 4): it crosses in seconds and becomes the rear clip's frames, so eventTimingFrames times a
 * value read in the rear clip as it times one read in the side clip (docs/uncertainty.md §8).
 * Known answers on generated clips: a side contact spread of 1.5 frames at 60 fps is 25 ms, 0.75
 * frame of a 30 fps rear clip.
 */
import { describe, expect, it } from 'vitest';
import type { GaitAnalysis } from '../../src-shared/gait';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { analyseClip, eventsForRear, WHOLE_CLIP } from '../../src-shared/review/analyse';
import { markerEvents } from '../../src-shared/review/marker-variables';
import { sideEventsForRear } from '../../src-shared/sync/mapping';

const run = { durationS: 8, left: { pelvicDropDeg: 6 } };
const side = analyseClip(generateRunner({ ...run, view: 'side', fps: 60 }).series, [], {
  view: 'side',
  trim: WHOLE_CLIP,
}).gait!;
const rearSeries = generateRunner({ ...run, view: 'rear', fps: 30 }).series;

/** The side analysis with its left contacts' template read to ±1.5 frames and no spread elsewhere. */
const ambiguous: GaitAnalysis = {
  ...side,
  events: side.events.map(({ templateSd: _, ...e }) =>
    e.kind === 'initial-contact' && e.side === 'left' ? { ...e, templateSd: 1.5 } : e,
  ),
};
const plain: GaitAnalysis = { ...side, events: side.events.map(({ templateSd: _, ...e }) => e) };

const rearFrom = (s: GaitAnalysis): GaitAnalysis =>
  analyseClip(
    rearSeries,
    [],
    { view: 'rear', trim: WHOLE_CLIP },
    eventsForRear(s, (t) => t),
  ).gait!;
const contactSys = (a: GaitAnalysis, foot: 'left' | 'right'): number =>
  a.variables.find((v) => v.id === 'contact-time')![foot].uncertainty!.systematic;

describe('a rear clip driven by the side clip’s events', () => {
  it('carries the side template spread in seconds, and absent stays absent', () => {
    const ext = eventsForRear(ambiguous, (t) => t).events;
    const leftIcs = ext.filter((e) => e.kind === 'initial-contact' && e.side === 'left');
    expect(leftIcs.length).toBeGreaterThan(5);
    for (const e of leftIcs) expect(e.templateSdS).toBeCloseTo(1.5 / 60, 12);
    const rest = ext.filter((e) => !(e.kind === 'initial-contact' && e.side === 'left'));
    expect(rest.length).toBeGreaterThan(10);
    for (const e of rest) expect(e).not.toHaveProperty('templateSdS');
  });

  it('a clock ratio scales the spread as it scales time', () => {
    const ext = eventsForRear(ambiguous, (t) => t).events;
    // Clip A (rear) runs at half the clock rate of B (side): 1 s of B is 0.5 s of A.
    const moved = sideEventsForRear(ext, { offsetS: 0.1, timeScale: 0.5 }, 'B').events;
    const ic = moved.find((e) => e.kind === 'initial-contact' && e.side === 'left')!;
    expect(ic.templateSdS).toBeCloseTo(0.5 * (1.5 / 60), 12);
  });

  it('arrives as 0.75 frame of the 30 fps rear clip and widens contact time by the rule', () => {
    const rear = rearFrom(ambiguous);
    const ics = rear.events.filter((e) => e.kind === 'initial-contact' && e.side === 'left');
    expect(ics.length).toBeGreaterThan(5);
    for (const e of ics) expect(e.templateSd).toBeCloseTo(0.75, 9);
    for (const e of rear.events.filter((x) => !(x.kind === 'initial-contact' && x.side === 'left')))
      expect(e).not.toHaveProperty('templateSd');
    // The rear marker rows (rearfoot eversion at contact) read the stored events: the same spread.
    const marked = markerEvents(rear.events).filter((e) => e.kind === 'initial-contact' && e.side === 'left');
    for (const e of marked) expect(e.templateSd).toBeCloseTo(0.75, 9);
    // Contact time's systematic part: √(sys_IC² + sys_TO²) of the rear clip's frame, sys =
    // max(0.5, spread): left √(0.75² + 0.5²)/30 s; right, and either foot without the spread, √2 · 0.5/30.
    const dt = 1 / 30;
    expect(Math.abs(contactSys(rear, 'left') - Math.hypot(0.75, 0.5) * dt)).toBeLessThan(5e-6);
    expect(Math.abs(contactSys(rear, 'right') - Math.SQRT2 * 0.5 * dt)).toBeLessThan(5e-6);
    const before = rearFrom(plain);
    for (const foot of ['left', 'right'] as const)
      expect(Math.abs(contactSys(before, foot) - Math.SQRT2 * 0.5 * dt)).toBeLessThan(5e-6);
    const iv = (a: GaitAnalysis): number => {
      const [lo, hi] = a.variables.find((v) => v.id === 'contact-time')!.left.uncertainty!.interval;
      return hi - lo;
    };
    expect(iv(rear)).toBeGreaterThan(iv(before));
  });

  it('leaves the warning to the side clip: the rear clip raises none of its own', () => {
    const spread: GaitAnalysis = {
      ...ambiguous,
      events: ambiguous.events.map((e) => (e.templateSd ? { ...e, templateSd: 3 } : e)),
    };
    const rear = rearFrom(spread);
    // 3 frames at 60 fps is 1.5 frames here, over the flag's frame: still no rear warning.
    expect(rear.events.find((e) => e.templateSd)?.templateSd).toBeCloseTo(1.5, 9);
    expect(rear.flags.map((f) => f.code)).not.toContain('event-timing-uncertain');
    expect(rear.flags.find((f) => f.code === 'external-events')?.message).toMatch(/cannot be timed/);
  });
});

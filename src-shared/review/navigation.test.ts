import { describe, expect, it } from 'vitest';
import { seconds } from '../units';
import { adjacentEvent, cycleAround, type TimedEvent } from './navigation';

// Running at ~170 steps/min: a contact every ~0.35 s, alternating feet, toe-offs between.
const events: TimedEvent[] = [];
for (let k = 0; k < 8; k++) {
  const foot = k % 2 === 0 ? 'left' : 'right';
  events.push({ foot, kind: 'initial-contact', t: seconds(0.2 + k * 0.35) });
  events.push({ foot, kind: 'toe-off', t: seconds(0.2 + k * 0.35 + 0.22) });
}

describe('event navigation', () => {
  it('finds the next and previous initial contact, strictly past the frame shown', () => {
    expect(adjacentEvent(events, 0, 1)?.t).toBeCloseTo(0.2, 9);
    expect(adjacentEvent(events, 0.2, 1)?.t).toBeCloseTo(0.55, 9);
    expect(adjacentEvent(events, 0.55, -1)?.t).toBeCloseTo(0.2, 9);
    expect(adjacentEvent(events, 0.2, -1)).toBeUndefined();
    expect(adjacentEvent(events, 10, 1)).toBeUndefined();
  });
  it('filters by foot and kind', () => {
    expect(adjacentEvent(events, 0.2, 1, 'initial-contact', 'left')?.t).toBeCloseTo(0.9, 9);
    expect(adjacentEvent(events, 0.2, 1, 'toe-off')?.t).toBeCloseTo(0.42, 9);
  });
});

describe('loop ranges', () => {
  it('loops the stride (same foot) or the step around the time', () => {
    expect(cycleAround(events, 0.6, 'step')).toMatchObject({
      start: 0.55,
      end: expect.closeTo(0.9, 9) as number,
    });
    expect(cycleAround(events, 0.6, 'stride')).toMatchObject({
      start: 0.55,
      end: expect.closeTo(1.25, 9) as number,
    });
  });
  it('before the first contact loops the first cycle; after the last complete one, the last', () => {
    expect(cycleAround(events, 0, 'stride')?.start).toBeCloseTo(0.2, 9);
    const last = cycleAround(events, 10, 'stride');
    expect(last?.start).toBeCloseTo(0.2 + 5 * 0.35, 9);
    expect(last?.end).toBeCloseTo(0.2 + 7 * 0.35, 9);
  });
  it('is undefined without two contacts', () => {
    expect(cycleAround(events.slice(0, 2), 0.3, 'step')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { seconds } from '../units';
import {
  checkpoints,
  chooseSteadyWindow,
  enoughStrides,
  EXTEND_S,
  MIN_STRIDES_PER_SIDE,
  regularStrides,
  WINDOW_S,
  type ContactEvent,
} from './steady-window';

const span = (a: number, b: number) => ({ startS: seconds(a), endS: seconds(b) });

/** Initial contacts of a runner at `cadence` steps/min from t0 to t1, alternating feet. */
function contacts(t0: number, t1: number, cadence: number): ContactEvent[] {
  const step = 60 / cadence;
  const out: ContactEvent[] = [];
  for (let t = t0, i = 0; t < t1; t += step, i++)
    out.push({ kind: 'initial-contact', side: i % 2 ? 'right' : 'left', t });
  return out;
}

describe('chooseSteadyWindow', () => {
  it('centres the window in a two-minute take, away from the speed-up and the stop', () => {
    const w = chooseSteadyWindow(span(0, 120))!;
    expect(w.endS - w.startS).toBeCloseTo(WINDOW_S, 9);
    expect((w.startS + w.endS) / 2).toBeCloseTo(60, 9);
  });

  it("centres it in the PT's trim", () => {
    const w = chooseSteadyWindow(span(30, 90))!;
    expect((w.startS + w.endS) / 2).toBeCloseTo(60, 9);
    expect(w.startS).toBeGreaterThanOrEqual(30);
  });

  it('gives no window for a clip shorter than two windows (analysed whole at once)', () => {
    expect(chooseSteadyWindow(span(0, 2 * WINDOW_S - 0.01))).toBeNull();
    expect(chooseSteadyWindow(span(0, 12))).toBeNull();
    expect(chooseSteadyWindow(span(0, 2 * WINDOW_S))).not.toBeNull();
  });

  it('a window holds ten strides per side at the slowest running cadence', () => {
    const w = chooseSteadyWindow(span(0, 120))!;
    const strides = regularStrides(contacts(w.startS, w.endS, 150));
    expect(strides.left).toBeGreaterThanOrEqual(MIN_STRIDES_PER_SIDE);
    expect(strides.right).toBeGreaterThanOrEqual(MIN_STRIDES_PER_SIDE);
  });
});

describe('checkpoints', () => {
  it('the window end, then every EXTEND_S, then the end of the clip', () => {
    const cps = checkpoints(span(50, 60), span(0, 70));
    expect(cps[0]).toBe(60);
    expect(cps[1]).toBeCloseTo(60 + EXTEND_S, 9);
    expect(cps[cps.length - 1]).toBe(70);
    expect(cps.every((t, i) => i === 0 || t > cps[i - 1]!)).toBe(true);
  });
});

describe('regularStrides', () => {
  it('counts the strides between consecutive contacts of each foot', () => {
    // 180 steps/min for 10 s: 30 contacts, 15 per foot, 14 strides each.
    expect(regularStrides(contacts(0, 10 - 1e-9, 180))).toEqual({ left: 14, right: 14 });
  });

  it('drops a stride doubled by a missed contact and the two halves of a spurious one', () => {
    const events = contacts(0, 10 - 1e-9, 180);
    const left = events.filter((e) => e.side === 'left');
    const missed = events.filter((e) => e !== left[5]); // left 4→6: one doubled stride instead of two
    expect(regularStrides(missed).left).toBe(12);
    const extra: ContactEvent = { kind: 'initial-contact', side: 'right', t: 5 + 1 / 3 };
    expect(regularStrides([...events, extra]).right).toBe(13);
  });

  it('ignores other event kinds and says not enough below ten a side', () => {
    const events = [...contacts(0, 4, 180), { kind: 'toe-off', side: 'left', t: 1 } as const];
    const s = regularStrides(events);
    expect(s.left).toBe(5);
    expect(enoughStrides(s)).toBe(false);
    expect(enoughStrides({ left: 10, right: 10 })).toBe(true);
    expect(regularStrides([])).toEqual({ left: 0, right: 0 });
  });
});

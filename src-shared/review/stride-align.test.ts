import { describe, expect, it } from 'vitest';
import { generateRunner } from '../gait/synthetic';
import { frameAt } from '../media/timestamps';
import { constantRateTable, timeOfFrame } from './frames';
import { anchorAt, earlierTimeAt, eventTimes, pairedIndex, type StridePairing } from './stride-align';

describe('stride alignment of two visits', () => {
  const p: StridePairing = { today: [1, 2, 3, 4], earlier: [0.5, 1.7, 2.9], shift: 0 };

  it('puts today\u2019s event i on last time\u2019s paired event and maps phases linearly between', () => {
    expect(earlierTimeAt(p, 1)).toBeCloseTo(0.5, 12);
    expect(earlierTimeAt(p, 2)).toBeCloseTo(1.7, 12);
    expect(earlierTimeAt(p, 1.5)).toBeCloseTo(0.5 + 0.5 * 1.2, 12);
    expect(earlierTimeAt(p, 2.25)).toBeCloseTo(1.7 + 0.25 * 1.2, 12);
  });

  it('repeats last time\u2019s strides when today has more, and shifts the pairing', () => {
    // Two strides last time: today's third event goes back to last time's first.
    expect(pairedIndex(p, 2)).toBe(0);
    expect(earlierTimeAt(p, 3)).toBeCloseTo(0.5, 12);
    const shifted = { ...p, shift: 1 };
    expect(earlierTimeAt(shifted, 1)).toBeCloseTo(1.7, 12);
    expect(earlierTimeAt(shifted, 2)).toBeCloseTo(0.5, 12);
    expect(pairedIndex({ ...p, shift: -1 }, 0)).toBe(1);
    expect(anchorAt(shifted, 2.5)).toEqual({ today: 1, earlier: 0 });
  });

  it('runs at the nearest stride ratio outside today\u2019s events, and a constant offset with one event', () => {
    expect(earlierTimeAt(p, 0.5)).toBeCloseTo(0.5 - 0.5 * 1.2, 12);
    expect(earlierTimeAt(p, 4.5)).toBeCloseTo(1.7 + 0.5 * 1.2, 12);
    expect(earlierTimeAt({ today: [2], earlier: [0.3], shift: 0 }, 2.5)).toBeCloseTo(0.8, 12);
    expect(earlierTimeAt({ today: [], earlier: [1], shift: 0 }, 1)).toBeUndefined();
  });

  it('keeps two synthetic runners of different cadence and frame rate on the same event, stride by stride', () => {
    // Last time 160 steps/min at 30 fps, today 172 at 60 fps (the clinic's camera changed).
    const before = generateRunner({ view: 'side', fps: 30, cadence: 160, durationS: 6, seed: 1 });
    const now = generateRunner({ view: 'side', fps: 60, cadence: 172, durationS: 6, startS: 0.4, seed: 2 });
    const tableBefore = constantRateTable(before.series.frames.length, 30);
    const tableNow = constantRateTable(now.series.frames.length, 60);
    const rightIc = (c: typeof now, table: typeof tableNow) =>
      eventTimes(
        c.truth.events
          .filter((e) => e.kind === 'initial-contact' && e.side === 'right')
          // The event frame: the frame on screen at the event, as the gait engine reports frames.
          .map((e) => timeOfFrame(table, frameAt(table.times, e.t))),
      );
    const pairing: StridePairing = {
      today: rightIc(now, tableNow),
      earlier: rightIc(before, tableBefore),
      shift: 0,
    };
    expect(pairing.today.length).toBeGreaterThan(pairing.earlier.length - 1);
    pairing.today.forEach((t, i) => {
      // Stepping today's player onto its i-th right contact shows last time's paired contact frame.
      const shown = frameAt(tableBefore.times, earlierTimeAt(pairing, t)!);
      expect(timeOfFrame(tableBefore, shown)).toBeCloseTo(pairing.earlier[pairedIndex(pairing, i)]!, 9);
    });
    // Mid-stride (half way between contacts), last time's player is half way through its stride too.
    const mid = (pairing.today[1]! + pairing.today[2]!) / 2;
    const e = earlierTimeAt(pairing, mid)!;
    const j = pairedIndex(pairing, 1);
    expect((e - pairing.earlier[j]!) / (pairing.earlier[j + 1]! - pairing.earlier[j]!)).toBeCloseTo(0.5, 9);
  });
});

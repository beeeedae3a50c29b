import { describe, expect, it } from 'vitest';
import { frameAt } from '../media/timestamps';
import { constantRateTable, covers, frameDuration, frameTable, stepFrom, timeOfFrame } from './frames';
import { createPrng } from '../gait/synthetic/prng';

/** Seeded uniforms in [0, 1) (mulberry32, the synthetic runner's generator): a failure replays from its seed. */
const prng = (seed: number): (() => number) => createPrng(seed).next;

describe('frame table at 30 fps', () => {
  const table = constantRateTable(300, 30);
  it('shows frame i from its timestamp until the next', () => {
    for (let i = 0; i < 300; i++) {
      expect(frameAt(table.times, i / 30)).toBe(i);
      expect(frameAt(table.times, i / 30 + 0.5 / 30)).toBe(i);
      expect(frameAt(table.times, (i + 1) / 30 - 1e-4)).toBe(i);
    }
  });
  it('clamps before the start and after the end', () => {
    expect(frameAt(table.times, -1)).toBe(0);
    expect(frameAt(table.times, 100)).toBe(299);
    expect(covers(table, 10)).toBe(false);
    expect(covers(table, 299 / 30)).toBe(true);
    expect(covers(table, 300 / 30)).toBe(false);
  });
  it('round-trips frame → time → frame', () => {
    for (let i = 0; i < 300; i++) expect(frameAt(table.times, timeOfFrame(table, i))).toBe(i);
  });
  it('steps by frames and clamps at the ends', () => {
    expect(stepFrom(table, 0, 1).frame).toBe(1);
    expect(stepFrom(table, 5 / 30 + 0.01, 10).frame).toBe(15);
    expect(stepFrom(table, 0, -1).frame).toBe(0);
    expect(stepFrom(table, 9.99, 10).frame).toBe(299);
  });
});

describe('frame table at 24000/1001 fps (NTSC film)', () => {
  // Timestamps as a container gives them: integer ticks of 1/24000 s, 1001 per frame, as doubles.
  const ticks = Array.from({ length: 2000 }, (_, i) => (i * 1001) / 24000);
  const table = frameTable(ticks);
  it('lands on frame i at its own timestamp, despite rounding', () => {
    for (let i = 0; i < 2000; i++) {
      expect(frameAt(table.times, timeOfFrame(table, i))).toBe(i);
      // The same time computed another way (i / fps) may round a hair below the stored timestamp.
      expect(frameAt(table.times, i / (24000 / 1001))).toBe(i);
    }
  });
  it('gives each frame its nominal duration', () => {
    expect(frameDuration(table, 1999)).toBeCloseTo(1001 / 24000, 9);
  });
});

describe('dropped frames and variable frame rate', () => {
  // 30 fps with frames 10, 11 and 40 dropped by the camera: the index counts frames that exist.
  const nominal = Array.from({ length: 60 }, (_, k) => k / 30);
  const kept = nominal.filter((_, k) => k !== 10 && k !== 11 && k !== 40);
  const table = frameTable(kept);
  it('keeps the previous frame on screen through the gap', () => {
    expect(frameAt(table.times, 9 / 30)).toBe(9);
    expect(frameAt(table.times, 10 / 30)).toBe(9);
    expect(frameAt(table.times, 11.9 / 30)).toBe(9);
    expect(frameAt(table.times, 12 / 30)).toBe(10);
    expect(frameDuration(table, 9)).toBeCloseTo(3 / 30, 9);
  });
  it('steps over the gap one existing frame at a time', () => {
    expect(stepFrom(table, 9 / 30, 1)).toEqual({ frame: 10, time: expect.closeTo(12 / 30, 9) as number });
    expect(stepFrom(table, 12 / 30, -1).frame).toBe(9);
  });
  it('handles random VFR timestamps (seeded) with a consistent inverse', () => {
    const rand = prng(42);
    const times: number[] = [];
    let t = 0.0123;
    for (let i = 0; i < 500; i++) {
      times.push(t);
      t += 1 / 60 + rand() * (1 / 20);
    }
    const vfr = frameTable([...times].reverse()); // out of order on purpose: the table sorts
    for (let i = 0; i < 500; i++) {
      expect(frameAt(vfr.times, times[i]!)).toBe(i);
      const next = i + 1 < 500 ? times[i + 1]! : vfr.end;
      expect(frameAt(vfr.times, (times[i]! + next) / 2)).toBe(i);
    }
    expect(frameAt(vfr.times, 0)).toBe(0);
  });
});

describe('bad tables', () => {
  it('refuses no frames, duplicate and invalid timestamps', () => {
    expect(() => frameTable([])).toThrow(/at least one frame/);
    expect(() => frameTable([0, 0.1, 0.1])).toThrow(/share the timestamp/);
    expect(() => frameTable([0, Number.NaN])).toThrow(/no valid timestamp/);
    expect(() => frameTable([0], 0)).toThrow(/positive/);
  });
});

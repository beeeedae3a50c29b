import { describe, expect, it } from 'vitest';
import { decodeTimestamps, encodeTimestamps, frameAt, frameTiming } from './timestamps';

const cfr = (n: number, num: number, den: number): number[] =>
  Array.from({ length: n }, (_, i) => (i * den) / num);

describe('timestamp table', () => {
  it('round-trips exactly through the 8-byte little-endian encoding', () => {
    const t = cfr(301, 30000, 1001);
    const bytes = encodeTimestamps(t);
    expect(bytes.byteLength).toBe(301 * 8);
    expect(decodeTimestamps(bytes)).toEqual(t);
    // Little-endian: 1001/30000 s has its sign/exponent byte last.
    expect(new DataView(bytes.buffer).getFloat64(8, true)).toBe(1001 / 30000);
  });

  it('refuses a table whose length is not a whole number of frames', () => {
    expect(() => decodeTimestamps(new Uint8Array(12))).toThrow(/8 bytes per frame/);
  });

  it.each([
    [30, 1],
    [30000, 1001],
    [24000, 1001],
    [60, 1],
  ])('sees a constant %i/%i fps clip as constant', (num, den) => {
    const timing = frameTiming(cfr(120, num, den));
    expect(timing.averageFps).toBeCloseTo(num / den, 9);
    expect(timing.variable).toBe(false);
  });

  it('flags a dropped frame and a rate switch as variable, with the true average rate', () => {
    const dropped = cfr(60, 30, 1).filter((_, i) => i !== 30);
    const t = frameTiming(dropped);
    expect(t.variable).toBe(true);
    expect(t.averageFps).toBeCloseTo(58 / (59 / 30), 9);
    const switched = [...cfr(30, 30, 1), ...cfr(30, 60, 1).map((x) => 1 + x)];
    expect(frameTiming(switched).variable).toBe(true);
  });

  it('finds the frame on screen at a time, including between and beyond frames', () => {
    const t = [0, 0.05, 0.1, 0.2, 0.25];
    expect(frameAt(t, -1)).toBe(0);
    expect(frameAt(t, 0)).toBe(0);
    expect(frameAt(t, 0.0499)).toBe(0);
    expect(frameAt(t, 0.05)).toBe(1);
    expect(frameAt(t, 0.19)).toBe(2);
    expect(frameAt(t, 9)).toBe(4);
  });
});

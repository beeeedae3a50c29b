import { describe, expect, it } from 'vitest';
import { decodeTimestamps, encodeTimestamps, frameAt, frameTiming } from './timestamps';
import { createPrng } from '../gait/synthetic/prng';

const cfr = (n: number, num: number, den: number): number[] =>
  Array.from({ length: n }, (_, i) => (i * den) / num);

/** Seeded uniforms in [0, 1) (mulberry32, the synthetic runner's generator): a failure replays from its seed. */
const prng = (seed: number): (() => number) => createPrng(seed).next;

/** Frame i at i/fps moved by up to ±`ms` (uniform, seeded), as a phone's capture clock jitters. */
const jittered = (n: number, fps: number, ms: number, seed: number): number[] => {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => i / fps + ((2 * r() - 1) * ms) / 1000);
};

/** A constant rate written on a container clock of `hz` ticks a second (each time rounded to a tick). */
const onClock = (n: number, fps: number, hz: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.round((i * hz) / fps) / hz);

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

  it.each([
    [240, 1000, 0.2],
    [240, 600, 0.2],
    [120, 1000, 0.08],
    [60, 1000, 0.04],
  ])(
    'a constant %i fps clip on a %i Hz clock is constant: rounding strays %f of a frame',
    (fps, hz, stray) => {
      const t = frameTiming(onClock(2400, fps, hz));
      expect(t.jitter).toBeCloseTo(stray, 2);
      expect(t).toMatchObject({ droppedFrames: 0, variable: false });
      expect(t.averageFps).toBeCloseTo(fps, 1);
    },
  );

  it.each([1, 2, 3])('±1 ms capture jitter at 30 fps is not variable (seed %i)', (seed) => {
    const t = frameTiming(jittered(300, 30, 1, seed));
    // Neighbours differ by at most 2 ms: 6 % of a 33.3 ms frame.
    expect(t.jitter).toBeLessThanOrEqual(0.061);
    expect(t).toMatchObject({ droppedFrames: 0, variable: false });
  });

  it.each([1, 2, 3])(
    '±8 ms capture jitter at 30 fps is variable, with no frame dropped (seed %i)',
    (seed) => {
      const t = frameTiming(jittered(300, 30, 8, seed));
      // Neighbours differ by up to 16 ms (48 %); over 300 frames some pair comes near it.
      expect(t.jitter).toBeGreaterThan(0.4);
      expect(t.jitter).toBeLessThanOrEqual(0.49);
      expect(t).toMatchObject({ droppedFrames: 0, variable: true });
    },
  );

  it('the jitter threshold is a quarter of a frame', () => {
    // 100 intervals alternating 1 ± s frames (mean exactly one frame): jitter s.
    const alternating = (s: number): number[] => {
      const t = [0];
      for (let i = 1; i <= 100; i++) t.push(t[i - 1]! + (1 + (i % 2 ? s : -s)) / 30);
      return t;
    };
    expect(frameTiming(alternating(0.2))).toMatchObject({ jitter: expect.closeTo(0.2, 9), variable: false });
    expect(frameTiming(alternating(0.3))).toMatchObject({ jitter: expect.closeTo(0.3, 9), variable: true });
  });

  it('counts the frames a phone dropped: every 7th, a run of three, and among ±1 ms jitter', () => {
    const every7th = cfr(240, 30, 1).filter((_, i) => i % 7 !== 6);
    // Frames 6, 13, …, 237 are gone: 34 of them; frame 239, the last, is there.
    expect(frameTiming(every7th)).toMatchObject({
      droppedFrames: 34,
      jitter: expect.closeTo(0, 9),
      variable: true,
      averageFps: expect.closeTo(205 / (239 / 30), 9),
    });
    const run = cfr(60, 30, 1).filter((_, i) => i < 20 || i > 22);
    expect(frameTiming(run)).toMatchObject({ droppedFrames: 3, variable: true });
    const noisy = jittered(300, 30, 1, 4).filter((_, i) => i % 50 !== 25);
    expect(frameTiming(noisy)).toMatchObject({ droppedFrames: 6, variable: true });
    expect(frameTiming(noisy).jitter).toBeLessThan(0.1);
  });

  it('too few frames to tell is constant', () => {
    expect(frameTiming([])).toMatchObject({ averageFps: 0, variable: false });
    expect(frameTiming([0])).toMatchObject({ averageFps: 0, variable: false });
    expect(frameTiming([0, 0.1])).toMatchObject({ averageFps: expect.closeTo(10, 9), variable: false });
  });

  it('finds the frame on screen at a time, including between and beyond frames', () => {
    const t = [0, 0.05, 0.1, 0.2, 0.25];
    expect(frameAt(t, -1)).toBe(0);
    expect(frameAt(t, 0)).toBe(0);
    expect(frameAt(t, 0.0499)).toBe(0);
    expect(frameAt(t, 0.05)).toBe(1);
    expect(frameAt(t, 0.19)).toBe(2);
    expect(frameAt(t, 9)).toBe(4);
    expect(frameAt(t, Number.NaN)).toBe(0);
    expect(frameAt([], 1)).toBe(0);
  });

  it('lands on frame i at i / fps although that rounds below the stored timestamp (24000/1001)', () => {
    // A container's ticks (1001 per frame of 1/24000 s) as doubles; i / fps computed another way
    // falls a hair below i · 1001 / 24000 for 897 of these 2000 frames: without the tolerance they
    // would show frame i − 1.
    const ticks = Array.from({ length: 2000 }, (_, i) => (i * 1001) / 24000);
    const below = ticks.filter((x, i) => i / (24000 / 1001) < x).length;
    expect(below).toBeGreaterThan(0);
    for (let i = 0; i < 2000; i++) expect(frameAt(ticks, i / (24000 / 1001))).toBe(i);
    // The tolerance is half a microsecond, far under any frame: 1 µs before frame 1 is still frame 0.
    expect(frameAt(ticks, ticks[1]! - 1e-6)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeGait } from './analyze';
import { generateRunner } from './synthetic';
import { createPrng } from './synthetic/prng';
import { frameTimingFlag } from './quality';

/** A constant rate written on a container clock of `hz` ticks a second (each time rounded to a tick). */
const onClock = (n: number, fps: number, hz: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.round((i * hz) / fps) / hz);

/** Coefficient of variation of the intervals: the rule this flag used before (over 5 % flagged). */
function intervalCv(t: readonly number[]): number {
  const d = t.slice(1).map((x, i) => x - t[i]!);
  const m = d.reduce((a, b) => a + b, 0) / d.length;
  return Math.sqrt(d.reduce((a, b) => a + (b - m) ** 2, 0) / (d.length - 1)) / m;
}

describe('the variable-frame-rate flag (frameTiming, the one rule)', () => {
  it('says nothing of a constant 120 fps clip on a 1 kHz clock, whose rounding alone varies its intervals 5.7 %', () => {
    const t = onClock(1200, 120, 1000); // 8 and 9 ms intervals, 8.33 ms on average
    expect(intervalCv(t)).toBeGreaterThan(0.05); // the old rule called this irregular
    expect(frameTimingFlag(t)).toBeNull();
    // 240 fps on QuickTime's 600 Hz clock: 3.3 and 5 ms intervals, 20 % of a frame off their mean.
    expect(frameTimingFlag(onClock(2400, 240, 600))).toBeNull();
  });

  it('counts the frames dropped when every 7th is missing, and says what that costs', () => {
    const t = onClock(300, 30, 90000).filter((_, i) => i % 7 !== 3); // frames 3, 10, …, 297: 43
    const flag = frameTimingFlag(t)!;
    expect(flag).toMatchObject({ code: 'variable-frame-rate', severity: 'warning' });
    expect(flag.values).toMatchObject({ droppedFrames: 43 });
    expect(flag.message).toMatch(/^Frame times are uneven: the camera dropped 43 frames of this clip/);
    expect(flag.message).toMatch(/steps beside a gap are timed less surely/);
    expect(flag.message).not.toMatch(/varies by/);
    // One frame missing is one, said so.
    const one = onClock(100, 30, 90000).filter((_, i) => i !== 50);
    expect(frameTimingFlag(one)!.message).toMatch(/dropped 1 frame of this clip/);
  });

  it('flags ±8 ms capture jitter at 30 fps (seeded), with no frame dropped, and not ±1 ms', () => {
    const jittered = (ms: number, seed: number): number[] => {
      const r = createPrng(seed);
      return Array.from(
        { length: 300 },
        (_, i) => Math.round((i / 30 + ((2 * r.next() - 1) * ms) / 1000) * 90000) / 90000,
      );
    };
    for (const seed of [1, 2, 3]) {
      const flag = frameTimingFlag(jittered(8, seed))!;
      expect(flag.values).toMatchObject({ droppedFrames: 0 });
      // Two frames 8 ms off in opposite directions move an interval by up to 16 ms, 48 % of 33.3 ms.
      expect(flag.values!['jitter']).toBeGreaterThan(0.25);
      expect(flag.values!['jitter']).toBeLessThanOrEqual(0.48 + 1e-3);
      expect(flag.message).toMatch(
        /^Frame times are uneven: the time between its frames varies by up to \d+% of a frame\./,
      );
      expect(flag.message).not.toMatch(/dropped|gap/);
      expect(frameTimingFlag(jittered(1, seed))).toBeNull();
    }
  });

  it('says both when frames are dropped and the rest jitter', () => {
    // ±6 ms moves an interval by up to 12 ms (36 %); a gap stays over 54 ms, 1.5 frames is 50.
    const r = createPrng(7);
    const t = Array.from({ length: 300 }, (_, i) => i / 30 + ((2 * r.next() - 1) * 6) / 1000).filter(
      (_, i) => i % 50 !== 25,
    );
    const flag = frameTimingFlag(t)!;
    expect(flag.values).toMatchObject({ droppedFrames: 6 });
    expect(flag.message).toMatch(
      /dropped 6 frames of this clip \(gaps in its frame times\), and the time between/,
    );
  });
});

describe('the flags of a clip that does not show the runner', () => {
  it('are the clip check’s one reason, not the six lines that follow from it', () => {
    // Seeded runner with nobody in 70 % of frames, the patient's height given (seed 4, clip-check.test).
    const run = generateRunner({ view: 'side', durationS: 4, noPoseRate: 0.7, seed: 4 });
    const a = analyzeGait({ series: run.series, view: 'side', calibration: { heightCm: 178 } });
    expect(a.quality.reasons.map((r) => r.code)).toContain('no-person');
    expect(a.flags.map((f) => f.message)).toEqual([
      a.quality.reasons.find((r) => r.code === 'no-person')!.message,
    ]);
    // The same runner with every frame posed keeps its other flags (the early return is the clip check's alone).
    const seen = analyzeGait({
      series: generateRunner({ view: 'side', durationS: 4, seed: 4 }).series,
      view: 'side',
    });
    expect(seen.flags.some((f) => f.code === 'uncalibrated')).toBe(true);
  });
});

/**
 * The time-left helpers on their own, with known answers: a run not yet counted is "estimating",
 * the shown countdown (steadyShown), a session's time (groupSecondsLeft) and the words
 * (aboutTime). The generated arrival sequences are in time-left.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  aboutTime,
  groupSecondsLeft,
  NO_ESTIMATE,
  sampleQueue,
  SHOWN_CATCH_UP_S,
  SHOWN_TOLERANCE,
  steadyShown,
} from './time-left';

describe('sampleQueue', () => {
  it('says "estimating" for a run whose frames are not known yet, not 0 s', () => {
    let est = NO_ESTIMATE;
    for (let t = 0; t <= 20; t += 0.5)
      est = sampleQueue(
        est,
        t,
        [
          { id: 'a', framesDone: Math.floor(10 * t), totalFrames: 400 },
          { id: 'b', framesDone: 0, totalFrames: 0 },
        ],
        { slots: 2, cores: 2 },
      );
    expect(est.shown.get('a')!.seconds).toBeCloseTo(20, 0);
    expect(est.shown.has('b')).toBe(false);
  });
});

describe('steadyShown', () => {
  const a = steadyShown(null, 100, 0);
  // 10 s later the countdown is at 90; within the tolerance (18 s) it moves 1 − e^(−10/5) of the way.
  const toward = 1 - Math.exp(-10 / SHOWN_CATCH_UP_S);

  it('draws the countdown towards an estimate within the tolerance, either way', () => {
    expect(steadyShown(a, 85, 10).seconds).toBeCloseTo(90 - 5 * toward);
    expect(steadyShown(a, 95, 10).seconds).toBeCloseTo(90 + 5 * toward);
  });

  it('never above what it showed before: an estimate above the countdown slows it instead', () => {
    // 1 s later the countdown is 99; drawn towards 107 it would be 100.45.
    expect(steadyShown(a, 107, 1).seconds).toBe(100);
  });

  it('follows a real change beyond the tolerance, up as well', () => {
    const far = 90 * (1 + SHOWN_TOLERANCE) + 5;
    expect(steadyShown(a, far, 10).seconds).toBeCloseTo(far);
  });
});

describe('groupSecondsLeft', () => {
  it('is the last clip to finish; unknown while any is estimating; 0 for none', () => {
    expect(groupSecondsLeft([10, 30])).toBe(30);
    expect(groupSecondsLeft([10, null])).toBeNull();
    expect(groupSecondsLeft([])).toBe(0);
  });
});

describe('aboutTime', () => {
  it('says the time in the words the session page and the CLI share, or that it is estimating', () => {
    expect(aboutTime(null)).toBe('estimating the time left');
    expect(aboutTime(0.2)).toBe('about 1 s left');
    expect(aboutTime(12)).toBe('about 10 s left');
    expect(aboutTime(13)).toBe('about 15 s left');
    expect(aboutTime(95)).toBe('about 2 min left');
  });
});

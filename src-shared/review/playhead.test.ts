import { describe, expect, it } from 'vitest';
import { seconds } from '../units';
import { constantRateTable, frameTable } from './frames';
import {
  framesShown,
  initialPlayhead,
  pause,
  PLAYBACK_RATES,
  seekClip,
  setActive,
  setLocked,
  setRate,
  step,
  tick,
  togglePlay,
  type Playhead,
  type PlayerClock,
} from './playhead';

const side: PlayerClock = { table: constantRateTable(90, 30), offset: seconds(0) };
const film: PlayerClock = { table: constantRateTable(72, 24000 / 1001), offset: seconds(0) };

describe('two locked players', () => {
  it('steps the active player one frame at a time; the other shows the frame covering that time', () => {
    let p = initialPlayhead(2);
    const clocks = [side, side];
    for (let i = 1; i <= 20; i++) {
      p = step(p, clocks, 1);
      expect(framesShown(p, clocks)).toEqual([i, i]);
    }
    p = step(p, clocks, -10);
    expect(framesShown(p, clocks)).toEqual([10, 10]);
  });
  it('with different rates, follows the active clip frame by frame', () => {
    let p = initialPlayhead(2);
    const clocks = [side, film];
    for (let i = 1; i <= 30; i++) {
      p = step(p, clocks, 1);
      const [a, b] = framesShown(p, clocks);
      expect(a).toBe(i);
      // The 23.976 fps clip shows the frame whose interval contains i/30 s.
      expect(b).toBe(Math.floor((i / 30) * (24000 / 1001) + 1e-9));
    }
  });
  it('applies the stored offset: clip 2 started 0.5 s after clip 1', () => {
    const clocks = [side, { ...side, offset: seconds(0.5) }];
    let p = initialPlayhead(2);
    p = step(p, clocks, 20);
    expect(framesShown(p, clocks)).toEqual([20, 5]);
  });
});

describe('free players', () => {
  it('steps only the active player, and locking again returns to the stored alignment', () => {
    const clocks = [side, side];
    let p = setLocked(initialPlayhead(2), clocks, false);
    p = step(p, clocks, 5);
    expect(framesShown(p, clocks)).toEqual([5, 0]);
    p = setActive(p, 1, 2);
    p = step(p, clocks, 2);
    expect(framesShown(p, clocks)).toEqual([5, 2]);
    p = setLocked(p, clocks, true);
    // The active player (1) keeps its frame; player 0 follows the alignment.
    expect(framesShown(p, clocks)).toEqual([2, 2]);
  });
});

describe('playback', () => {
  it('advances at the rate and snaps to the frame shown on pause', () => {
    const clocks = [side];
    let p = togglePlay(initialPlayhead(1), clocks);
    p = setRate(setRate(setRate(p, -1), -1), -1); // 1 → 0.75 → 0.5 → 0.25
    expect(p.rate).toBe(0.25);
    // 1 s of wall time at 0.25x = 0.25 s of clip = 7.5 frames at 30 fps: frame 7 is showing.
    for (let k = 0; k < 60; k++) p = tick(p, clocks, 1 / 60);
    expect(framesShown(p, clocks)).toEqual([7]);
    p = pause(p, clocks);
    expect(p.playing).toBe(false);
    expect(p.t).toBeCloseTo(7 / 30, 9);
    expect(framesShown(p, clocks)).toEqual([7]);
  });
  it('stops on the last frame and restarts from the start on play', () => {
    const clocks = [side];
    let p = togglePlay(initialPlayhead(1), clocks);
    p = tick(p, clocks, 10);
    expect(p.playing).toBe(false);
    expect(framesShown(p, clocks)).toEqual([89]);
    p = togglePlay(p, clocks);
    expect(p.t).toBe(0);
  });
  it('wraps inside a loop', () => {
    const clocks = [side];
    let p: Playhead = {
      ...initialPlayhead(1),
      loop: { start: seconds(1), end: seconds(1.5), kind: 'stride' as const },
    };
    p = togglePlay({ ...p, t: seconds(1.4) }, clocks);
    p = tick(p, clocks, 0.2);
    expect(p.t).toBeCloseTo(1.1, 9);
    expect(p.playing).toBe(true);
  });
  it('rates stay within 0.05x..2x', () => {
    let p = initialPlayhead(1);
    for (let i = 0; i < 20; i++) p = setRate(p, 1);
    expect(p.rate).toBe(2);
    for (let i = 0; i < 20; i++) p = setRate(p, -1);
    expect(p.rate).toBe(0.05);
    expect(PLAYBACK_RATES[0]).toBe(0.05);
  });
});

describe('seeking on a clip with dropped frames', () => {
  it('lands on the frame covering the clicked time', () => {
    const dropped = { table: frameTable([0, 1 / 30, 2 / 30, 5 / 30, 6 / 30]), offset: seconds(0) };
    const p = seekClip(initialPlayhead(1), [dropped], 0, 4 / 30);
    expect(framesShown(p, [dropped])).toEqual([2]);
    expect(p.t).toBeCloseTo(2 / 30, 9);
  });
});

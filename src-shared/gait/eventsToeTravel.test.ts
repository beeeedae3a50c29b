import { describe, expect, it } from 'vitest';
import { eventFrame } from './eventFrame';
import { stanceSlope, toeOffByTravel } from './eventsToeTravel';

/**
 * A toe on the ground moves with the ground (`belt` px a frame: 0 overground, negative on a
 * treadmill) until it lifts after frame `lastOn`, then moves forward at swing speed; seeded
 * jitter of ±`noise` px.
 */
function toe(n: number, lastOn: number, belt: number, noise: number, seed = 1): Float64Array {
  let s = seed;
  const rnd = (): number => {
    s = (s * 16807) % 2147483647;
    return (s / 2147483647) * 2 - 1;
  };
  return Float64Array.from({ length: n }, (_, i) => {
    const ground = 300 + belt * i;
    const swing = i > lastOn ? 12 * (i - lastOn) ** 1.5 : 0;
    return ground + swing + noise * rnd();
  });
}

const LEG = 90;
const FPS = 30;

describe('toe-off from the toe travel', () => {
  it('moves a toe-off that the height gave early to the last frame the toe keeps to its path', () => {
    for (const belt of [0, -4]) {
      for (const seed of [1, 2, 3, 4, 5]) {
        const x = toe(40, 20, belt, 1.5, seed);
        const stances = [{ icF: 12.4, toF: 17.3 }];
        const slope = stanceSlope(x, stances);
        expect(Math.abs(slope - belt)).toBeLessThan(1);
        const to = toeOffByTravel(x, 12.4, 17.3, slope, LEG, FPS);
        expect(eventFrame('toe-off', to), `belt ${belt} seed ${seed}`).toBe(20);
      }
    }
  });

  it('never moves a toe-off earlier, nor past 0.2 s', () => {
    const x = toe(40, 20, 0, 1, 7);
    // Height toe-off already after the lift: its frame kept.
    const late = toeOffByTravel(x, 12, 22.4, 0, LEG, FPS);
    expect(late).toBeGreaterThanOrEqual(22.4);
    expect(eventFrame('toe-off', late)).toBe(22);
    // A toe that never leaves its path within 0.2 s of the height's toe-off: kept.
    const still = toe(40, 39, 0, 1, 7);
    expect(toeOffByTravel(still, 12, 17.3, 0, LEG, FPS)).toBe(17.3);
  });

  it('is not fooled by one frame of the point put ahead of the shoe', () => {
    const x = toe(40, 22, 0, 1, 3);
    x[19] = (x[19] as number) + 15; // one frame's point on the shoe's middle, then back on the toe
    expect(eventFrame('toe-off', toeOffByTravel(x, 12, 17.3, 0, LEG, FPS))).toBe(22);
  });

  it('leaves the toe-off alone where the stance is too short to know its path', () => {
    const x = toe(40, 20, 0, 1, 3);
    expect(toeOffByTravel(x, 16.6, 16.9, 0, LEG, FPS)).toBe(16.9);
    expect(toeOffByTravel(x, 12, 17.3, NaN, LEG, FPS)).toBe(17.3);
  });
});

/**
 * The markers' states on the seed frame (track-search.ts `seedStates`): two markers named on one
 * blob (touching on that frame) take neither its centroid nor its size, which are the pair's.
 */
import { describe, expect, it } from 'vitest';
import { pixels } from '../units';
import { seedStates } from './track-search';
import type { Blob, MarkerSeed } from './types';

const blob = (x: number, y: number, radius: number, roundness = 0.95, contrast = 170): Blob => ({
  x: pixels(x),
  y: pixels(y),
  areaPx: Math.PI * radius * radius,
  radiusPx: radius,
  roundness,
  contrast,
  level: 60 + contrast,
});

const seed = (name: MarkerSeed['name'], x: number, y: number): MarkerSeed => ({ name, frame: 0, x, y });

describe('seedStates', () => {
  it('a marker on a blob of its own takes the blob', () => {
    const [s] = seedStates([seed('leftShankUpper', 100.6, 200.4)], [blob(100, 200, 3.2)]);
    expect(s!.x).toBe(100);
    expect(s!.y).toBe(200);
    expect(s!.radius).toBe(3.2);
  });

  it('two markers named on one merged blob start at their clicks, sized as the markers seen alone', () => {
    // Shank upper and heel counter lower 7 px apart, one blob of twice a marker's area (radius 4.5);
    // three other markers on blobs of their own, radius 3.1-3.3.
    const merged = blob(100, 303.5, 4.5, 0.6, 150);
    const blobs = [blob(100, 250, 3.1), blob(100, 280, 3.2), blob(100, 330, 3.3), merged];
    const states = seedStates(
      [
        seed('rightPsis', 100, 250),
        seed('rightHeelCounterUpper', 100, 280),
        seed('rightHeelCounterLower', 100.2, 300),
        seed('rightShankUpper', 99.8, 307),
        seed('rightShankLower', 100, 330),
      ],
      blobs,
    );
    expect(states.map((s) => s.radius)).toEqual([3.1, 3.2, 3.2, 3.2, 3.3]);
    expect([states[2]!.x, states[2]!.y]).toEqual([100.2, 300]);
    expect([states[3]!.x, states[3]!.y]).toEqual([99.8, 307]);
    expect(states[2]!.roundness0).toBe(0.95);
    expect(states[3]!.contrast).toBe(170);
  });
});

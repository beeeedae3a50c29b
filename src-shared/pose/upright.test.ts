import { describe, expect, it } from 'vitest';
import { Landmark } from './landmarks';
import { upright } from './upright';

/** A pose's y per landmark: everything at `rest`, with the named points placed. */
const pose =
  (ys: Partial<Record<keyof typeof Landmark, number>>, rest = 500) =>
  (i: number): number => {
    const name = (Object.keys(Landmark) as (keyof typeof Landmark)[]).find((k) => Landmark[k] === i)!;
    return ys[name] ?? rest;
  };

describe('upright', () => {
  it('a standing runner, and one leaning 45° forward (shoulders still above the hips)', () => {
    const standing = {
      leftShoulder: 300,
      rightShoulder: 302,
      leftHip: 560,
      rightHip: 558,
      leftAnkle: 900,
      rightAnkle: 860,
    };
    expect(upright(pose(standing))).toBe(true);
    expect(upright(pose({ ...standing, leftShoulder: 380, rightShoulder: 384 }))).toBe(true);
  });

  it('a skeleton upside down, or folded with its hips below its ankles, is not', () => {
    expect(
      upright(
        pose({
          leftShoulder: 880,
          rightShoulder: 870,
          leftHip: 660,
          rightHip: 680,
          leftAnkle: 780,
          rightAnkle: 730,
        }),
      ),
    ).toBe(false);
    expect(
      upright(
        pose({
          leftShoulder: 300,
          rightShoulder: 300,
          leftHip: 700,
          rightHip: 700,
          leftAnkle: 650,
          rightAnkle: 690,
        }),
      ),
    ).toBe(false);
  });

  it('decides on the mean of left and right: one ankle above the hips (a high heel kick) is still upright', () => {
    expect(
      upright(
        pose({
          leftShoulder: 300,
          rightShoulder: 300,
          leftHip: 560,
          rightHip: 560,
          leftAnkle: 540,
          rightAnkle: 900,
        }),
      ),
    ).toBe(true);
  });
});

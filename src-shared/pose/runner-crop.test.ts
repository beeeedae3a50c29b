import { describe, expect, it } from 'vitest';
import {
  cropProblem,
  crowdCrop,
  nextPassCrop,
  RUNNER_CROP,
  runnerCrop,
  type CropRect,
  type PixelBox,
} from './runner-crop';

/** A runner 440 px tall standing at x 700–900, y 560–1000 of a 1920x1080 frame, `n` frames. */
const still = (n: number, box: PixelBox = { x0: 700, y0: 560, x1: 900, y1: 1000 }): PixelBox[] =>
  Array.from({ length: n }, () => box);

/** Seeded LCG (Numerical Recipes constants): the same boxes every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('runnerCrop', () => {
  it('is the boxes widened by a quarter of his height on each side, cut at the frame', () => {
    // margin 0.25 × 440 = 110: x 590–1010, y 450–1110 → cut at 1080.
    expect(runnerCrop(still(50), 1920, 1080)).toEqual({ x: 590, y: 450, width: 420, height: 630 });
  });

  it('ignores a landmark thrown far on a frame or two (quantiles, not min and max)', () => {
    const boxes = [
      ...still(100),
      { x0: 700, y0: 560, x1: 1500, y1: 1000 },
      { x0: 100, y0: 0, x1: 900, y1: 1000 },
    ];
    expect(runnerCrop(boxes, 1920, 1080)).toEqual({ x: 590, y: 450, width: 420, height: 630 });
  });

  it('puts every edge on an even pixel, outwards, and stays inside an odd-sized frame', () => {
    const crop = runnerCrop(still(20, { x0: 1201.3, y0: 300.7, x1: 1700.2, y1: 701.1 }), 1801, 901)!;
    // margin 0.25 × 400.4 = 100.1: x0 1101.2 → 1100; y0 200.6 → 200; x1 1800.3 → 1802 → cut at 1800.
    expect(crop).toEqual({ x: 1100, y: 200, width: 700, height: 602 });
    expect(cropProblem(crop, 1801, 901)).toBeNull();
  });

  it('holds the runner of a moving, generated clip whole, on even pixels inside the frame', () => {
    const rnd = random(7);
    const boxes = Array.from({ length: 300 }, (_, i) => {
      const drift = 60 * Math.sin(i / 20); // forward and back on the belt
      const x0 = 800 + drift + 10 * rnd();
      const y0 = 500 + 8 * rnd();
      return { x0, y0, x1: x0 + 180 + 60 * rnd(), y1: y0 + 420 + 10 * rnd() };
    });
    const crop = runnerCrop(boxes, 1920, 1080)!;
    expect(cropProblem(crop, 1920, 1080)).toBeNull();
    for (const b of boxes) {
      expect(b.x0).toBeGreaterThanOrEqual(crop.x);
      expect(b.y0).toBeGreaterThanOrEqual(crop.y);
      expect(b.x1).toBeLessThanOrEqual(crop.x + crop.width);
      expect(b.y1).toBeLessThanOrEqual(crop.y + crop.height);
    }
    // ...and not much more: the boxes' span plus the two margins, within the even rounding.
    const margin = RUNNER_CROP.margin * 425;
    expect(crop.width).toBeLessThan(
      Math.max(...boxes.map((b) => b.x1)) - Math.min(...boxes.map((b) => b.x0)) + 2 * margin + 8,
    );
  });

  it('refuses too few boxes', () => {
    expect(runnerCrop(still(RUNNER_CROP.minFrames - 1), 1920, 1080)).toBeNull();
  });
});

/** A pass that found the runner upright in `runner.length` of `total` frames, on `region`. */
const pass = (
  total: number,
  runner: readonly PixelBox[],
  all: readonly PixelBox[] = runner,
  region: CropRect | null = null,
) => ({ found: runner.length, total, runner, all, region });

/**
 * Poses lying on or across a runner standing at x 880–1040, y 700–1000 of a 1920x1080 frame (the
 * sample at 0.5, padded): skeletons spread over his legs, a few flung far, none of them his size.
 */
function across(n: number, seed: number): PixelBox[] {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i) => {
    if (i % 25 === 0) return { x0: 100 + 1500 * rnd(), y0: 0, x1: 1900, y1: 300 * rnd() }; // flung
    const cx = 960 + 60 * (rnd() - 0.5);
    const w = 40 + 300 * rnd();
    const y0 = 700 + 200 * rnd();
    return { x0: cx - w / 2, y0, x1: cx + w / 2, y1: y0 + 20 + 150 * rnd() };
  });
}

describe('crowdCrop', () => {
  it("is a square of the frame's height on the median centre of every pose's box", () => {
    for (const seed of [1, 2, 3]) {
      const crop = crowdCrop(across(238, seed), 1920, 1080)!;
      expect(cropProblem(crop, 1920, 1080)).toBeNull();
      expect(crop).toMatchObject({ y: 0, width: 1080, height: 1080 });
      // Centred on him (x 960) within the scatter of the centres: he lies whole inside it.
      expect(Math.abs(crop.x + 540 - 960)).toBeLessThanOrEqual(20);
    }
  });

  it('stays inside the frame where the poses are near its edge, on even pixels', () => {
    const left = Array.from({ length: 20 }, () => ({ x0: 10, y0: 500, x1: 90, y1: 700 }));
    expect(crowdCrop(left, 1921, 1081)).toEqual({ x: 0, y: 0, width: 1080, height: 1080 });
    const right = Array.from({ length: 20 }, () => ({ x0: 1850, y0: 500, x1: 1915, y1: 700 }));
    expect(crowdCrop(right, 1920, 1080)).toEqual({ x: 840, y: 0, width: 1080, height: 1080 });
    const odd = crowdCrop(across(100, 4), 1919, 1079)!;
    expect(cropProblem(odd, 1919, 1079)).toBeNull();
  });

  it('is the whole frame in a portrait one (a square of its width need not hold him)', () => {
    const boxes = Array.from({ length: 20 }, () => ({ x0: 300, y0: 400, x1: 420, y1: 900 }));
    expect(crowdCrop(boxes, 720, 1280)).toEqual({ x: 0, y: 0, width: 720, height: 1280 });
  });

  it('refuses too few boxes', () => {
    expect(crowdCrop(across(RUNNER_CROP.minFrames - 1, 5), 1920, 1080)).toBeNull();
  });
});

describe('nextPassCrop', () => {
  it('crops where the runner is missed in many frames and small in the frame', () => {
    expect(nextPassCrop(pass(360, still(200)), 1920, 1080)).toEqual({
      x: 590,
      y: 450,
      width: 420,
      height: 630,
    });
  });

  it('keeps the pass where it found him in 90% of the frames or more', () => {
    expect(nextPassCrop(pass(360, still(324)), 1920, 1080)).toBeNull();
    expect(nextPassCrop(pass(360, still(323)), 1920, 1080)).not.toBeNull();
  });

  it('keeps the pass where the crop would not make him 1.5 times larger to the detector', () => {
    // The sample clip's framing: 590 px of a 720x1280 frame; the crop's long side is ~885 px (gain 1.45).
    const tall = still(200, { x0: 200, y0: 400, x1: 520, y1: 990 });
    expect(nextPassCrop(pass(360, tall), 720, 1280)).toBeNull();
  });

  it('keeps the pass where there is no frame to crop around', () => {
    expect(nextPassCrop(pass(360, []), 1920, 1080)).toBeNull();
    expect(nextPassCrop(pass(0, []), 1920, 1080)).toBeNull();
  });

  it('places the crop on every pose where the runner is upright in too few frames to place it', () => {
    const all = across(238, 6);
    const crop = nextPassCrop(pass(360, still(RUNNER_CROP.minFrames - 1), all), 1920, 1080);
    expect(crop).toEqual(crowdCrop(all, 1920, 1080));
    // ...but on him wherever he is found in enough frames, whatever else the pass returned.
    expect(nextPassCrop(pass(360, still(RUNNER_CROP.minFrames), all), 1920, 1080)).toEqual(
      runnerCrop(still(RUNNER_CROP.minFrames), 1920, 1080),
    );
  });

  it('follows a pass on a region with one on his own where it is 1.5 times smaller, else keeps it', () => {
    const square = { x: 420, y: 0, width: 1080, height: 1080 };
    // 184 of 360 found on the square; his own region (x 590–1010, y 450–1080: 420x630) is 1.71× smaller.
    expect(nextPassCrop(pass(360, still(184), [], square), 1920, 1080)).toEqual({
      x: 590,
      y: 450,
      width: 420,
      height: 630,
    });
    // On a region already about his own, a tighter crop gains nothing: the pass is kept.
    const own = { x: 560, y: 400, width: 480, height: 680 };
    expect(nextPassCrop(pass(360, still(184), [], own), 1920, 1080)).toBeNull();
    // Nor is the square tried again where that pass found him too rarely to place his own (gain 1).
    expect(nextPassCrop(pass(360, still(3), across(200, 8), square), 1920, 1080)).toBeNull();
  });
});

describe('cropProblem', () => {
  it('says what is wrong with a crop the decoder cannot cut', () => {
    expect(cropProblem({ x: 0, y: 0, width: 1920, height: 1080 }, 1920, 1080)).toBeNull();
    expect(cropProblem({ x: 1, y: 0, width: 100, height: 100 }, 1920, 1080)).toMatch(/even/);
    expect(cropProblem({ x: 0, y: 0, width: 100.5, height: 100 }, 1920, 1080)).toMatch(/whole pixels/);
    expect(cropProblem({ x: 1900, y: 0, width: 100, height: 100 }, 1920, 1080)).toMatch(
      /not inside the 1920x1080/,
    );
    expect(cropProblem({ x: 0, y: -2, width: 100, height: 100 }, 1920, 1080)).toMatch(/not inside/);
  });
});

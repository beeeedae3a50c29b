import { describe, expect, it } from 'vitest';
import { POSE_FLOATS } from '../../../src-shared/pose/engine-protocol';
import { Landmark, LANDMARK_COUNT } from '../../../src-shared/pose/landmarks';
import { choosePerson, type PoseCandidates } from './series';

/**
 * A pose whose 33 points fill the box [x0, x1] × [y0, y1]: shoulders near the top, hips in the
 * middle, ankles near the bottom (upright), or the other way up (`inverted`, the skeleton MediaPipe
 * returns once it has lost a small runner: docs/pose-engine.md, "Poses that are not a runner").
 */
function pose(
  out: Float32Array,
  p: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  inverted = false,
): void {
  const at = (share: number): number => (inverted ? y1 - share * (y1 - y0) : y0 + share * (y1 - y0));
  const share = (i: number): number =>
    i === Landmark.leftShoulder || i === Landmark.rightShoulder
      ? 0.2
      : i === Landmark.leftHip || i === Landmark.rightHip
        ? 0.5
        : i >= Landmark.leftKnee
          ? 0.9 + 0.1 * ((i - Landmark.leftKnee) / 7)
          : 0.1 * (i / Landmark.leftShoulder);
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const o = p * POSE_FLOATS + i * 5;
    out[o] = x0 + ((i % 5) / 4) * (x1 - x0);
    out[o + 1] = at(share(i));
    out[o + 3] = 1;
    out[o + 4] = 1;
  }
}

const source = { file: 'a.mp4', width: 1920, height: 1080, fps: 30, frameCount: 40, durationS: 4 / 3 };

describe('choosePerson: only an upright pose can be the runner', () => {
  // Every frame: a small upright runner off the centre, and a large skeleton upside down in the
  // centre on frames 10-29. By size and centrality alone the inverted one scores far higher.
  const candidates: PoseCandidates = {
    source: { ...source, variableFrameRate: false } as PoseCandidates['source'],
    model: 'full',
    numPoses: 2,
    frames: Array.from({ length: 40 }, (_, f) => {
      const two = f >= 10 && f < 30;
      const poses = new Float32Array((two ? 2 : 1) * POSE_FLOATS);
      // The inverted skeleton first, so a choice by index alone would land on it.
      if (two) pose(poses, 0, 700, 200, 1200, 1000, true);
      pose(poses, two ? 1 : 0, 1500, 500, 1650, 900);
      return { t: f / 30, poses };
    }),
  };

  it('follows the upright runner on every frame and never the inverted skeleton', () => {
    const { choice, boxes } = choosePerson(candidates);
    expect(choice).toEqual(Array.from({ length: 40 }, (_, f) => (f >= 10 && f < 30 ? 1 : 0)));
    expect(boxes.every((b) => b !== null && b.x0 === 1500)).toBe(true);
  });

  it('a frame whose only pose is inverted is a frame without the runner', () => {
    // The runner alone on every frame, his skeleton thrown upside down on frame 20.
    const alone: PoseCandidates = {
      ...candidates,
      frames: candidates.frames.map((f, i) => {
        const poses = new Float32Array(POSE_FLOATS);
        pose(poses, 0, 1500, 500, 1650, 900, i === 20);
        return { t: f.t, poses };
      }),
    };
    const { choice } = choosePerson(alone);
    expect(choice[20]).toBe(-1);
    expect(choice.filter((c) => c === 0)).toHaveLength(39);
  });
});

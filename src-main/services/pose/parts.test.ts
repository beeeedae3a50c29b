import { describe, expect, it } from 'vitest';
import { createRunHold } from './engine-session';
import { joinParts } from './input';
import type { PoseCandidates } from './series';

const part = (times: number[]): PoseCandidates => ({
  source: {
    file: 'a.mp4',
    width: 720,
    height: 1280,
    fps: 30,
    frameCount: 999,
    durationS: 40,
    variableFrameRate: false,
  } as PoseCandidates['source'],
  model: 'full',
  numPoses: 2,
  frames: times.map((t) => ({ t, poses: new Float32Array(0) })),
});

describe('joinParts (the steady window first, then the frames before it)', () => {
  it('puts the earlier frames first and takes a frame both parts hold once', () => {
    // Window from t = 0.1: the later part starts at the frame shown then (t = 0.1), which the
    // earlier part (frames before 0.1 s … and the decoder's frame at its end) may hold too.
    const joined = joinParts(part([0, 1 / 30, 2 / 30, 0.1]), part([0.1, 0.1 + 1 / 30, 0.1 + 2 / 30]));
    expect(joined.frames.map((f) => f.t)).toEqual([0, 1 / 30, 2 / 30, 0.1, 0.1 + 1 / 30, 0.1 + 2 / 30]);
    expect(joined.source.frameCount).toBe(6);
  });

  it('keeps every frame when the parts do not overlap, and an empty earlier part', () => {
    expect(joinParts(part([0, 0.5]), part([1, 1.5])).frames).toHaveLength(4);
    expect(joinParts(part([]), part([1, 1.5])).frames).toHaveLength(2);
  });
});

describe('createRunHold', () => {
  it('tells its listeners each change once, and no more after they leave', () => {
    const hold = createRunHold();
    const seen: boolean[] = [];
    const off = hold.subscribe((h) => seen.push(h));
    hold.set(true);
    hold.set(true);
    expect(hold.held).toBe(true);
    hold.set(false);
    off();
    hold.set(true);
    expect(seen).toEqual([true, false]);
  });
});

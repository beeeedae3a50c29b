import { describe, expect, it } from 'vitest';
import { buildTracklets, iou, selectPerson, type Box } from './track';

/** A scene generator: people as boxes moving linearly, present over frame ranges. Known answers. */
interface Person {
  readonly from: number;
  readonly to: number; // inclusive
  readonly x: (f: number) => number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}
function scene(n: number, people: Person[], order: (f: number) => number[] = () => people.map((_, i) => i)) {
  const frames: Box[][] = [];
  const who: number[][] = []; // who[f][c] = person index of candidate c
  for (let f = 0; f < n; f++) {
    const boxes: Box[] = [];
    const ids: number[] = [];
    for (const i of order(f)) {
      const p = people[i]!;
      if (f < p.from || f > p.to) continue;
      const x = p.x(f);
      boxes.push({ x0: x, y0: p.y, x1: x + p.w, y1: p.y + p.h });
      ids.push(i);
    }
    frames.push(boxes);
    who.push(ids);
  }
  return { frames, who };
}
const chosenPeople = (choice: number[], who: number[][]) => choice.map((c, f) => (c < 0 ? -1 : who[f]![c]!));
const W = 1000;
const H = 600;

describe('iou', () => {
  it('is 1 for equal boxes, 0 for disjoint, 1/3 for half-overlapping equal boxes', () => {
    const a = { x0: 0, y0: 0, x1: 10, y1: 10 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x0: 20, y0: 0, x1: 30, y1: 10 })).toBe(0);
    expect(iou(a, { x0: 5, y0: 0, x1: 15, y1: 10 })).toBeCloseTo(1 / 3, 12);
  });
});

describe('selectPerson', () => {
  // The runner: large, central, all 100 frames. A bystander: small, at the edge, walks across.
  const runner: Person = { from: 0, to: 99, x: (f) => 420 + 10 * Math.sin(f / 5), y: 100, w: 160, h: 450 };
  const bystander: Person = { from: 20, to: 79, x: (f) => 900 - 5 * (f - 20), y: 250, w: 60, h: 180 };

  it('holds the runner by default, whatever order MediaPipe lists the poses in', () => {
    const { frames, who } = scene(100, [runner, bystander], (f) => (f % 3 ? [1, 0] : [0, 1]));
    const choice = selectPerson(frames, { width: W, height: H });
    expect(chosenPeople(choice, who)).toEqual(Array(100).fill(0));
  });

  it('follows the person the user picked, through the frames where both are in view', () => {
    const { frames, who } = scene(100, [runner, bystander]);
    const f = 50;
    const b = frames[f]![who[f]!.indexOf(1)]!;
    const choice = selectPerson(frames, {
      width: W,
      height: H,
      pick: { frame: f, x: (b.x0 + b.x1) / 2, y: b.y0 + 10 },
    });
    const people = chosenPeople(choice, who);
    expect(people.slice(20, 80)).toEqual(Array(60).fill(1));
    // Outside the bystander's frames nobody is chosen: the runner is NOT substituted.
    expect(people.slice(0, 20)).toEqual(Array(20).fill(-1));
    expect(people.slice(80)).toEqual(Array(20).fill(-1));
  });

  it('bridges a gap in detection (frames 40–44 missing) and keeps the same person after it', () => {
    const gap = { ...runner, to: 39 };
    const after = { ...runner, from: 45 };
    const { frames, who } = scene(100, [gap, bystander, after]);
    const people = chosenPeople(selectPerson(frames, { width: W, height: H }), who);
    expect(people.slice(0, 40).every((p) => p === 0)).toBe(true);
    expect(people.slice(40, 45)).toEqual(Array(5).fill(-1));
    expect(people.slice(45).every((p) => p === 2)).toBe(true);
  });

  it('keeps one person whose track breaks into two interleaved tracklets (fast stride, blur)', () => {
    // From frame 50 the box jumps 120 px (IoU < 0.3 with the last one), except on frame 52 where
    // it is back: the old tracklet takes frame 52, a new one the others; both are the runner.
    const jumpy: Person = { ...runner, x: (f) => (f >= 50 && f !== 52 ? 540 : 420) };
    const { frames } = scene(100, [jumpy]);
    expect(buildTracklets(frames, { width: W, height: H }).length).toBeGreaterThan(1);
    expect(selectPerson(frames, { width: W, height: H })).toEqual(Array(100).fill(0));
  });

  it('does not jump to a bystander when the runner leaves the frame', () => {
    const leaves = { ...runner, to: 59 };
    const stays = { ...bystander, from: 0, to: 99, x: () => 50 };
    const { frames, who } = scene(100, [leaves, stays]);
    const people = chosenPeople(selectPerson(frames, { width: W, height: H }), who);
    expect(people.slice(0, 60)).toEqual(Array(60).fill(0));
    expect(people.slice(60)).toEqual(Array(40).fill(-1));
  });

  it('links boxes of one moving person into one tracklet', () => {
    const { frames } = scene(100, [runner]);
    expect(buildTracklets(frames, { width: W, height: H })).toHaveLength(1);
  });

  it('refuses a pick on a frame where nobody was detected', () => {
    const { frames } = scene(10, [{ ...runner, from: 5 }]);
    expect(() => selectPerson(frames, { width: W, height: H, pick: { frame: 2, x: 500, y: 300 } })).toThrow(
      /no person was detected in frame 2/,
    );
  });

  it('returns no choice at all for a clip without people', () => {
    expect(selectPerson([[], [], []], { width: W, height: H })).toEqual([-1, -1, -1]);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Landmark, type LandmarkSeries } from '../../src-shared/pose/landmarks';
import { detectPoses } from '../../src-main/services/pose/run';
import { toSeries, type PoseCandidates } from '../../src-main/services/pose/series';
import { readPoseStore, updatePick, writePoseStore } from '../../src-main/services/pose/store';
import { FIXTURES, inside, media, requireEngineBuild } from './helpers';

/**
 * Two people in view (sports2d_demo.mp4): by default the series holds the man (the most
 * persistent, central, large person), through his flip off the box; a point on the woman makes it
 * follow her instead, from stored candidates, without running detection again. Where each person
 * is was drawn by eye: test/fixtures/pose/sports2d-people.json.
 */
type Rect = [number, number, number, number];
interface People {
  man: { frame: number; box: Rect }[];
  woman: { frame: number; box: Rect }[];
  womanPick: { frame: number; x: number; y: number };
  womanGoneFrom: number;
}
const people = JSON.parse(readFileSync(join(FIXTURES, 'sports2d-people.json'), 'utf8')) as People;

const hipCentre = (s: LandmarkSeries, frame: number): [number, number] | null => {
  const f = s.frames[frame]!;
  if (f.status !== 'pose') return null;
  const l = f.image![Landmark.leftHip]!;
  const r = f.image![Landmark.rightHip]!;
  return [(l[0] + r[0]) / 2, (l[1] + r[1]) / 2];
};

let candidates: PoseCandidates;
const dir = mkdtempSync(join(tmpdir(), 'stridelab-pose-pick-'));
beforeAll(async () => {
  requireEngineBuild();
  ({ candidates } = await detectPoses({ clipPath: media('sports2d_demo.mp4'), model: 'lite', numPoses: 2 }));
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('person selection on sports2d_demo.mp4', () => {
  it('holds the man by default, before and after his flip', () => {
    const series = toSeries(candidates);
    for (const { frame, box } of people.man) {
      const hip = hipCentre(series, frame);
      expect(hip, `frame ${frame}`).not.toBeNull();
      expect(inside(hip!, box), `frame ${frame}: hips at ${hip}`).toBe(true);
    }
  });

  it('follows the woman once she is picked, and never switches to the man after she leaves', () => {
    writePoseStore(dir, candidates);
    updatePick(dir, 'lite', people.womanPick);
    const stored = readPoseStore(dir, 'lite')!;
    const series = toSeries(stored.candidates, stored.pick!);
    for (const { frame, box } of people.woman) {
      const hip = hipCentre(series, frame);
      expect(hip, `frame ${frame}`).not.toBeNull();
      expect(inside(hip!, box), `frame ${frame}: hips at ${hip}`).toBe(true);
    }
    for (const { frame, box } of people.man.filter((m) => m.frame >= people.womanGoneFrom)) {
      const hip = hipCentre(series, frame);
      if (hip) expect(inside(hip, box), `frame ${frame} holds the man`).toBe(false);
    }
  });
});

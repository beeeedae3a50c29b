import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LandmarkSeriesSchema } from '../../src-shared/pose/landmarks';
import { POSE_FLOATS, POSE_WORLD_OFFSET } from '../../src-shared/pose/engine-protocol';
import type { CandidateFrame, PoseCandidates } from '../../src-main/services/pose/series';
import { poseStoreFile, readPoseStore, updatePick, writePoseStore } from '../../src-main/services/pose/store';

/** Real landmarks (the committed fixture of the treadmill clip) packed back into engine floats. */
const series = LandmarkSeriesSchema.parse(
  JSON.parse(readFileSync(join(__dirname, '../fixtures/landmarks/treadmill_side_male.full.json'), 'utf8')),
);
function realFrames(n: number): CandidateFrame[] {
  return Array.from({ length: n }, (_, i) => {
    const f = series.frames[i % series.frames.length]!;
    const poses = new Float32Array(f.status === 'pose' ? POSE_FLOATS : 0);
    f.image?.forEach((l, k) => poses.set(l, k * 5));
    f.world?.forEach((w, k) => poses.set(w, POSE_WORLD_OFFSET + k * 3));
    return { t: i / 60, poses };
  });
}
const candidates = (frames: CandidateFrame[]): PoseCandidates => ({
  source: { ...series.source, fps: 60, frameCount: frames.length, durationS: frames.length / 60 },
  model: 'full',
  numPoses: 2,
  frames,
});

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'stridelab-pose-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('pose store', () => {
  it('round-trips every value within its quantisation step', () => {
    const dir = tempDir();
    const c = candidates(realFrames(120));
    writePoseStore(dir, c);
    const back = readPoseStore(dir, 'full');
    expect(back).not.toBeNull();
    expect(back!.candidates.source).toEqual(c.source);
    expect(back!.pick).toBeNull();
    expect(back!.candidates.frames).toHaveLength(120);
    // Steps: x, y 1/4 px; z 1/8000; vis, pres 1/32000; world 0.1 mm. Half a step is the worst error.
    const tol = [0.125, 0.125, 1 / 16000, 1 / 64000, 1 / 64000];
    back!.candidates.frames.forEach((f, i) => {
      const want = c.frames[i]!;
      expect(f.t).toBe(want.t);
      expect(f.poses.length).toBe(want.poses.length);
      for (let k = 0; k < 33; k++) {
        for (let ch = 0; ch < 5; ch++)
          expect(Math.abs(f.poses[k * 5 + ch]! - want.poses[k * 5 + ch]!)).toBeLessThanOrEqual(
            tol[ch]! + 1e-6,
          );
        for (let ch = 0; ch < 3; ch++) {
          const o = POSE_WORLD_OFFSET + k * 3 + ch;
          if (want.poses.length)
            expect(Math.abs(f.poses[o]! - want.poses[o]!)).toBeLessThanOrEqual(0.00005 + 1e-6);
        }
      }
    });
  });

  it('keeps a 2-minute 60 fps clip small (7,200 frames, one person: under 4 MB)', () => {
    const dir = tempDir();
    const file = writePoseStore(dir, candidates(realFrames(7200)));
    const bytes = statSync(file).size;
    expect(bytes).toBeLessThan(4 * 1024 * 1024);
    // For comparison, the same frames as JSON (stridelab pose --out) are ~15 MB.
  });

  it('never reports an incomplete or damaged file as results', () => {
    const dir = tempDir();
    const file = writePoseStore(dir, candidates(realFrames(30)));
    const good = readFileSync(file);
    writeFileSync(file, good.subarray(0, good.length - 100)); // cut short (crash mid-copy)
    expect(readPoseStore(dir, 'full')).toBeNull();
    const flipped = Buffer.from(good);
    flipped[Math.floor(good.length / 2)]! ^= 0xff; // a flipped byte in the body
    writeFileSync(file, flipped);
    expect(readPoseStore(dir, 'full')).toBeNull();
    writeFileSync(file, good);
    expect(readPoseStore(dir, 'full')).not.toBeNull();
  });

  it('ignores and cleans up the temp file a crashed run left behind', () => {
    const dir = tempDir();
    writeFileSync(`${poseStoreFile(dir, 'lite')}.dead.tmp`, 'partial');
    expect(readPoseStore(dir, 'lite')).toBeNull();
    writePoseStore(dir, { ...candidates(realFrames(5)), model: 'lite' });
    expect(readdirSync(dir)).toEqual(['pose.lite.slpose']);
  });

  it('stores the person the user picked, without touching the landmarks', () => {
    const dir = tempDir();
    writePoseStore(dir, candidates(realFrames(10)));
    updatePick(dir, 'full', { frame: 3, x: 100, y: 200 });
    const back = readPoseStore(dir, 'full')!;
    expect(back.pick).toEqual({ frame: 3, x: 100, y: 200 });
    expect(back.candidates.frames).toHaveLength(10);
    expect(() => updatePick(dir, 'lite', null)).toThrow(/no complete pose results/);
  });
});

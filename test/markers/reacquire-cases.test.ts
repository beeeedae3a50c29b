/**
 * A marker held by one length, lost and taken up again (src-shared/markers/track-reacquire.ts), and
 * the knee-markers clip where the malleolus used to be lost for good (issue 15).
 * - Hidden: trochanter, knee and malleolus named and taped (30 fps, noise seed 7), the malleolus
 *   hidden for 7 frames mid-clip. Before, coasting then lost, it was looked for only where it was
 *   last seen and came back 17 frames after it reappeared (65 of 83 visible frames within 1 px).
 *   Now it is taken up on its circle around the knee on the third frame it is seen again, at a low
 *   confidence first, and followed to the end.
 * - The clip of test/markers-app/knee-markers.e2e.test.ts (the near leg's seven taped, the three
 *   named, the heel and 5th metatarsal unnamed beside the malleolus), noise seeds 7 and 11: the
 *   malleolus took a faint smear, then the 5th metatarsal's blob, on frames 266–267 and was lost to
 *   the end (266 of 300 frames within 1 px). Now it is held (the streak contrast, track.ts) and
 *   would be taken up again if not.
 */
import { describe, expect, it } from 'vitest';
import { truthSeeds } from '../../src-shared/markers/testing';
import { generateMarkerClip } from '../../src-shared/gait/synthetic/marker-clip';
import { trackMarkers } from '../../src-shared/markers';
import { CASES, KNEE3, runCase, scoreTracks, seedFrameOf } from './cases';

const spec = CASES.find((c) => c.id.startsWith('side 60 fps 5 s, knee three named of seven taped'))!;

describe('a lost single-length marker taken up again', () => {
  it('knee three at 30 fps, the malleolus hidden 7 frames: taken up on the third frame it is seen', async () => {
    const hidden = { name: 'rightLateralMalleolus' as const, from: 50, frames: 7 };
    const clip = generateMarkerClip({ view: 'side', fps: 30, durationS: 3, markers: KNEE3, seed: 7, hidden });
    const frame = seedFrameOf(clip, KNEE3);
    const seeds = truthSeeds(clip, KNEE3, frame);
    const tracks = await trackMarkers([...clip.frames()], seeds, {
      detection: { appearance: { kind: 'bright' } },
      frameCount: clip.frameCount,
    });
    const score = scoreTracks(clip, tracks);
    expect(score.reduce((a, m) => a + m.swaps + m.guessed, 0)).toBe(0);
    const points = tracks.find((t) => t.name === 'rightLateralMalleolus')!.points;
    const truth = clip.truth.points.rightLateralMalleolus!;
    const back = hidden.from + hidden.frames;
    expect(truth[back]!.visible).toBe(true);
    // Not shown while hidden; seen again on its third visible frame, within 1 px from there on.
    for (let i = hidden.from; i < back; i++) expect(points[i]!.state).not.toBe('detected');
    const first = points.findIndex((p, i) => i >= back && p.state === 'detected');
    expect(first).toBeGreaterThanOrEqual(back);
    expect(first).toBeLessThanOrEqual(back + 2);
    for (let i = first; i < points.length; i++)
      expect(Math.hypot(points[i]!.x - truth[i]!.x, points[i]!.y - truth[i]!.y)).toBeLessThanOrEqual(1);
    // Its confidence starts low and is whole again within five frames.
    expect(points[first]!.confidence).toBeLessThanOrEqual(0.25);
    expect(points[first + 5]!.confidence).toBeGreaterThan(0.5);
    const mall = score.find((m) => m.name === 'rightLateralMalleolus')!;
    expect(mall.within / mall.visible).toBeGreaterThanOrEqual(0.95);
  }, 180_000);

  it('knee three at 60 fps, the malleolus hidden 14 frames: never shown on a faint blob while hidden', async () => {
    // The arc search around the knee (track-circle.ts) took a faint blob (contrast 40) on the first
    // two hidden frames, 15–18 px off, shown as detected; a blob dimmer than the marker's own streak
    // now costs more there too.
    const hidden = { name: 'rightLateralMalleolus' as const, from: 100, frames: 14 };
    const clip = generateMarkerClip({ view: 'side', fps: 60, durationS: 3, markers: KNEE3, seed: 7, hidden });
    const frame = seedFrameOf(clip, KNEE3);
    const seeds = KNEE3.map((name) => ({ name, frame, ...clip.truth.points[name]![frame]! }));
    const tracks = await trackMarkers([...clip.frames()], seeds, {
      detection: { appearance: { kind: 'bright' } },
      frameCount: clip.frameCount,
    });
    const points = tracks.find((t) => t.name === 'rightLateralMalleolus')!.points;
    const shown = points.flatMap((p, i) =>
      i >= hidden.from && i < hidden.from + hidden.frames && p.state === 'detected' ? [i] : [],
    );
    expect(shown).toEqual([]);
    expect(scoreTracks(clip, tracks).reduce((a, m) => a + m.swaps + m.guessed, 0)).toBe(0);
  }, 180_000);

  for (const seed of [7, 11])
    it(`knee-markers clip, noise seed ${seed}: the malleolus followed past frame 266`, async () => {
      const r = await runCase({ ...spec, seed });
      expect(r.swaps).toBe(0);
      expect(r.guessed).toBe(0);
      const mall = r.perMarker.find((m) => m.name === 'rightLateralMalleolus')!;
      expect(mall.within / mall.visible).toBeGreaterThanOrEqual(0.98);
      const points = r.tracks.find((t) => t.name === 'rightLateralMalleolus')!.points;
      expect(points.filter((p, i) => i >= 266 && p.state !== 'detected').length).toBeLessThanOrEqual(4);
    }, 180_000);
});

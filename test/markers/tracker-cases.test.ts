/**
 * The tracker on the synthetic cases that failed before the segment constraints and the rear legs
 * (docs/markers.md, "Measured"; test/markers/cases.ts renders, seeds and scores them). Issue 15's targets: within 1 px
 * on ≥ 98% of visible frames, identities never swapped, pelvic tilt within 1°, rearfoot eversion
 * within 1.5°, a hidden marker shown as not visible rather than guessed.
 */
import { describe, expect, it } from 'vitest';
import { CASES, runCase } from './cases';

const spec = (id: string): (typeof CASES)[number] => CASES.find((c) => c.id.startsWith(id))!;

describe('marker tracking on the synthetic cases', () => {
  it('side view, 30 fps, all 11 markers: feet and knees held, the hidden knee placed by its segment', async () => {
    const r = await runCase(spec('side 30 fps, all'));
    expect(r.within / r.visible).toBeGreaterThanOrEqual(0.98);
    expect(r.swaps).toBe(0);
    expect(r.guessed).toBe(0);
    expect(r.tilt!.good).toBe(r.tilt!.of);
    // The near knee is hidden on frames 40..44 (at 30 fps the knee moves ~15 px a frame there): it
    // was carried ~100 px off and then took the far knee's blob; now the trochanter and malleolus
    // fix its place, it is reported as predicted there, and never detected.
    const knee = r.tracks.find((t) => t.name === 'rightLateralKnee')!;
    const truth = r.clip.truth.points.rightLateralKnee!;
    for (let i = 40; i < 45; i++) {
      const p = knee.points[i]!;
      expect(p.state).not.toBe('detected');
      if (p.state === 'predicted') expect(Math.hypot(p.x - truth[i]!.x, p.y - truth[i]!.y)).toBeLessThan(3);
    }
    expect(knee.points[45]!.state).toBe('detected');
  }, 180_000);

  it('side view, 60 fps, all 11 markers: ≥ 98% within 1 px, no swap', async () => {
    const r = await runCase(spec('side 60 fps, all'));
    expect(r.within / r.visible).toBeGreaterThanOrEqual(0.98);
    expect(r.swaps).toBe(0);
    expect(r.tilt!.good).toBe(r.tilt!.of);
  }, 180_000);

  // A clinic that tapes only the knee angle's three (trochanter, knee, lateral malleolus): the
  // malleolus has one length (to the knee) and is looked for along its circle (track-circle.ts).
  // Before: the malleolus within 1 px on 8% (60 fps) / 7% (30 fps) of frames, 3 / 23 swaps.
  for (const id of ['side 60 fps, knee three', 'side 30 fps, knee three', 'side 60 fps 5 s, knee three'])
    it(`${id}: ≥ 98% within 1 px, no swap, the malleolus held`, async () => {
      const r = await runCase(spec(id));
      expect(r.within / r.visible).toBeGreaterThanOrEqual(0.98);
      expect(r.swaps).toBe(0);
      expect(r.guessed).toBe(0);
      const mall = r.perMarker.find((m) => m.name === 'rightLateralMalleolus')!;
      expect(mall.within / mall.visible).toBeGreaterThanOrEqual(0.97);
    }, 180_000);

  // Rear view (track-legs.ts, track-confirm.ts, track-fold.ts): measured per frame rate and noise seed
  // (docs/markers.md, "Measured", "No swap at 30 fps": within 1 px 93.7-94.7% at 60 fps, 76.8-78.4%
  // at 30 fps on seeds 7, 11, 23, 31; 92.6% and 77.4% on seed 47, held out while it was built; since
  // "Where the rear legs' misses are" 93.7-94.3% at 60 fps, seed 61 93.9% and 76.5%; no
  // swap on these seeds (on 71 at 30 fps one until "A hidden marker is not moved onto another's blob"); before, 3-7 swaps a clip at 30 fps), the within floors under a point below, since the rear legs respond to small changes by
  // a few frames either way; the swaps and stances as measured. No stance may be given a wrong value.
  const REAR: readonly {
    fps: 30 | 60;
    seed: number;
    within: number;
    peaks: number;
  }[] = [
    // Floors raised with "A one-ended search that does not come back" (track-fold-exchange.ts
    // strayedVotes; track-fold.ts contradicts: two markers on one spot): measured 60 fps 96.2 -> 96.7,
    // 96.2 -> 96.7 (7, 11; 23, 47, 61 in docs/markers.md); 30 fps 89.4 -> 93.3, 87.0 -> 93.4, 87.5 ->
    // 93.2, 88.4 -> 93.6, 89.5 -> 93.6 and (71) 88.1 -> 94.1%, peaks as before.
    { fps: 60, seed: 7, within: 0.96, peaks: 8 },
    { fps: 60, seed: 11, within: 0.96, peaks: 8 },
    { fps: 60, seed: 23, within: 0.96, peaks: 8 },
    { fps: 60, seed: 47, within: 0.96, peaks: 8 },
    // Named on a merged blob (seedStates): 22 swaps at 60 fps, 1 and a wrong peak at 30, before.
    { fps: 60, seed: 61, within: 0.96, peaks: 8 },
    { fps: 30, seed: 7, within: 0.92, peaks: 7 },
    { fps: 30, seed: 11, within: 0.92, peaks: 7 },
    { fps: 30, seed: 23, within: 0.92, peaks: 7 },
    { fps: 30, seed: 47, within: 0.92, peaks: 7 },
    { fps: 30, seed: 61, within: 0.92, peaks: 7 },
    // Held out, first run on 2026-12-07: one swap at 30 fps (the shank's upper marker, hidden on
    // frames 40-44, corrected onto the lower one's blob on frame 43 and named on the heel counter's
    // at 45) until a marker unseen for three frames was no longer corrected onto another's blob
    // (track-neighbours.ts; docs/markers.md, "A hidden marker is not moved onto another's blob").
    { fps: 30, seed: 71, within: 0.92, peaks: 7 },
  ];
  const rear = new Map<string, ReturnType<typeof runCase>>();
  const rearCase = (fps: 30 | 60, seed: number): ReturnType<typeof runCase> => {
    const key = `${fps}/${seed}`;
    if (!rear.has(key)) rear.set(key, runCase({ ...spec(`rear ${fps}`), seed }));
    return rear.get(key)!;
  };

  for (const c of REAR)
    it(`rear view, ${c.fps} fps, noise seed ${c.seed}: eversion at contact and peak, no swap`, async () => {
      const r = await rearCase(c.fps, c.seed);
      expect(r.stances!.of).toBe(8);
      expect(r.stances!.good).toBeGreaterThanOrEqual(c.peaks);
      expect(r.stances!.contactGood).toBe(8);
      expect(r.stances!.wrong + r.stances!.contactWrong).toBe(0);
      expect(r.swaps).toBe(0);
      expect(r.within / r.visible).toBeGreaterThanOrEqual(c.within);
      // The PSIS pair never folds: every frame within 1 px.
      for (const m of r.perMarker.filter((q) => q.name.endsWith('Psis'))) expect(m.within).toBe(m.visible);
      // A hidden marker is shown as not seen: the clip's (the left shank's upper marker, not drawn on
      // frames 40-44) is never detected there, and no marker covered by a nearer one is detected more
      // than 3 px off (docs/markers.md, "A one-ended search that does not come back": 30 fps, a
      // covered shank marker in a three-marker blob 3.1 px off on 4 of 37 seeds; 60 fps, one touching
      // the heel counter 3.8 px off on the first folded frame, 7 of 10 tuning seeds; none since).
      const hidden = r.tracks.find((t) => t.name === 'leftShankUpper')!;
      for (let i = 40; i < 45; i++) expect(hidden.points[i]!.state).not.toBe('detected');
      expect(r.guessed).toBe(0);
    }, 180_000);

  // Issue 15's targets for the rear view, not reached yet (docs/markers.md, "What is left"): in swing
  // a leg's four markers pass each other on one vertical line and their blobs merge, and a member
  // whose identity the fold search cannot settle is reported lost (a gap, not a swap): 96.5-96.9%
  // within 1 px at 60 fps (13 noise seeds) and 92.6-95.1% at 30 fps (45), peak eversion measurable on 7
  // of 8 stances at 30 fps.
  for (const fps of [60, 30] as const)
    it.fails(
      `rear view, ${fps} fps: the issue's targets (≥ 98% within 1 px, no swap, every stance)`,
      async () => {
        const r = await rearCase(fps, 7);
        expect(r.within / r.visible).toBeGreaterThanOrEqual(0.98);
        expect(r.swaps).toBe(0);
        expect(r.stances!.good).toBe(8);
        expect(r.stances!.contactGood).toBe(8);
      },
      180_000,
    );
});

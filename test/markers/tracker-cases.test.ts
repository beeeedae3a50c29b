/**
 * The tracker on the synthetic cases that failed before the segment constraints (docs/markers.md,
 * "Measured"; test/markers/cases.ts renders, seeds and scores them). Issue 15's targets: within 1 px
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

  it('rear view, 30 fps: eversion on half the stances (was 1 of 8), and no wrong value on the others', async () => {
    const r = await runCase(spec('rear 30'));
    expect(r.stances!.of).toBe(8);
    // The rear view's leg markers respond to any change in the tracker by a stance or two either
    // way (docs/markers.md, "What is left"): the floor is set below what was measured (4-6 of 8).
    expect(r.stances!.good).toBeGreaterThanOrEqual(4);
    // A stance whose markers were not seen is left out (not measurable), never given a wrong peak.
    expect(r.stances!.wrong).toBe(0);
  }, 180_000);
});

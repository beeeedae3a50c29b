/**
 * Does the stated uncertainty cover the observed error (docs/uncertainty.md §7)? On the sample
 * clip, each at-event value at the detected event is compared with the same angle series at the
 * hand-labelled event (nearest label within 4 frames): the per-step uncertainty (event timing at
 * perStepTiming (timing-bias.ts), i.e. the random and the per-foot parts of timing-bias.ts together, the
 * filter's residual, occlusion) must hold that error within ±1.96u for at least 90% of the steps
 * (measured: 89 of 94, 95%; 87 of 94 with 0.75 frame before the split), and each 95% interval of
 * the mean, whose systematic part is now the feet's timing bias alone (0.5 frame × the angle's
 * rate), must hold the mean at the labelled frames (measured: 10 of 10; the tightest, near-leg hip
 * extension at toe-off, 0.4 to 12.0° around 11.4°).
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src-shared/gait';
import { VARIABLES } from '../../src-shared/gait/tables/variables';
import { loadLabelledClips } from './labelled-clips';

const AT_EVENT = [
  'knee-flexion-ic',
  'tibia-inclination-ic',
  'foot-inclination-ic',
  'ankle-dorsiflexion-ic',
  'hip-extension-to',
] as const;

describe('uncertainty against the hand-labelled events (sample clip, MediaPipe full)', () => {
  const clip = loadLabelledClips().find((c) => c.id === 'treadmill_side_male.full');
  if (!clip) throw new Error('the sample clip (MediaPipe full) is not among the labelled clips');
  const a = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: clip.heightCm } });
  let steps = 0;
  let covered = 0;
  const intervals: { id: string; side: string; atLabels: number; iv: readonly [number, number] }[] = [];
  for (const id of AT_EVENT) {
    const def = VARIABLES.find((d) => d.id === id);
    const v = a.variables.find((x) => x.id === id);
    if (!def || !v || def.extract.kind !== 'angle-at') throw new Error(`${id}: not an angle at an event`);
    const { angle, event } = def.extract;
    const sign = 'negate' in def.extract && def.extract.negate ? -1 : 1;
    for (const side of ['left', 'right'] as const) {
      const series = a.angles.find((s) => s.id === angle && s.side === side)?.values ?? [];
      const labels = clip.labels.events
        .filter((e) => e.side === side && e.kind === event)
        .map((e) => e.frame);
      const atLabels: number[] = [];
      for (const s of v[side].values) {
        if (!s.clean || s.u === null) continue;
        const lab = [...labels].sort((p, q) => Math.abs(p - s.frame) - Math.abs(q - s.frame))[0];
        if (lab === undefined || Math.abs(lab - s.frame) > 4) continue;
        const err = (series[s.frame] ?? NaN) - (series[lab] ?? NaN);
        if (!Number.isFinite(err)) continue;
        steps++;
        if (Math.abs(err) <= 1.96 * s.u) covered++;
        atLabels.push(s.value - sign * err);
      }
      const iv = v[side].uncertainty?.interval;
      if (iv && atLabels.length)
        intervals.push({ id, side, atLabels: atLabels.reduce((p, q) => p + q, 0) / atLabels.length, iv });
    }
  }

  it('covers the per-step error within ±1.96u for at least 90% of the steps', () => {
    expect(steps).toBeGreaterThan(80);
    expect(covered / steps, `${covered} of ${steps}`).toBeGreaterThanOrEqual(0.9);
  });

  it('puts the mean at the labelled frames inside each 95% interval of the mean', () => {
    expect(intervals).toHaveLength(10);
    for (const r of intervals) {
      expect(r.atLabels, `${r.id} ${r.side}`).toBeGreaterThanOrEqual(r.iv[0]);
      expect(r.atLabels, `${r.id} ${r.side}`).toBeLessThanOrEqual(r.iv[1]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { LandmarkSeriesSchema } from '../../pose/landmarks';
import { generateRunner } from './index';

describe('synthetic runner', () => {
  it('writes a valid stridelab.landmarks/1 series at the requested frame rate', () => {
    const clip = generateRunner({ view: 'side', fps: 120, durationS: 2 });
    expect(LandmarkSeriesSchema.safeParse(clip.series).success).toBe(true);
    expect(clip.series.frames).toHaveLength(240);
    expect(clip.series.frames[1]?.t).toBeCloseTo(1 / 120, 12);
  });

  it('keeps the stance foot on the belt and the swing foot above it', () => {
    for (const gait of ['running', 'walking'] as const) {
      const { design } = generateRunner({ view: 'side', gait, durationS: 1 });
      for (let k = 0; k < 2000; k++) {
        const t = (k / 2000) * 2 * design.strideS;
        for (const side of ['left', 'right'] as const) {
          const leg = design.leg(side, t);
          const low = Math.min(leg.heel.y, leg.toe.y);
          if (leg.stance) expect(Math.abs(low)).toBeLessThan(1e-9);
          else expect(low).toBeGreaterThan(-0.01);
        }
      }
    }
  });

  it('has the designed timing: cadence, contact and flight, alternating feet', () => {
    const clip = generateRunner({ view: 'side', cadence: 180, dutyFactor: 0.34, durationS: 4 });
    expect(clip.truth.stepS).toBeCloseTo(60 / 180, 12);
    expect(clip.truth.contactS).toBeCloseTo(0.34 * (120 / 180), 12);
    const ics = clip.truth.events.filter((e) => e.kind === 'initial-contact');
    for (let i = 1; i < ics.length; i++) {
      expect((ics[i]?.t as number) - (ics[i - 1]?.t as number)).toBeCloseTo(60 / 180, 9);
      expect(ics[i]?.side).not.toBe(ics[i - 1]?.side);
    }
  });

  it('joins stance and swing without jumps in the joint angles', () => {
    const { design } = generateRunner({ view: 'side', durationS: 1 });
    const to = design.icTime('left', 1) + design.contactS;
    const before = design.leg('left', to - 1e-7);
    const after = design.leg('left', to + 1e-7);
    expect(after.kneeFlexionDeg).toBeCloseTo(before.kneeFlexionDeg, 3);
    expect(after.thighDeg).toBeCloseTo(before.thighDeg, 3);
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const a = generateRunner({ view: 'side', noisePx: 1, seed: 9, durationS: 1 });
    const b = generateRunner({ view: 'side', noisePx: 1, seed: 9, durationS: 1 });
    const c = generateRunner({ view: 'side', noisePx: 1, seed: 10, durationS: 1 });
    expect(b.series).toEqual(a.series);
    expect(c.series.frames[5]?.image?.[27]?.[0]).not.toBe(a.series.frames[5]?.image?.[27]?.[0]);
  });

  it('puts the near leg nearer the camera and the patient\u2019s left on image-left from behind', () => {
    const right = generateRunner({ view: 'side', facing: 'image-right', durationS: 0.2 }).series.frames[0]
      ?.image;
    // Facing image-right, the camera sees the runner's right side: right hip has the smaller depth.
    expect(right?.[24]?.[2] as number).toBeLessThan(right?.[23]?.[2] as number);
    const rear = generateRunner({ view: 'rear', durationS: 0.2 }).series.frames[0]?.image;
    expect(rear?.[23]?.[0] as number).toBeLessThan(rear?.[24]?.[0] as number);
  });

  it('refuses a design that is not a gait', () => {
    expect(() => generateRunner({ view: 'side', gait: 'running', dutyFactor: 0.6 })).toThrow(/duty factor/);
    expect(() => generateRunner({ view: 'side', gait: 'walking', strike: 'forefoot' })).toThrow(/rearfoot/);
  });
});

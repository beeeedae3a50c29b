import { describe, expect, it } from 'vitest';
import type { Degrees } from '../../units';
import { analyzeGait } from '../analyze';
import { generateRunner } from '../synthetic';
import { HAMSTRING_MUSCLES, type HamstringMuscle } from './geometry';
import { lengthRatio } from './length';
import { hamstringPeak, hamstringUncertainty } from './step';

const deg = (n: number): Degrees => n as Degrees;

describe('hamstring peak in late swing, per step', () => {
  it('finds the frame where hip flexion and knee extension together are greatest', () => {
    // Thigh held at 40°, the knee extending 60° → 10° over frames 0–10 then flexing again.
    const thigh = Array.from({ length: 16 }, () => 40);
    const knee = Array.from({ length: 16 }, (_, i) => (i <= 10 ? 60 - 5 * i : 10 + 4 * (i - 10)));
    const p = hamstringPeak('biceps-femoris-long-head', thigh, knee, 2, 15)!;
    expect(p.at).toBe(10);
    expect(p.ratio).toBe(lengthRatio('biceps-femoris-long-head', deg(40), deg(10)));
    // Frames without both angles are skipped; a window without any gives none.
    knee[10] = NaN;
    expect(hamstringPeak('biceps-femoris-long-head', thigh, knee, 2, 15)!.at).not.toBe(10);
    expect(hamstringPeak('semimembranosus', [NaN, NaN], [10, 10], 0, 1)).toBeNull();
  });

  it('propagates the angles’ uncertainty through the model’s slopes', () => {
    // Knee 45°: away from the knee flexions where a conditional point switches (19° ST, 32° SM).
    const slope = (m: HamstringMuscle, dh: number, dk: number): number =>
      (lengthRatio(m, deg(35 + dh), deg(45 + dk)) - lengthRatio(m, deg(35 - dh), deg(45 - dk))) / 2;
    const near = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThan(0.01 * Math.abs(b));
    for (const m of HAMSTRING_MUSCLES) {
      const one = { u: 1, systematic: 0, occlusion: 0, visibility: 1 };
      const none = { u: 0, systematic: 0, occlusion: 0, visibility: 1 };
      // 1° on the hip alone: the change of the ratio per degree of hip; likewise the knee.
      near(hamstringUncertainty(m, 35, 45, one, none).u, Math.abs(slope(m, 1, 0)));
      near(hamstringUncertainty(m, 35, 45, none, one).u, Math.abs(slope(m, 0, 1)));
      // Both: in quadrature.
      const both = hamstringUncertainty(m, 35, 45, { ...one, u: 3 }, { ...one, u: 4 }).u;
      near(both, Math.hypot(3 * slope(m, 1, 0), 4 * slope(m, 0, 1)));
    }
  });
});

/**
 * On the synthetic runner (right leg nearer the camera): every step has a finite value for each
 * muscle, in the order of the model (SM < ST < BF, as Thelen 2005 reports for sprinting); the near
 * leg's mean is the peak computed from the design's own angles; a thigh swung further forward before
 * contact lengthens the hamstring by what the model's slope says.
 */
describe('hamstring length in late swing on the synthetic runner', () => {
  const run = (rightHip: number) => {
    const clip = generateRunner({
      view: 'side',
      durationS: 6,
      cadence: 166,
      noisePx: 1.5,
      seed: 11,
      right: { lateSwingHipFlexionDeg: rightHip },
    });
    return { clip, a: analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: 175 } }) };
  };
  const ID: Record<HamstringMuscle, string> = {
    semimembranosus: 'hamstring-length-ls-sm',
    semitendinosus: 'hamstring-length-ls-st',
    'biceps-femoris-long-head': 'hamstring-length-ls-bflh',
  };
  const base = run(34);
  const variable = (a: typeof base.a, m: HamstringMuscle) => a.variables.find((v) => v.id === ID[m])!;

  it('gives finite per-step values on both sides, SM < ST < BF at every step', { timeout: 120_000 }, () => {
    for (const side of ['left', 'right'] as const) {
      const [sm, st, bf] = (['semimembranosus', 'semitendinosus', 'biceps-femoris-long-head'] as const).map(
        (m) => variable(base.a, m)[side],
      );
      expect(bf!.n).toBeGreaterThanOrEqual(5);
      bf!.values.forEach((s, i) => {
        expect(Number.isFinite(s.value)).toBe(true);
        expect(s.u).toBeGreaterThan(0);
        expect(sm!.values[i]!.value).toBeLessThan(st!.values[i]!.value);
        expect(st!.values[i]!.value).toBeLessThan(s.value);
      });
    }
    // The far leg's angles carry the occlusion bias: its interval is the wider.
    const bf = variable(base.a, 'biceps-femoris-long-head');
    expect(bf.left.uncertainty!.combined).toBeGreaterThan(3 * bf.right.uncertainty!.combined);
  });

  it(
    'reads the design: the near leg’s mean is the peak from the design’s angles',
    { timeout: 120_000 },
    () => {
      const { events, frames } = base.clip.truth;
      for (const m of HAMSTRING_MUSCLES) {
        const peaks: number[] = [];
        for (const ls of events.filter((e) => e.kind === 'late-swing' && e.side === 'right')) {
          const ic = events.find((e) => e.kind === 'initial-contact' && e.side === 'right' && e.t > ls.t);
          if (!ic) continue;
          const w = frames.filter((f) => f.t >= ls.t && f.t <= ic.t);
          peaks.push(
            Math.max(
              ...w.map((f) => lengthRatio(m, deg(f.right.hipFlexionDeg), deg(f.right.kneeFlexionDeg))),
            ),
          );
        }
        const truth = peaks.reduce((s, x) => s + x, 0) / peaks.length;
        // 1° of hip is about 0.0025 of the ratio: the engine reads the design's angles within a degree.
        expect(Math.abs(variable(base.a, m).right.mean! - truth)).toBeLessThan(0.004);
      }
    },
  );

  it('lengthens with a thigh swung further forward, by the model’s slope', { timeout: 120_000 }, () => {
    const more = run(40);
    const bf = (a: typeof base.a) => variable(a, 'biceps-femoris-long-head').right.mean!;
    const gain = bf(more.a) - bf(base.a);
    // About 6° × 0.0025 per degree; the left leg, unchanged by design, stays within its noise.
    expect(gain).toBeGreaterThan(0.008);
    expect(gain).toBeLessThan(0.02);
    const left = (a: typeof base.a) => variable(a, 'biceps-femoris-long-head').left.mean!;
    expect(Math.abs(left(more.a) - left(base.a))).toBeLessThan(0.004);
  });
});

import { describe, expect, it } from 'vitest';
import type { Degrees } from '../../units';
import { HAMSTRING_MUSCLES } from './geometry';
import { lengthRatio, lengthRatioGradient, musculotendonLength, standingLength } from './length';
import { evalSpline, fmmSpline } from './spline';

const deg = (n: number): Degrees => n as Degrees;

/**
 * The model's length against plain geometry written out here by hand from the .osim coordinates
 * (gait2392_thelen2003muscle.osim, biceps femoris long head: origin on the pelvis, two points on the
 * tibia; hip centre in the pelvis; the knee's two splines read at their knots).
 */
describe('hamstring length (Delp 1990 / gait2392)', () => {
  it('is exactly 1 standing (hip 0, knee 0) for every muscle', () => {
    for (const m of HAMSTRING_MUSCLES) expect(lengthRatio(m, deg(0), deg(0))).toBe(1);
  });

  it('grows with hip flexion and shrinks with knee flexion', () => {
    for (const m of HAMSTRING_MUSCLES) {
      for (const knee of [0, 20, 45]) {
        const byHip = [0, 20, 40, 60, 80].map((h) => lengthRatio(m, deg(h), deg(knee)));
        for (let i = 1; i < byHip.length; i++) expect(byHip[i]!).toBeGreaterThan(byHip[i - 1]!);
      }
      for (const hip of [0, 30, 60]) {
        const byKnee = [0, 15, 30, 60, 90].map((k) => lengthRatio(m, deg(hip), deg(k)));
        for (let i = 1; i < byKnee.length; i++) expect(byKnee[i]!).toBeLessThan(byKnee[i - 1]!);
      }
      const g = lengthRatioGradient(m, deg(45), deg(25));
      expect(g.hip).toBeGreaterThan(0);
      expect(g.knee).toBeLessThan(0);
    }
  });

  it('matches a point computed by hand at hip 60°, knee 0° (biceps femoris long head)', () => {
    // Knee at 0: the splines' value at q = 0 from their own knots; checked separately below.
    const kx = evalSpline(
      fmmSpline(
        [
          -2.0944, -1.74533, -1.39626, -1.0472, -0.698132, -0.349066, -0.174533, 0.197344, 0.337395, 0.490178,
          1.52146, 2.0944,
        ],
        [
          -0.0032, 0.00179, 0.00411, 0.0041, 0.00212, -0.001, -0.0031, -0.005227, -0.005435, -0.005574,
          -0.005435, -0.00525,
        ],
      ),
      0,
    );
    const ky = evalSpline(
      fmmSpline(
        [-2.0944, -1.22173, -0.523599, -0.349066, -0.174533, 0.159149, 2.0944],
        [-0.4226, -0.4082, -0.399, -0.3976, -0.3966, -0.395264, -0.396],
      ),
      0,
    );
    const a = Math.PI / 3;
    const [c, s] = [Math.cos(a), Math.sin(a)];
    const hip = [-0.0707, -0.0661, 0.0835];
    const origin = [-0.12596, -0.10257, 0.06944];
    // Tibia points: + knee translation (femur frame), rotated by the hip, + hip centre.
    const onTibia = (x: number, y: number, z: number): number[] => {
      const fx = x + kx;
      const fy = y + ky;
      return [hip[0]! + fx * c - fy * s, hip[1]! + fx * s + fy * c, hip[2]! + z];
    };
    const p2 = onTibia(-0.0301, -0.036, 0.02943);
    const p3 = onTibia(-0.0234, -0.0563, 0.0343);
    const d = (p: number[], q: number[]): number => Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!);
    const byHand = d(origin, p2) + d(p2, p3);
    expect(musculotendonLength('biceps-femoris-long-head', (Math.PI / 3) as never, 0 as never)).toBeCloseTo(
      byHand,
      12,
    );
    // Standing, by hand (a = 0), for the ratio.
    const st = (x: number, y: number, z: number): number[] => [
      hip[0]! + x + kx,
      hip[1]! + y + ky,
      hip[2]! + z,
    ];
    const standing =
      d(origin, st(-0.0301, -0.036, 0.02943)) + d(st(-0.0301, -0.036, 0.02943), st(-0.0234, -0.0563, 0.0343));
    expect(standingLength('biceps-femoris-long-head')).toBeCloseTo(standing, 12);
    expect(lengthRatio('biceps-femoris-long-head', deg(60), deg(0))).toBeCloseTo(byHand / standing, 12);
    // The adult model's hamstrings are about 42 cm long standing, ischium to tibia.
    expect(standing).toBeGreaterThan(0.4);
    expect(standing).toBeLessThan(0.44);
  });

  it('reads the knee splines through their knots (an interpolating spline)', () => {
    const xs = [-2.0944, -1.22173, -0.523599, -0.349066, -0.174533, 0.159149, 2.0944];
    const ys = [-0.4226, -0.4082, -0.399, -0.3976, -0.3966, -0.395264, -0.396];
    const s = fmmSpline(xs, ys);
    xs.forEach((x, i) => expect(evalSpline(s, x)).toBeCloseTo(ys[i]!, 12));
    // A cubic is reproduced exactly (the end conditions are the cubic's own third derivative).
    const cx = [0, 0.5, 1.5, 2, 3, 4.5];
    const cubic = (x: number): number => 1 - 2 * x + 0.5 * x * x + 0.3 * x ** 3;
    const sc = fmmSpline(cx, cx.map(cubic));
    for (const x of [0.2, 1.1, 2.7, 4]) expect(evalSpline(sc, x)).toBeCloseTo(cubic(x), 10);
  });

  it('has the published ordering of the three in a sprint-like late swing (Thelen 2005: SM < ST < BF)', () => {
    const r = (m: (typeof HAMSTRING_MUSCLES)[number]): number => lengthRatio(m, deg(55), deg(30));
    expect(r('semimembranosus')).toBeLessThan(r('semitendinosus'));
    expect(r('semitendinosus')).toBeLessThan(r('biceps-femoris-long-head'));
  });
});

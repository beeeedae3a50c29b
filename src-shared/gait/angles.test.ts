/** Joint angles against the synthetic runner's known joint-angle curves (no noise, no filter). */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from './analyze';
import { generateRunner, type TruthFrame, type TruthLeg } from './synthetic';

type Getter = (f: TruthFrame, side: 'left' | 'right') => number;
const leg =
  (k: keyof TruthLeg): Getter =>
  (f, side) =>
    f[side][k] as number;

const SIDE_ANGLES: Record<string, Getter> = {
  'hip-flexion': leg('hipFlexionDeg'),
  'knee-flexion': leg('kneeFlexionDeg'),
  'ankle-dorsiflexion': leg('ankleDorsiflexionDeg'),
  'foot-inclination': leg('footInclinationDeg'),
  'tibia-inclination': leg('tibiaInclinationDeg'),
  'trunk-lean': (f) => f.trunkLeanDeg,
};
const REAR_ANGLES: Record<string, Getter> = {
  'pelvic-obliquity': (f) => f.obliquityDeg,
  'hip-adduction': leg('hipAdductionDeg'),
  'knee-fppa': leg('kneeFppaDeg'),
  'trunk-lateral-lean': (f) => f.trunkLateralDeg,
};

function maxError(
  result: ReturnType<typeof analyzeGait>,
  frames: readonly TruthFrame[],
  table: Record<string, Getter>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, get] of Object.entries(table)) {
    for (const series of result.angles.filter((a) => a.id === id)) {
      const side = series.side === 'right' ? 'right' : 'left';
      series.values.forEach((v, i) => {
        const f = frames[i] as TruthFrame;
        const e = Math.abs((v as number) - get(f, side));
        out[id] = Math.max(out[id] ?? 0, e);
      });
    }
  }
  return out;
}

describe('joint angles', () => {
  it.each([
    { fps: 60, facing: 'image-right' as const, strike: 'rearfoot' as const },
    { fps: 120, facing: 'image-left' as const, strike: 'forefoot' as const },
    { fps: 30, facing: 'image-left' as const, strike: 'midfoot' as const },
  ])(
    'side view ($facing, $strike, $fps fps): every frame within 0.5° of the known curves',
    ({ fps, facing, strike }) => {
      const clip = generateRunner({ view: 'side', fps, facing, strike, durationS: 3 });
      const r = analyzeGait({ series: clip.series, view: 'side', cutoffHz: 'none' });
      const err = maxError(r, clip.truth.frames, SIDE_ANGLES);
      expect(Object.keys(err).sort()).toEqual(Object.keys(SIDE_ANGLES).sort());
      for (const [id, e] of Object.entries(err)) expect(e, id).toBeLessThan(0.5);
    },
  );

  it('rear view: pelvic obliquity, hip adduction, knee FPPA and lateral trunk lean within 0.5°', () => {
    const clip = generateRunner({
      view: 'rear',
      fps: 60,
      durationS: 3,
      left: { pelvicDropDeg: 7, kneeMedialCm: 3 },
      right: { pelvicDropDeg: 2, kneeMedialCm: 0.5 },
    });
    const r = analyzeGait({ series: clip.series, view: 'rear', cutoffHz: 'none' });
    const err = maxError(r, clip.truth.frames, REAR_ANGLES);
    expect(Object.keys(err).sort()).toEqual(Object.keys(REAR_ANGLES).sort());
    for (const [id, e] of Object.entries(err)) expect(e, id).toBeLessThan(0.5);
  });

  it('per-step variables equal the known angles at their event frames', () => {
    const fps = 120;
    const clip = generateRunner({ view: 'side', fps, durationS: 5, trunkLeanDeg: 6 });
    const r = analyzeGait({ series: clip.series, view: 'side', cutoffHz: 'none' });
    const checks: [string, Getter, boolean][] = [
      ['knee-flexion-ic', leg('kneeFlexionDeg'), false],
      ['ankle-dorsiflexion-ic', leg('ankleDorsiflexionDeg'), false],
      ['foot-inclination-ic', leg('footInclinationDeg'), false],
      ['tibia-inclination-ic', leg('tibiaInclinationDeg'), false],
      ['hip-extension-to', leg('hipFlexionDeg'), true],
      ['late-swing-hip-flexion', leg('hipFlexionDeg'), false],
      ['trunk-lean-ms', (f) => f.trunkLeanDeg, false],
    ];
    for (const [id, get, negate] of checks) {
      const v = r.variables.find((x) => x.id === id);
      expect(v, id).toBeDefined();
      for (const s of [v!.left, v!.right]) {
        expect(s.values.length, id).toBeGreaterThan(3);
        for (const step of s.values) {
          const truth = get(clip.truth.frames[step.frame] as TruthFrame, s.side);
          expect(
            Math.abs(step.value - (negate ? -truth : truth)),
            `${id} ${s.side} frame ${step.frame}`,
          ).toBeLessThan(0.5);
        }
      }
    }
    // Designed values come back: knee 18° at contact, trunk 6°, 34° late-swing hip flexion.
    const mean = (id: string): number => r.variables.find((x) => x.id === id)?.left.mean as number;
    // Knee 18° is designed at the contact instant; the step reads it at the first contact frame,
    // up to one frame later, when the knee has flexed by up to one frame's change (known here).
    const lag = Math.max(
      ...clip.truth.events
        .filter((e) => e.kind === 'initial-contact' && e.side === 'left')
        .map((e) => {
          const f = Math.ceil(e.t * fps);
          const at = (i: number): number => (clip.truth.frames[i]?.left.kneeFlexionDeg ?? NaN) as number;
          return Number.isFinite(at(f) - at(f - 1)) ? at(f) - at(f - 1) : 0;
        }),
    );
    expect(mean('knee-flexion-ic')).toBeGreaterThan(17.5);
    expect(mean('knee-flexion-ic')).toBeLessThan(18 + lag + 0.5);
    expect(mean('trunk-lean-ms')).toBeCloseTo(6, 0);
    expect(mean('late-swing-hip-flexion')).toBeCloseTo(34, 0);
    expect(mean('peak-knee-flexion-stance')).toBeCloseTo(42, 0);
  });
});

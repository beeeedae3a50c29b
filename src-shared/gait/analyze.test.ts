/** analyzeGait end to end on synthetic clips: flags, findings, two-view events, schema, bad input. */
import { describe, expect, it } from 'vitest';
import { analyzeGait, GaitInputError, mapExternalEvents } from './analyze';
import { GaitAnalysisSchema, MIN_STEPS } from './schema';
import { generateRunner } from './synthetic';
import { DEFAULT_EXERCISES } from './tables/exercises';
import { DEFAULT_FINDING_RULES } from './tables/findings';
import { VARIABLES } from './tables/variables';

const codes = (r: ReturnType<typeof analyzeGait>): string[] => r.flags.map((f) => f.code);

describe('result', () => {
  it('matches the stridelab.gait/1 schema and covers every variable of its view', () => {
    const clip = generateRunner({ view: 'side', fps: 60, noisePx: 1, durationS: 6 });
    const r = analyzeGait({ series: clip.series, view: 'side' });
    expect(GaitAnalysisSchema.safeParse(r).success).toBe(true);
    const sideIds = VARIABLES.filter((v) => v.view !== 'rear' && v.extract.kind !== 'unavailable').map(
      (v) => v.id,
    );
    expect(r.variables.map((v) => v.id).sort()).toEqual(sideIds.sort());
    expect(r.footStrike.left.rearfoot).toBeGreaterThan(0);
    expect(codes(r)).toContain('uncalibrated');
    const rear = analyzeGait({ series: generateRunner({ view: 'rear', durationS: 4 }).series, view: 'rear' });
    expect(rear.unavailable.map((u) => u.id)).toEqual(['heel-eversion']);
  });

  it('classifies the strike pattern from the foot angle at contact', () => {
    for (const strike of ['rearfoot', 'midfoot', 'forefoot'] as const) {
      const r = analyzeGait({
        series: generateRunner({ view: 'side', strike, durationS: 5 }).series,
        view: 'side',
        cutoffHz: 'none',
      });
      const counts = r.footStrike.left;
      expect(counts[strike]).toBeGreaterThan(0);
      expect(counts.rearfoot + counts.midfoot + counts.forefoot).toBe(counts[strike]);
    }
  });
});

describe('quality flags', () => {
  it('flags too few steps, per side, and says the summaries are not stable', () => {
    const r = analyzeGait({ series: generateRunner({ view: 'side', durationS: 2 }).series, view: 'side' });
    const few = r.flags.filter((f) => f.code === 'too-few-steps');
    expect(few.map((f) => f.side).sort()).toEqual(['left', 'right']);
    expect(few[0]?.message).toMatch(/at least 7/);
    const knee = r.variables.find((v) => v.id === 'knee-flexion-ic');
    expect(knee?.left.n).toBeLessThan(MIN_STEPS);
    expect(knee?.left.enoughSteps).toBe(false);
    const long = analyzeGait({ series: generateRunner({ view: 'side', durationS: 8 }).series, view: 'side' });
    expect(codes(long)).not.toContain('too-few-steps');
    expect(long.variables.find((v) => v.id === 'knee-flexion-ic')?.left.enoughSteps).toBe(true);
  });

  it('flags a camera that is not square onto the running direction', () => {
    const oblique = analyzeGait({
      series: generateRunner({ view: 'side', cameraYawDeg: 40, durationS: 5 }).series,
      view: 'side',
    });
    expect(codes(oblique)).toContain('camera-not-perpendicular');
    const square = analyzeGait({
      series: generateRunner({ view: 'side', durationS: 5, noisePx: 1 }).series,
      view: 'side',
    });
    expect(codes(square)).not.toContain('camera-not-perpendicular');
  });

  it('flags a frame rate too low for contact times, and not at 120 fps', () => {
    expect(
      codes(
        analyzeGait({ series: generateRunner({ view: 'side', fps: 30, durationS: 5 }).series, view: 'side' }),
      ),
    ).toContain('frame-rate-too-low');
    expect(
      codes(
        analyzeGait({
          series: generateRunner({ view: 'side', fps: 120, durationS: 5 }).series,
          view: 'side',
        }),
      ),
    ).not.toContain('frame-rate-too-low');
  });

  it('flags a variable frame rate and still times events from the true timestamps', () => {
    const clip = generateRunner({ view: 'side', fps: 60, timeJitter: 0.4, durationS: 5 });
    const r = analyzeGait({ series: clip.series, view: 'side' });
    expect(codes(r)).toContain('variable-frame-rate');
    expect(Math.abs((r.cadence.value as number) - 170)).toBeLessThan(1.5);
  });

  it('does not flag a constant 120 fps clip whose times are rounded to a 1 kHz clock (Matroska)', () => {
    const clip = generateRunner({ view: 'side', fps: 120, durationS: 5 });
    const frames = clip.series.frames.map((f) => ({ ...f, t: Math.round(f.t * 1000) / 1000 }));
    const r = analyzeGait({ series: { ...clip.series, frames }, view: 'side' });
    expect(codes(r)).not.toContain('variable-frame-rate');
  });

  it('flags low landmark confidence on one side and frames without a pose', () => {
    const clip = generateRunner({ view: 'side', durationS: 5, noPoseRate: 0.1, seed: 3 });
    for (const f of clip.series.frames) {
      if (!f.image) continue;
      for (const i of [23, 25, 27, 29, 31]) (f.image[i] as number[])[3] = 0.3; // left leg barely seen
    }
    const r = analyzeGait({ series: clip.series, view: 'side' });
    expect(r.flags.find((f) => f.code === 'low-confidence-side')?.side).toBe('left');
    expect(codes(r)).toContain('missing-poses');
  });

  it('survives dropouts and noise and still finds the cadence', () => {
    const clip = generateRunner({
      view: 'side',
      fps: 60,
      noisePx: 1.5,
      dropoutRate: 0.05,
      seed: 8,
      durationS: 8,
    });
    const r = analyzeGait({ series: clip.series, view: 'side' });
    expect(Math.abs((r.cadence.value as number) - 170)).toBeLessThan(1.5);
    expect(r.variables.find((v) => v.id === 'knee-flexion-ic')?.left.n).toBeGreaterThanOrEqual(MIN_STEPS);
  });
});

describe('findings', () => {
  it('names the evidence and links exercises from the library', () => {
    const clip = generateRunner({ view: 'side', durationS: 8, trunkLeanDeg: 14, stanceKneePeakDeg: 34 });
    const r = analyzeGait({ series: clip.series, view: 'side', cutoffHz: 'none' });
    const lean = r.findings.filter((f) => f.id === 'forward-trunk-lean');
    expect(lean.map((f) => f.side).sort()).toEqual(['left', 'right']);
    expect(lean[0]?.evidence[0]).toMatchObject({ variableId: 'trunk-lean-ms', op: '>', threshold: 10 });
    expect(lean[0]?.evidence[0]?.value).toBeCloseTo(14, 0);
    expect(r.findings.some((f) => f.id === 'stiff-knee-stance')).toBe(true);
    for (const f of r.findings)
      for (const e of f.exercises) expect(DEFAULT_EXERCISES.map((x) => x.id)).toContain(e.id);
    // A typical runner triggers neither.
    const typical = analyzeGait({
      series: generateRunner({ view: 'side', durationS: 8 }).series,
      view: 'side',
      cutoffHz: 'none',
    });
    expect(
      typical.findings.filter((f) => f.id === 'forward-trunk-lean' || f.id === 'stiff-knee-stance'),
    ).toEqual([]);
  });

  it('reports asymmetry beyond the smallest detectable difference', () => {
    const clip = generateRunner({
      view: 'rear',
      durationS: 8,
      left: { pelvicDropDeg: 9 },
      right: { pelvicDropDeg: 2 },
    });
    const r = analyzeGait({
      series: clip.series,
      view: 'rear',
      externalEvents: { events: clip.truth.events, offsetS: 0 },
    });
    const asym = r.findings.find((f) => f.id === 'asymmetry');
    expect(asym?.evidence.map((e) => e.variableId)).toContain('pelvic-drop-ms');
    const drop = r.findings.filter((f) => f.id === 'contralateral-pelvic-drop');
    expect(drop.map((f) => f.side)).toEqual(['left']);
  });

  it('uses the clinic\u2019s own rules and exercise library when given', () => {
    const clip = generateRunner({ view: 'side', durationS: 8 });
    const rules = DEFAULT_FINDING_RULES.map((r) =>
      r.id === 'forward-trunk-lean'
        ? { ...r, condition: { ...r.condition, value: 5 } as typeof r.condition, exercises: ['my-own'] }
        : r,
    );
    const exercises = [
      ...DEFAULT_EXERCISES,
      { id: 'my-own', name: 'Wall lean drill', category: 'gait-retraining' as const, instructions: '' },
    ];
    const r = analyzeGait(
      { series: clip.series, view: 'side', cutoffHz: 'none' },
      { findingRules: rules, exercises },
    );
    const lean = r.findings.find((f) => f.id === 'forward-trunk-lean');
    expect(lean?.exercises).toEqual([{ id: 'my-own', name: 'Wall lean drill' }]);
  });
});

describe('two views', () => {
  it('drives the rear view from side-view events shifted by the clips\u2019 time offset', () => {
    // The same run filmed from the side and from behind; the rear camera started 0.4 s later.
    const side = generateRunner({
      view: 'side',
      fps: 120,
      startS: 0.2,
      durationS: 8,
      left: { pelvicDropDeg: 6 },
    });
    const rear = generateRunner({
      view: 'rear',
      fps: 60,
      startS: 0.6,
      durationS: 7,
      left: { pelvicDropDeg: 6 },
    });
    const sideResult = analyzeGait({ series: side.series, view: 'side' });
    const offsetS = 0.2 - 0.6; // t_rear = t_side + offset
    const r = analyzeGait({
      series: rear.series,
      view: 'rear',
      externalEvents: { events: sideResult.events, offsetS },
    });
    const ics = r.events.filter((e) => e.kind === 'initial-contact');
    expect(ics.length).toBeGreaterThan(15);
    for (const e of ics) {
      const truth = rear.truth.events.filter((t) => t.kind === e.kind && t.side === e.side);
      const nearest = Math.min(...truth.map((t) => Math.abs(t.t - e.t)));
      expect(nearest).toBeLessThan(1 / 60);
    }
    const drop = r.variables.find((v) => v.id === 'pelvic-drop-ms');
    expect(drop?.left.mean as number).toBeGreaterThan(5);
    expect(drop?.right.mean as number).toBeLessThan(5);
  });

  it('maps external event times onto the frame grid by the true timestamps', () => {
    const t = Float64Array.from([0, 0.1, 0.2, 0.35, 0.4]);
    const tl = { t, frame: Int32Array.from([0, 1, 2, 3, 4]), fps: 10 };
    const [e] = mapExternalEvents([{ kind: 'initial-contact', side: 'left', t: 0.2 }], 0.075, tl);
    expect(e?.atF).toBeCloseTo(2.5, 9);
    expect(e?.at).toBe(3);
    expect(mapExternalEvents([{ kind: 'toe-off', side: 'left', t: 5 }], 0, tl)).toEqual([]);
  });
});

describe('bad input', () => {
  const good = generateRunner({ view: 'side', durationS: 1 }).series;
  it('refuses a file that is not a landmark series, naming the field', () => {
    const bad = { ...good, schema: 'something-else' } as unknown as typeof good;
    expect(() => analyzeGait({ series: bad, view: 'side' })).toThrow(GaitInputError);
    expect(() => analyzeGait({ series: bad, view: 'side' })).toThrow(/schema/);
  });
  it('refuses frame times that do not increase', () => {
    const frames = good.frames.map((f, i) => (i === 5 ? { ...f, t: 0 } : f));
    expect(() => analyzeGait({ series: { ...good, frames }, view: 'side' })).toThrow(/frame 5/);
  });
  it('refuses an impossible calibration', () => {
    expect(() => analyzeGait({ series: good, view: 'side', calibration: { heightCm: 17 } })).toThrow(/17 cm/);
  });
});

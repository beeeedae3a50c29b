import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGait, type GaitAnalysis } from '../../src-shared/gait';
import type { SyntheticOptions } from '../../src-shared/gait/synthetic';
import { LandmarkSeriesSchema } from '../../src-shared/pose/landmarks';
import { buildReport, type ReportClipInput, type ReportInput } from '../../src-shared/report/build';
import { parseCsv } from '../../src-shared/report/csv';
import { CYCLE_POINTS } from '../../src-shared/report/curves';
import { analysisJson, stepsCsv, summaryCsv } from '../../src-shared/report/exports';
import { displayUnit } from '../../src-shared/report/rows';
import { clipInput, reportInput, runnerClip } from '../../src-shared/report/testing/report-input';

/**
 * The report model from REAL gait analyses: the engine run on the seeded synthetic runner (known
 * answers) and on the committed landmarks of the treadmill sample clip. Every number in the model
 * must be the engine's, in the report's units; nothing here is typed in by hand.
 */
const clip = (view: 'side' | 'rear', opts: Partial<SyntheticOptions>): ReportClipInput =>
  runnerClip(
    { view, fps: 60, durationS: 8, seed: 7, noisePx: 1, ...opts },
    { file: `synthetic-${view}.mp4` },
  );

const flat = {
  id: 'flat',
  label: 'Flat',
  inclinePct: 0,
  speedKmh: 11,
  clips: [clip('side', { cadence: 168 }), clip('rear', { cadence: 168, right: { pelvicDropDeg: 9 } })],
};
const incline = {
  id: 'incline',
  label: 'Incline',
  inclinePct: 6,
  speedKmh: 10,
  clips: [clip('side', { cadence: 180 })],
};
const base: ReportInput = reportInput([flat], {
  patient: { name: 'Erin Hamstring', dateOfBirth: '1990-04-23', clinicId: 'PT-0042' },
  session: { id: 's1', date: '2026-11-21', clinician: 'Sam Lee, PT', injurySide: 'right' },
  now: '2026-11-21T10:00:00.000Z',
});

function gaitVar(a: GaitAnalysis, id: string) {
  const v = a.variables.find((x) => x.id === id);
  if (!v) throw new Error(`no ${id}`);
  return v;
}

describe('report model', () => {
  const { model, images } = buildReport(base);
  const section = model.conditions[0]!;

  it('carries every measured variable of each view with the engine numbers in report units', () => {
    for (const c of flat.clips) {
      for (const v of c.analysis.variables.filter((x) => x.view === c.view && (x.left.n || x.right.n))) {
        const row = section.variables.find((r) => r.key === v.id && r.view === c.view);
        expect(row, v.id).toBeDefined();
        const d = displayUnit(v.unit);
        expect(row!.left?.mean).toBeCloseTo((v.left.mean ?? NaN) * d.scale, 9);
        expect(row!.right?.sd).toBeCloseTo((v.right.sd ?? 0) * d.scale, 9);
        expect(row!.left?.n).toBe(v.left.n);
        if (v.symmetry) expect(row!.diff).toBeCloseTo(v.symmetry.difference * d.scale, 9);
        if (v.reference) expect(row!.reference?.source).toMatch(/\d{4}|StrideLab/);
      }
    }
    // Times in ms, duty factor in %: contact time is 36 % of a 2-step stride at 168 steps/min.
    const contact = section.spatiotemporal.find((r) => r.key === 'contact-time')!;
    expect(contact.unit).toBe('ms');
    const stride = (2 * 60) / 168;
    expect(contact.left!.mean).toBeGreaterThan(0.3 * stride * 1000);
    expect(contact.left!.mean).toBeLessThan(0.42 * stride * 1000);
    const cadence = section.spatiotemporal.find((r) => r.key === 'cadence')!;
    expect(cadence.all!.mean).toBe(flat.clips[0]!.analysis.cadence.value);
    expect(cadence.all!.mean).toBeCloseTo(168, 0);
    // A steady synthetic runner: the per-step spread of cadence is a few steps/min at most.
    expect(cadence.all!.sd).toBeGreaterThan(0);
    expect(cadence.all!.sd).toBeLessThan(5);
  });

  it('flags the row a finding rests on and writes the finding with its evidence and plan', () => {
    const drop = section.variables.find((r) => r.key === 'pelvic-drop-ms')!;
    const g = gaitVar(flat.clips[1]!.analysis, 'pelvic-drop-ms');
    expect(g.right.mean!).toBeGreaterThan(g.left.mean!);
    expect(drop.flag?.level).toBe('attention');
    const finding = model.findings.find((f) => /pelvic drop/i.test(f.text) && /right/.test(f.text));
    expect(finding).toBeDefined();
    expect(finding!.evidence.join(' ')).toContain(`over ${g.right.n} steps`);
    expect(model.plan.map((p) => p.id)).toContain('single-leg-bridge');
    // One plan line per exercise, however many findings point at it.
    expect(new Set(model.plan.map((p) => p.id)).size).toBe(model.plan.length);
  });

  it('names one picture per view, side and event, from one stride, with the skeleton of that frame', () => {
    for (const view of ['side', 'rear'] as const) {
      const frames = section.keyFrames.filter((k) => k.view === view);
      expect(frames.map((k) => `${k.side}-${k.event}`).sort()).toEqual(
        ['left-IC', 'left-MS', 'left-TO', 'right-IC', 'right-MS', 'right-TO'].sort(),
      );
      const series = flat.clips.find((c) => c.view === view)!.series;
      for (const k of frames) {
        expect(images.some((r) => r.imageId === k.imageId && r.frame === k.frame && r.view === view)).toBe(
          true,
        );
        expect(k.landmarks).toEqual(
          series.frames[k.frame]!.image!.map((p) => [
            expect.closeTo(p[0], 1),
            expect.closeTo(p[1], 1),
            expect.closeTo(p[3], 2),
          ]),
        );
        expect(k.crop.w / k.crop.h).toBeCloseTo(1, 2);
        expect(k.chosenBy).toBe('auto');
      }
    }
  });

  it('uses the PT key frames where marked', () => {
    const side = flat.clips[0]!;
    const marked = {
      ...side,
      marks: [{ frame: 100, t: side.series.frames[100]!.t, event: 'MS' as const, side: 'left' as const }],
    };
    const { model: m } = buildReport({ ...base, conditions: [{ ...flat, clips: [marked] }] });
    const ms = m.conditions[0]!.keyFrames.find((k) => k.side === 'left' && k.event === 'MS')!;
    expect(ms.frame).toBe(100);
    expect(ms.chosenBy).toBe('pt');
  });

  it('draws gait-cycle curves of 101 points whose knee peak matches the designed swing', () => {
    const knee = section.curves.find((c) => c.key === 'knee-flexion' && c.view === 'side')!;
    expect(knee.left!.mean).toHaveLength(CYCLE_POINTS);
    expect(knee.left!.n).toBeGreaterThanOrEqual(7);
    // Synthetic runner: swing knee peak 95° (design default), stance peak 42°.
    expect(Math.max(...knee.left!.mean)).toBeGreaterThan(85);
    expect(Math.max(...knee.left!.mean)).toBeLessThan(105);
    expect(knee.toeOffPct!).toBeGreaterThan(30);
    expect(knee.toeOffPct!).toBeLessThan(42);
  });

  it('puts flat and incline side by side', () => {
    const { model: two } = buildReport({ ...base, conditions: [flat, incline] });
    const cad = two.comparison.find((r) => r.key === 'cadence')!;
    expect(cad.values.flat!.all!.mean).toBeCloseTo(168, 0);
    expect(cad.values.incline!.all!.mean).toBeCloseTo(180, 0);
    // The change carries its 95% interval: 12 steps/min on synthetic runners a step or two apart
    // is one the measurement resolves.
    expect(cad.change!.difference).toBeCloseTo(12, 0);
    expect(cad.change!.interval![0]).toBeGreaterThan(0);
    expect(cad.change!.interval![0]).toBeLessThan(cad.change!.difference);
    expect(cad.change!.note).toBe('a change the measurement resolves');
    // Rear-only variables exist in one condition only: not compared.
    expect(two.comparison.find((r) => r.key === 'pelvic-drop-ms')).toBeUndefined();
    expect(two.findings.every((f) => /^(Flat|Incline): /.test(f.text))).toBe(true);
  });

  it("replaces the suggestions with the PT's saved words", () => {
    const edits = {
      findings: [{ id: 'x', text: 'Right pelvis drops; worse when tired.', evidence: [] }],
      plan: [{ id: 'y', title: 'Side plank', detail: '3 × 30 s' }],
      notes: 'Retest in 6 weeks.',
    };
    const { model: m } = buildReport({ ...base, edits });
    expect(m.findings).toEqual(edits.findings);
    expect(m.plan).toEqual(edits.plan);
    expect(m.notes).toBe(edits.notes);
    expect(m.edited).toBe(true);
    expect(model.edited).toBe(false);
    expect(m.patient.ageYears).toBe(36);
  });

  it('exports steps and summary CSVs and a JSON that agree with the model', () => {
    const steps = parseCsv(stepsCsv(base.conditions));
    const header = steps[0]!;
    const sideClip = flat.clips[0]!.analysis;
    const kneeCol = header.indexOf('knee-flexion-ic (°)');
    expect(kneeCol).toBeGreaterThan(0);
    const kneeValues = steps
      .slice(1)
      .filter((r) => r[1] === 'side' && r[2] === 'left' && r[kneeCol] !== '')
      .map((r) => Number(r[kneeCol]));
    expect(kneeValues).toEqual(gaitVar(sideClip, 'knee-flexion-ic').left.values.map((v) => v.value));
    const summary = parseCsv(summaryCsv(model));
    const row = summary.find((r) => r[2] === 'peak-knee-flexion-stance' && r[6] === 'right')!;
    const modelRow = section.variables.find((r) => r.key === 'peak-knee-flexion-stance')!;
    expect(Number(row[7])).toBe(modelRow.right!.mean);
    expect(Number(row[9])).toBe(modelRow.right!.n);
    const json = analysisJson(model, base.conditions);
    expect(JSON.parse(JSON.stringify(json)).report.conditions[0].variables).toEqual(
      JSON.parse(JSON.stringify(section.variables)),
    );
    expect(json.conditions[0]!.clips.map((c) => c.view)).toEqual(['side', 'rear']);
  });
});

describe('report model on the treadmill sample (committed landmarks, full model)', () => {
  const series = LandmarkSeriesSchema.parse(
    JSON.parse(
      readFileSync(
        new URL('../../test/fixtures/landmarks/treadmill_side_male.full.json', import.meta.url),
        'utf8',
      ),
    ),
  );
  const analysis = analyzeGait({ series, view: 'side' });
  const { model } = buildReport({
    ...base,
    conditions: [
      {
        id: 'flat',
        label: 'Flat',
        clips: [clipInput('side', analysis, series, { file: 'treadmill-side.mp4' })],
      },
    ],
  });
  const c = model.conditions[0]!;

  it('has its steps, key frames on posed frames and the engine cadence', () => {
    expect(c.steps.left).toBeGreaterThanOrEqual(7);
    expect(c.steps.right).toBeGreaterThanOrEqual(7);
    expect(c.keyFrames.length).toBe(6);
    for (const k of c.keyFrames) expect(series.frames[k.frame]!.status).toBe('pose');
    expect(c.spatiotemporal.find((r) => r.key === 'cadence')!.all!.mean).toBe(analysis.cadence.value);
    expect(c.curves.length).toBeGreaterThan(0);
  });

  it('exports each L − R with its interval and words, and no number for a side it cannot measure', () => {
    const [header, ...rows] = parseCsv(summaryCsv(model));
    const col = (name: string): number => {
      const i = header!.indexOf(name);
      expect(i, name).toBeGreaterThanOrEqual(0);
      return i;
    };
    const [key, side, mean, lo, hi, says, nm] = [
      col('variable'),
      col('side'),
      col('mean'),
      col('left - right 95% low'),
      col('left - right 95% high'),
      col('left - right says'),
      col('not measurable'),
    ];
    const withInterval = [...c.spatiotemporal, ...c.variables].filter((r) => r.diffInterval);
    expect(withInterval.length).toBeGreaterThan(0);
    for (const r of withInterval) {
      const line = rows.find((x) => x[key] === r.key)!;
      expect([Number(line[lo]), Number(line[hi])]).toEqual(r.diffInterval);
      expect(line[says]).toBe(r.diffNote);
    }
    const stepTime = rows.find((x) => x[key] === 'step-time' && x[side] === 'left')!;
    expect(stepTime[says]).toMatch(/measurement/);
    const hidden = c.variables.flatMap((r) =>
      (['left', 'right'] as const).filter((s) => r.notMeasurable?.[s]).map((s) => [r.key, s] as const),
    );
    expect(hidden.length).toBeGreaterThan(0);
    for (const [k, s] of hidden) {
      const line = rows.find((x) => x[key] === k && x[side] === s)!;
      expect(line[mean]).toBe('');
      expect(line[nm]).toMatch(/film|camera|side/i);
    }
  });
});

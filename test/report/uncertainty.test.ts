/**
 * Uncertainty, measurability and the clip check as the report shows them, on real clips: the
 * treadmill sample (landmarks committed, MediaPipe full) and a real walking clip filed as a running
 * condition (walking_side_sports2d_demo4.mp4, landmarks by `stridelab pose --model full`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src-shared/gait';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { LandmarkSeriesSchema } from '../../src-shared/pose/landmarks';
import { buildReport } from '../../src-shared/report/build';
import { clipInput, flatCondition, reportInput } from '../../src-shared/report/testing/report-input';

const load = (name: string) =>
  LandmarkSeriesSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'landmarks', name), 'utf8')),
  );

const sample = load('treadmill_side_male.full.json');
const walking = load('walking_side_sports2d_demo4.full.json');
const gait = (series: typeof sample) => analyzeGait({ series, view: 'side', calibration: { heightCm: 178 } });

function report(series: typeof sample, label: string): ReturnType<typeof buildReport>['model'] {
  const clip = clipInput('side', gait(series), series, { file: 'clip.mp4' });
  return buildReport(reportInput([{ id: 'c1', label, clips: [clip] }])).model;
}

describe('the treadmill sample clip', () => {
  const a = gait(sample);
  const m = report(sample, 'Flat');

  it('is running, in the view it was filed under', () => {
    expect(a.quality).toMatchObject({ findingsWithheld: false, activity: 'running' });
    expect(m.withheld).toEqual([]);
  });

  it('gives every measured side a 95% interval around its mean, printed beside it', () => {
    const rows = m.conditions[0]!.variables.filter((r) => r.left || r.right);
    expect(rows.length).toBeGreaterThan(8);
    for (const r of rows)
      for (const s of [r.left, r.right])
        if (s && s.n >= 2) {
          expect(s.interval, r.key).toBeDefined();
          expect(s.interval![0]).toBeLessThan(s.mean);
          expect(s.interval![1]).toBeGreaterThan(s.mean);
        }
    for (const v of a.variables)
      for (const s of [v.left, v.right])
        for (const x of s.values) if (x.clean) expect(x.u, `${v.id} ${s.side}`).toBeGreaterThan(0);
  });

  it('draws no finding from a difference inside its uncertainty', () => {
    // Before: asymmetry on peak knee flexion (6.1° vs SDD 3.8°), step time and duty factor, each
    // with SDs of several times the difference. Each finding now has its whole interval beyond
    // its threshold.
    for (const f of a.findings)
      for (const e of f.evidence) {
        const [lo, hi] = e.interval!;
        if (e.side === 'both') expect(lo > e.threshold || hi < -e.threshold, e.variableId).toBe(true);
        else expect(e.op === '>' ? lo > e.threshold : hi < e.threshold, e.variableId).toBe(true);
        if (e.sdd !== null && e.side !== 'both')
          expect(Math.abs(e.value - e.threshold)).toBeGreaterThan(e.sdd);
      }
    expect(m.findings.every((f) => f.evidence.slice(0, -1).every((e) => /95% interval/.test(e)))).toBe(true);
  });

  it('shows a side it cannot measure as words with a remedy, never as a number', () => {
    const all = [...m.conditions[0]!.variables, ...m.conditions[0]!.spatiotemporal];
    const hidden = all.filter((r) => r.notMeasurable);
    for (const r of hidden) {
      if (r.notMeasurable!.left) expect(r.left).toBeUndefined();
      if (r.notMeasurable!.right) expect(r.right).toBeUndefined();
      expect(r.diff).toBeUndefined();
      for (const w of [r.notMeasurable!.left, r.notMeasurable!.right])
        if (w) {
          expect(w.reason).toMatch(/^Not measurable from this view/);
          expect(w.remedy.length).toBeGreaterThan(10);
        }
    }
  });
});

describe('a walking clip filed as a running condition', () => {
  it('is flagged when analysed, its findings withheld with the reason, first thing in the report', () => {
    const a = gait(walking);
    expect(a.quality.activity).toBe('walking');
    expect(a.quality.findingsWithheld).toBe(true);
    expect(a.findings).toEqual([]);
    const m = report(walking, 'Incline');
    expect(m.findings).toEqual([]);
    expect(m.withheld).toHaveLength(1);
    expect(m.withheld[0]!.reasons[0]).toMatch(/looks like walking, not running/);
    expect(m.conditions[0]!.quality.some((q) => q.level === 'error' && /walking/.test(q.text))).toBe(true);
  });
});

describe('times from the clip whose times the report prints', () => {
  it('drops a rear clip\u2019s evidence on times when the side clip is there, and keeps its own', () => {
    const rearClip = generateRunner({
      view: 'rear',
      fps: 60,
      durationS: 8,
      seed: 7,
      noisePx: 1,
      right: { pelvicDropDeg: 11 },
    });
    const rear = analyzeGait({ series: rearClip.series, view: 'rear' });
    const asym = rear.findings.find((f) => f.id === 'asymmetry')!;
    const drop = asym.evidence.find((e) => e.variableId === 'pelvic-drop-ms')!;
    // As a rear clip with its own (unsynced) contacts can: a step-time "asymmetry" of its own.
    const stepTime = {
      ...drop,
      variableId: 'step-time',
      label: 'Step time',
      unit: 's' as const,
      value: -0.2,
    };
    const findings = [
      { ...asym, evidence: [drop, stepTime] },
      { ...asym, id: 'timing-only', evidence: [stepTime] },
    ];
    const m = buildReport(
      reportInput([
        flatCondition(
          clipInput('side', gait(sample), sample),
          clipInput('rear', { ...rear, findings }, rearClip.series),
        ),
      ]),
    ).model;
    const evidence = m.findings.flatMap((f) => f.evidence);
    expect(evidence.some((e) => e.startsWith('Contralateral pelvic drop at midstance: left − right'))).toBe(
      true,
    );
    expect(evidence.some((e) => e.startsWith('Step time'))).toBe(false);
    expect(m.findings.filter((f) => f.id.startsWith('timing-only'))).toEqual([]);
  });
});

/**
 * Findings a runner can act on (issue 19), in the report model built from REAL gait analyses of
 * synthetic runners with designed effects: ranked (complaint and painful side weighing in), the
 * first three leading, each with a cue and a drill; the PT's pins and demotions; stride length and
 * vertical ratio from the belt speed, against the runner's known stride.
 */
import { describe, expect, it } from 'vitest';
import { sideAndRear } from '../../src-shared/gait/testing/runner';
import { buildReport, type ReportConditionInput, type ReportInput } from '../../src-shared/report/build';
import { splitFindings } from '../../src-shared/report/priorities';
import { clipInput, reportInput, runnerClip } from '../../src-shared/report/testing/report-input';

const SPEED = 11; // km/h
const design = {
  fps: 60,
  durationS: 8,
  seed: 3,
  noisePx: 2,
  speedKmh: SPEED,
  trunkLeanDeg: 20,
  stanceKneePeakDeg: 35,
  right: { pelvicDropDeg: 12 },
} as const;
const { side: sideClip, rear: rearClip } = sideAndRear(design);
const side = sideClip.analysis;
const condition: ReportConditionInput = {
  id: 'flat',
  label: 'Flat',
  speedKmh: SPEED,
  clips: [clipInput('side', side, sideClip.series), clipInput('rear', rearClip.analysis, rearClip.series)],
};
const input = (session: Partial<ReportInput['session']> = {}, edits?: ReportInput['edits']): ReportInput =>
  reportInput([condition], {
    patient: { name: 'Sam Synthetic', heightCm: 175 },
    session: { id: 's1', date: '2026-12-06', ...session },
    ...(edits ? { edits } : {}),
  });
// A finding's id is its rule, side and condition (src-shared/report/build.ts): the rule.
const idOf = (id: string) => id.replace(/-(left|right|both)-.*$/, '');

describe('findings ranked for the runner', () => {
  it('without a complaint, the largest effect first: the trunk lean (10° past its threshold)', () => {
    const m = buildReport(input()).model;
    expect(m.findings.length).toBeGreaterThanOrEqual(4);
    expect(idOf(m.findings[0]!.id)).toBe('forward-trunk-lean');
    const effects = m.findings.map((f) => f.priority!.effect);
    expect(effects).toEqual([...effects].sort((a, b) => b - a));
    expect(m.focus).toBeUndefined();
  });

  it('for right proximal hamstring pain, the right pelvic drop comes first, then the trunk lean', () => {
    const m = buildReport(input({ complaint: 'Right proximal hamstring pain', injurySide: 'right' })).model;
    const { first, rest } = splitFindings(m.findings);
    expect(first.map((f) => idOf(f.id))).toEqual([
      'contralateral-pelvic-drop',
      'forward-trunk-lean',
      'asymmetry',
    ]);
    expect(rest.map((f) => idOf(f.id))).toContain('stiff-knee-stance');
    expect(first[0]!.priority!.why).toMatch(
      /weighted ×2 for proximal hamstring pain \[Goom 2016\]; on the painful side/,
    );
    expect(m.focus).toEqual({ label: 'proximal hamstring pain', source: 'Goom 2016' });
    // Each finding: plain words, one cue with its source, and a drill with dosage and progression
    // where the sources support one (a stiff knee in stance has none: docs/report.md).
    for (const f of m.findings) {
      expect(f.plain).toMatch(/^Your? /);
      expect(f.cue?.text.length).toBeGreaterThan(10);
      expect(f.cue?.source).toMatch(/\d{4}/);
      if (idOf(f.id) === 'stiff-knee-stance') {
        expect(f.drills).toBeUndefined();
        continue;
      }
      const drill = m.plan.find((p) => p.id === f.drills?.[0]);
      expect(drill?.dosage, f.id).toBeTruthy();
      expect(drill?.progression, f.id).toBeTruthy();
      expect(drill?.plain, f.id).toBeTruthy();
    }
    // The plan follows the ranking: the first finding's drill leads it.
    expect(m.plan[0]!.id).toBe(first[0]!.drills![0]);
  });

  it('the PT pins and demotes, and edits saved before pins keep their order', () => {
    const suggested = buildReport(input({ complaint: 'hamstring' })).model;
    const asEdits = suggested.findings.map((f) => ({ id: f.id, text: f.text, evidence: [...f.evidence] }));
    const plan = suggested.plan.map((p) => ({ id: p.id, title: p.title, detail: p.detail }));
    // Old edits: no pins; reversed order stands, cues and drills come back from the suggestions.
    const reversed = buildReport(
      input({ complaint: 'hamstring' }, { findings: [...asEdits].reverse(), plan, notes: '' }),
    ).model;
    expect(reversed.findings.map((f) => f.id)).toEqual([...asEdits].reverse().map((f) => f.id));
    expect(reversed.findings.every((f) => f.cue && (f.drills || idOf(f.id) === 'stiff-knee-stance'))).toBe(
      true,
    );
    expect(reversed.plan[0]!.dosage).toBe(suggested.plan[0]!.dosage);
    // Demote the first, pin the last.
    const last = asEdits[asEdits.length - 1]!;
    const pinned = [
      { ...asEdits[0]!, pin: 'demoted' as const },
      ...asEdits.slice(1, -1),
      { ...last, pin: 'pinned' as const, cue: 'Light feet.' },
    ];
    const m = buildReport(input({ complaint: 'hamstring' }, { findings: pinned, plan, notes: '' })).model;
    const { first, rest } = splitFindings(m.findings);
    expect(first[0]!.id).toBe(last.id);
    expect(first[0]!.cue).toEqual({ text: 'Light feet.' });
    expect(first.map((f) => f.id)).not.toContain(asEdits[0]!.id);
    expect(rest[rest.length - 1]!.id).toBe(asEdits[0]!.id);
  });
});

describe('tentative findings (fewer than 7 clean steps)', () => {
  // Incline: a 4 s clip (5 steps a side) of a stiffer knee (28°, 12° below 40°) than flat's
  // (35°): its effect is the session's largest, and it rests on too few steps for a stable mean.
  const incline: ReportConditionInput = {
    id: 'incline',
    label: 'Incline',
    speedKmh: SPEED,
    clips: [
      runnerClip(
        { view: 'side', ...design, durationS: 4, stanceKneePeakDeg: 28, trunkLeanDeg: 0 },
        { file: 'incline.mp4' },
      ),
    ],
  };

  it('rank after every whole finding, however large their effect; each tier by priority', () => {
    const m = buildReport({ ...input(), conditions: [condition, incline] }).model;
    const tentative = m.findings.filter((f) => f.text.includes('Tentative'));
    const whole = m.findings.filter((f) => !f.text.includes('Tentative'));
    expect(tentative.map((f) => f.text)).toEqual([
      'Incline: Stiff knee in stance on the right. Tentative: fewer than 7 clean steps.',
    ]);
    // The case that matters: by effect alone it would lead.
    expect(tentative[0]!.priority!.effect).toBeGreaterThan(Math.max(...whole.map((f) => f.priority!.effect)));
    expect(m.findings).toEqual([...whole, ...tentative]);
    const effects = whole.map((f) => f.priority!.effect);
    expect(effects).toEqual([...effects].sort((a, b) => b - a));
    expect(splitFindings(m.findings).first).not.toContain(tentative[0]);
    expect(tentative[0]!.priority!.why).toMatch(/tentative: ranked after the firm findings/);
    // The plan follows: the tentative finding's drills come after the whole ones'.
    expect(m.plan[0]!.id).toBe(whole[0]!.drills![0]);
  });
});

describe('what the belt speed makes possible', () => {
  const m = buildReport(input()).model;
  const rows = m.conditions[0]!.spatiotemporal;
  const speedCmS = (SPEED * 100_000) / 3600;

  it('stride length is speed × stride time, exactly, with its spread', () => {
    const st = side.variables.find((v) => v.id === 'stride-time')!;
    const sl = rows.find((r) => r.key === 'stride-length')!;
    expect(sl.unit).toBe('m');
    for (const k of ['left', 'right'] as const) {
      if (!st[k].mean) continue;
      expect(sl[k]!.mean).toBeCloseTo((st[k].mean! * speedCmS) / 100, 9);
      expect(sl[k]!.sd).toBeCloseTo((st[k].sd! * speedCmS) / 100, 9);
      expect(sl[k]!.n).toBe(st[k].n);
      // Against the synthetic runner's own stride: within 1%.
      expect(Math.abs(sl[k]!.mean / ((sideClip.truth.strideS * speedCmS) / 100) - 1)).toBeLessThan(0.01);
    }
  });

  it('vertical ratio is vertical oscillation / stride length, stride by stride', () => {
    const st = side.variables.find((v) => v.id === 'stride-time')!;
    const vo = side.variables.find((v) => v.id === 'vertical-oscillation')!;
    const vr = rows.find((r) => r.key === 'vertical-ratio')!;
    expect(vr.unit).toBe('%');
    for (const k of ['left', 'right'] as const) {
      const times = new Map(st[k].values.filter((v) => v.clean).map((v) => [v.step, v.value]));
      const ratios = vo[k].values
        .filter((v) => v.clean && times.has(v.step))
        .map((v) => (100 * v.value) / (speedCmS * times.get(v.step)!));
      expect(vr[k]!.n).toBe(ratios.length);
      expect(vr[k]!.mean).toBeCloseTo(ratios.reduce((s, x) => s + x, 0) / ratios.length, 9);
      expect(vr[k]!.interval![0]).toBeLessThan(vr[k]!.mean);
      // Against the design: its oscillation over its stride length, within 0.5 percentage points.
      const truth = (100 * sideClip.truth.verticalOscillationCm) / (speedCmS * sideClip.truth.strideS);
      expect(Math.abs(vr[k]!.mean - truth)).toBeLessThan(0.5);
    }
  });

  it('without a speed there is neither; the session’s single speed stands in for the condition’s', () => {
    const none = buildReport({ ...input(), conditions: [{ ...condition, speedKmh: undefined }] }).model;
    expect(none.conditions[0]!.spatiotemporal.some((r) => r.key === 'stride-length')).toBe(false);
    const fromSession = buildReport({
      ...input({ treadmillSpeedsKmh: [SPEED] }),
      conditions: [{ ...condition, speedKmh: undefined }],
    }).model;
    const sl = fromSession.conditions[0]!.spatiotemporal.find((r) => r.key === 'stride-length');
    expect(sl?.left?.mean).toBeCloseTo(rows.find((r) => r.key === 'stride-length')!.left!.mean, 12);
  });
});

describe('personal reference bands', () => {
  it('cadence: the runner’s own step rate +5–10% [Heiderscheit 2011]', () => {
    const cad = buildReport(input()).model.conditions[0]!.spatiotemporal.find((r) => r.key === 'cadence')!;
    const c = cad.all!.mean;
    expect(cad.reference).toEqual({
      text: `+5–10 % lowers knee and hip loading: for this runner ${Math.round(c * 1.05)}–${Math.round(c * 1.1)} steps/min`,
      source: 'Heiderscheit 2011',
      personal: true,
    });
  });
});

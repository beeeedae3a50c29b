import { describe, expect, it } from 'vitest';
import type { ReportEdits } from '../contract/report';
import { buildReport, type ReportClipInput, type ReportInput } from './build';
import { applyEdits, rowKey } from './edits';
import type { ReportModel } from './model';
import { flatCondition, reportInput, runnerClip } from './testing/report-input';

/**
 * The PT removes a suggested finding: its flags leave the variable tables and its reasons the plan,
 * in the model the PDF prints. On the seeded synthetic runner with a known right pelvic drop (9°),
 * so the suggestions hold findings that flag rows and suggest exercises.
 */
const clip = (view: 'side' | 'rear', right: { pelvicDropDeg?: number } = {}): ReportClipInput =>
  runnerClip({ view, fps: 60, durationS: 8, seed: 7, noisePx: 1, cadence: 168, right });

const input = reportInput([flatCondition(clip('side'), clip('rear', { pelvicDropDeg: 9 }))]);

const editsOf = (m: ReportModel): ReportEdits => ({
  findings: m.findings.map((f) => ({ id: f.id, text: f.text, evidence: [...f.evidence] })),
  plan: m.plan.map((p) => ({ id: p.id, title: p.title, detail: p.detail, ...(p.why ? { why: p.why } : {}) })),
  notes: '',
});

const flagged = (m: ReportModel): Map<string, string> =>
  new Map(
    m.conditions.flatMap((c) =>
      [...c.spatiotemporal, ...c.variables]
        .filter((r) => r.flag?.level === 'attention')
        .map((r) => [rowKey(c.id, r.view, r.key), r.flag!.text] as const),
    ),
  );

describe('the PT’s edits over the suggested report', () => {
  const suggested = buildReport(input);
  const linked = suggested.links.filter((l) => l.rows.length > 0 && l.exercises.length > 0);

  it('ties each suggested finding to the rows it flags and the exercises it suggests', () => {
    expect(suggested.links.map((l) => l.id)).toEqual(suggested.model.findings.map((f) => f.id));
    expect(linked.length).toBeGreaterThan(0);
    const flags = flagged(suggested.model);
    for (const l of linked) for (const r of l.rows) expect(flags.get(r)).toContain(l.title);
    for (const l of linked)
      for (const x of l.exercises)
        expect(suggested.model.plan.find((p) => p.id === x)?.why).toContain(l.title.toLowerCase());
  });

  it('takes a removed finding’s flags and plan reasons away, in the built model and the preview alike', () => {
    const gone = linked[0]!;
    const edits = editsOf(suggested.model);
    edits.findings = edits.findings.filter((f) => f.id !== gone.id);
    // A PT's own exercise, with a reason of their own: kept as written.
    edits.plan.push({ id: 'pt-1', title: 'Hill repeats', detail: '6 × 30 s', why: 'my reason' });
    const built = buildReport({ ...input, edits }).model;
    const others = suggested.links.filter((l) => l.id !== gone.id);
    const flags = flagged(built);
    for (const r of gone.rows) {
      const still = others.filter((l) => l.rows.includes(r)).map((l) => l.title);
      if (still.length === 0) expect(flags.has(r)).toBe(false);
      else expect(flags.get(r)).toBe([...new Set(still)].join('; '));
    }
    for (const p of built.plan) expect(p.why ?? '').not.toContain(gone.title.toLowerCase());
    expect(built.plan.find((p) => p.id === 'pt-1')?.why).toBe('my reason');
    expect(built.findings.map((f) => f.id)).toEqual(edits.findings.map((f) => f.id));
    expect(built.edited).toBe(true);
    // The page's preview applies the same function to the model it has: the same report.
    expect(applyEdits(suggested.model, suggested.links, edits)).toEqual(built);
    expect(applyEdits(built, suggested.links, edits)).toEqual(built);
  });

  it('with every finding removed, no row keeps a finding’s flag and no exercise a reason', () => {
    const edits = { ...editsOf(suggested.model), findings: [] };
    const built = buildReport({ ...input, edits }).model;
    expect(flagged(built).size).toBe(0);
    expect(built.plan.length).toBe(suggested.model.plan.length);
    expect(built.plan.every((p) => p.why === undefined)).toBe(true);
  });

  it('with every suggested finding kept, changes only the words', () => {
    const edits = editsOf(suggested.model);
    edits.findings[0] = { ...edits.findings[0]!, text: 'The PT’s own words.' };
    const built = buildReport({ ...input, edits }).model;
    expect(flagged(built)).toEqual(flagged(suggested.model));
    expect(built.plan).toEqual(suggested.model.plan);
    expect(built.findings[0]!.text).toBe('The PT’s own words.');
  });

  it('prints the evidence of the current numbers beside the PT’s words, not the numbers saved with them', () => {
    // Saved before an event was corrected (or before the whole clip replaced its window): the
    // numbers the edits carry are from then. A finding the PT wrote themselves keeps its lines.
    const edits = editsOf(suggested.model);
    edits.findings[0] = { ...edits.findings[0]!, evidence: ['pelvic drop 3.1° (before the correction)'] };
    edits.findings.push({ id: 'f-own', text: 'Loud landing, heard on the treadmill.', evidence: ['heard'] });
    const built = buildReport({ ...input, edits }).model;
    const first = built.findings.find((f) => f.id === edits.findings[0]!.id)!;
    expect(first.evidence).toEqual(suggested.model.findings[0]!.evidence);
    expect(first.evidence.join(' ')).not.toContain('before the correction');
    expect(built.findings.find((f) => f.id === 'f-own')!.evidence).toEqual(['heard']);
  });
});

describe('a kept finding when another one comes or goes', () => {
  // Two conditions with the same known right pelvic drop: the rule fires in both.
  const two: ReportInput = {
    ...input,
    conditions: [
      { id: 'flat', label: 'Flat', clips: [clip('side'), clip('rear', { pelvicDropDeg: 9 })] },
      { id: 'incline', label: 'Incline', clips: [clip('side'), clip('rear', { pelvicDropDeg: 9 })] },
    ],
  };
  const before = buildReport(two);
  // Then the flat rear clip's drop goes (say, an event corrected by hand): its findings go.
  const afterInput: ReportInput = {
    ...two,
    conditions: [{ ...two.conditions[0]!, clips: [clip('side'), clip('rear')] }, two.conditions[1]!],
  };
  const after = buildReport(afterInput);
  const inclineDrop = (m: ReportModel) =>
    m.findings.find((f) => f.text.startsWith('Incline:') && /pelvic drop/i.test(f.text))!;

  it('keeps its own evidence and drills, never the ones of the finding now in its place', () => {
    const kept = inclineDrop(before.model);
    expect(kept).toBeDefined();
    expect(after.model.findings.length).toBeLessThan(before.model.findings.length);
    const edits: ReportEdits = {
      findings: [{ id: kept.id, text: 'Right hip drops on the incline too.', evidence: ['saved then'] }],
      plan: [],
      notes: '',
    };
    const built = buildReport({ ...afterInput, edits }).model;
    const now = inclineDrop(after.model);
    expect(built.findings).toHaveLength(1);
    expect(built.findings[0]!.text).toBe('Right hip drops on the incline too.');
    expect(built.findings[0]!.evidence).toEqual(now.evidence);
    expect(built.findings[0]!.drills).toEqual(now.drills);
  });

  it('reads edits saved under the former ids (rule-side-place) as the findings they named', () => {
    const place = before.model.findings.map((f) => f.id);
    const link = before.links.find((l) => l.id === inclineDrop(before.model).id)!;
    expect(link.formerId).toMatch(/-\d+$/);
    expect(place).not.toContain(link.formerId);
    const edits: ReportEdits = {
      findings: [{ id: link.formerId!, text: 'Saved by an earlier StrideLab.', evidence: [] }],
      plan: [],
      notes: '',
    };
    const built = buildReport({ ...two, edits }).model;
    expect(built.findings[0]!.id).toBe(link.id);
    expect(built.findings[0]!.evidence).toEqual(inclineDrop(before.model).evidence);
  });
});

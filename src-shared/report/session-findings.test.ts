/**
 * The session's findings as the report lists them and Review's "What to work on first" shows them
 * (session-findings.ts), on generated data with known answers: real analyses of synthetic runners
 * whose findings are set by hand (a stiff knee, peak flexion below 40° with SDD 3.8°, each side's
 * mean and steps chosen, so each side's effect size is (40 − mean) / 3.8), and the report built
 * from the same conditions for the list it prints.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../gait/analyze';
import type { GaitAnalysis, GaitFinding } from '../gait/schema';
import type { ReportEdits } from '../contract/report';
import { generateRunner } from '../gait/synthetic';
import { gaitFinding, stiffKnee, stiffKneeEvidence, type Evidence } from '../gait/testing/findings';
import { buildReport, type ReportConditionInput } from './build';
import { clipInput, reportInput } from './testing/report-input';
import { clipFindings, primaryClip, sessionFindings, suggestFindings } from './session-findings';

const sideSeries = generateRunner({ view: 'side', fps: 60, durationS: 6, seed: 3 }).series;
const side = analyzeGait({ series: sideSeries, view: 'side' });
const rear = analyzeGait({
  series: generateRunner({ view: 'rear', fps: 60, durationS: 6, seed: 3 }).series,
  view: 'rear',
});
const withFindings = (a: GaitAnalysis, findings: GaitFinding[]): GaitAnalysis => ({ ...a, findings });
const contact: Evidence = {
  ...stiffKneeEvidence('right', 0.2, 11),
  variableId: 'contact-time',
  label: 'Contact time',
  unit: 's',
  op: '>',
  threshold: 0.3,
};

describe('every clip’s findings', () => {
  it('a rear clip’s times are the side clip’s: evidence on times dropped beside a side clip, kept alone', () => {
    expect(rear.variables.find((v) => v.id === 'contact-time')?.view).toBe('any');
    const timing = gaitFinding('short-contact', [contact], { title: 'Short contact' });
    const mixed = gaitFinding('stiff-knee-stance', [contact, stiffKneeEvidence('right', 30, 11)]);
    const rearClip = { view: 'rear' as const, analysis: withFindings(rear, [timing, mixed]) };
    const clips = [rearClip, { view: 'side' as const, analysis: withFindings(side, []) }];
    expect(primaryClip(clips)!.view).toBe('side');
    const found = clipFindings([{ id: 'c1', label: 'Flat', clips }]);
    expect(found.map((x) => x.f.evidence.map((e) => e.variableId))).toEqual([['peak-knee-flexion-stance']]);
    expect(found[0]!.rows).toEqual(['c1|rear|peak-knee-flexion-stance']);
    const alone = clipFindings([{ id: 'c1', label: 'Flat', clips: [rearClip] }]);
    expect(alone.map((x) => x.f.evidence.length)).toEqual([1, 2]);
  });

  it('names the condition only where the session has more than one, and a provisional window', () => {
    const clip = { view: 'side' as const, analysis: withFindings(side, [stiffKnee('right', 30)]) };
    expect(clipFindings([{ id: 'c1', label: 'Flat', clips: [clip] }])[0]!.where).toBeUndefined();
    const two = clipFindings([
      { id: 'c1', label: 'Flat', clips: [clip] },
      {
        id: 'c2',
        label: 'Incline',
        clips: [{ ...clip, provisional: { fromS: 54, toS: 65, strides: { left: 8, right: 8 } } }],
      },
    ]);
    expect(two.map((x) => x.where)).toEqual(['Flat', 'Incline (provisional, 0:54–1:05)']);
    expect(two.map((x) => x.condition)).toEqual(['c1', 'c2']);
  });
});

describe('merged, ranked and worded', () => {
  const DOUBT =
    "the left (far) leg's peak knee flexion in stance was not measurable from the same camera in Flat";
  // Incline's knee: right firm at 30° (effect 10 / 3.8 = 2.6), left tentative at 10° (effect 7.9);
  // flat's right knee firm at 25° (effect 3.9), between the two.
  const inclineRight = { f: stiffKnee('right', 30), where: 'Incline', condition: 'c2', rows: ['r'] };
  const inclineLeft = {
    f: { ...stiffKnee('left', 10), provisional: true },
    where: 'Incline',
    condition: 'c2',
    rows: ['l'],
    doubt: DOUBT,
  };
  const flatRight = { f: stiffKnee('right', 25), where: 'Flat', condition: 'c1', rows: ['f'] };

  it('merges left and right, ranks the merged finding on its firm side, and says each side', () => {
    const s = suggestFindings([flatRight, inclineRight, inclineLeft], {});
    expect(s.merged).toHaveLength(2);
    // By the doubted left's 7.9 the incline knee would lead; by its firm right's 2.6 flat's 3.9 does.
    expect(s.order).toEqual([0, 1]);
    expect(s.ranked.map((r) => Math.round(r.effect * 100) / 100)).toEqual([3.95, 2.63]);
    expect(s.findings.map((f) => f.id)).toEqual(['stiff-knee-stance-right-c1', 'stiff-knee-stance-both-c2']);
    expect(s.findings[1]!.text).toBe(
      `Incline: Stiff knee in stance on both sides. Left: tentative, ${DOUBT}; right: firm, over 11 clean steps.`,
    );
    expect(s.findings[1]!.priority!.why).toMatch(/ranked on the firm side \(right\)$/);
  });

  it('a tentative finding alone ranks after the firm ones whatever its effect', () => {
    const s = suggestFindings([inclineLeft, flatRight], {});
    expect(s.order).toEqual([1, 0]);
    expect(s.findings[0]!.text).toBe(`Incline: Stiff knee in stance on the left. Tentative: ${DOUBT}.`);
  });
});

describe('the list Review shows is the report’s', () => {
  const conditions: ReportConditionInput[] = [
    {
      id: 'c1',
      label: 'Flat',
      clips: [
        clipInput('side', withFindings(side, [stiffKnee('right', 25)]), sideSeries, { file: 'flat.mp4' }),
      ],
    },
    {
      id: 'c2',
      label: 'Incline',
      clips: [
        clipInput(
          'side',
          withFindings(side, [stiffKnee('left', 12, 5), stiffKnee('right', 30)]),
          sideSeries,
          {
            file: 'incline.mp4',
          },
        ),
      ],
    },
  ];
  const ctx = { complaint: 'right knee pain', injurySide: 'right' as const };
  const report = (edits?: ReportEdits) =>
    buildReport(
      reportInput(conditions, {
        session: { id: 's1', date: '2026-12-07', ...ctx },
        ...(edits ? { edits } : {}),
      }),
    ).model.findings;

  it('for the same conditions, the same findings in the same order and words', () => {
    const listed = sessionFindings(conditions, ctx);
    expect(listed).toEqual(report());
    // The incline knee: left tentative on 5 steps, right firm, merged; flat's knee (effect 3.9) first.
    expect(listed.map((f) => f.text)).toEqual([
      'Flat: Stiff knee in stance on the right.',
      'Incline: Stiff knee in stance on both sides. Left: tentative, fewer than 7 clean steps; right: firm, over 11 clean steps.',
    ]);
  });

  it('with the PT’s saved words: their order, pins, words and cues, as the report prints them', () => {
    const [flat, incline] = sessionFindings(conditions, ctx);
    // The PT pins the incline knee first and rewords it, sets flat's aside, and adds one of their own.
    const edits: ReportEdits = {
      findings: [
        { id: flat!.id, text: flat!.text, evidence: [...flat!.evidence], pin: 'demoted' },
        { id: 'pt-1', text: 'Heavy landing, heard on the belt.', evidence: [] },
        { id: incline!.id, text: 'Incline: both knees stiff.', evidence: [], pin: 'pinned', cue: 'Soft.' },
      ],
      plan: [],
      notes: '',
    };
    const listed = sessionFindings(conditions, ctx, edits);
    expect(listed).toEqual(report(edits));
    expect(listed.map((f) => [f.text, f.pin, f.cue?.text])).toEqual([
      ['Incline: both knees stiff.', 'pinned', 'Soft.'],
      ['Heavy landing, heard on the belt.', undefined, undefined],
      ['Flat: Stiff knee in stance on the right.', 'demoted', flat!.cue?.text],
    ]);
    // The evidence is the analysis's, not the saved lines.
    expect(listed[0]!.evidence).toEqual(incline!.evidence);
  });
});

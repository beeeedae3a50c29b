/**
 * A far leg the same camera could not measure in one condition (src-shared/report/far-leg.ts), in
 * the report built from REAL gait analyses of synthetic runners: a stiff knee (peak 18° in stance,
 * both legs) filmed from the right, in flat with the left (far) leg hidden from the pose model, in
 * incline seen. Incline's left knee is measured and fires on 11 steps; the report flags it, and
 * the finding on it is tentative on that side: merged with the near leg's whole one it says which
 * side is which and ranks on the whole side; alone, it is tentative and ranks after the whole ones.
 * The review's "What to work on first" (one clip open) lists the report's first three in its words
 * and order, given the session's clips as ReviewPage loads them (src-renderer/src/review/
 * session-side-clips.ts); before 2026-12-07 it listed the two knees apart.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src-shared/gait';
import { generateRunner, type SyntheticOptions } from '../../src-shared/gait/synthetic';
import { flickerLeftLeg } from '../../src-shared/gait/testing/hide-leg';
import { buildReport, type ReportConditionInput } from '../../src-shared/report/build';
import type { ReportModel } from '../../src-shared/report/model';
import { splitFindings } from '../../src-shared/report/priorities';
import { clipInput, reportInput } from '../../src-shared/report/testing/report-input';
import { renderHtml } from '../helpers/react-render';
import { reportFirstThree as first, workFirstHtml, workFirstItems } from '../helpers/work-first';

// The report's findings section as the page and the PDF draw it (loaded by name: see react-render.ts).
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { Findings } = (await load('../../src-renderer/src/report/ReportSections.tsx')) as {
  Findings: (p: { model: ReportModel }) => unknown;
};

const design = {
  view: 'side',
  fps: 60,
  durationS: 8,
  noisePx: 2,
  stanceKneePeakDeg: 18,
  kneeAtIcDeg: 8,
  kneeAtToDeg: 10,
} as const;

function condition(
  id: string,
  label: string,
  o: Partial<SyntheticOptions>,
  hide = false,
): ReportConditionInput {
  const c = generateRunner({ ...design, ...o });
  const series = hide ? flickerLeftLeg(c.series) : c.series;
  const analysis = analyzeGait({ series, view: 'side', calibration: { heightCm: 175 } });
  return { id, label, clips: [clipInput('side', analysis, series, { file: `${id}.mp4` })] };
}

const report = (conditions: ReportConditionInput[]) =>
  buildReport(reportInput(conditions, { patient: { name: 'Sam Synthetic', heightCm: 175 } })).model;

const flat = condition('flat', 'Flat', { seed: 3 }, true);
const incline = condition('incline', 'Incline', { seed: 5 });

describe('a far leg not measurable in another condition', () => {
  it('the designs: flat cannot measure the left knee, incline measures it and finds it stiff', () => {
    const knee = (c: ReportConditionInput) =>
      c.clips[0]!.analysis.variables.find((v) => v.id === 'peak-knee-flexion-stance')!;
    expect(flat.clips[0]!.analysis.orientation.nearSide).toBe('right');
    expect(knee(flat).left.notMeasurable?.reason).toMatch(/far leg/);
    expect(knee(incline).left.notMeasurable).toBeNull();
    expect(knee(incline).left.n).toBeGreaterThanOrEqual(7);
    const left = incline.clips[0]!.analysis.findings.find((f) => f.side === 'left');
    expect(left?.id).toBe('stiff-knee-stance');
    expect(left?.provisional).toBe(false);
  });

  it('flags the value where it was measured, and the finding on both legs says its far side is tentative', () => {
    const m = report([flat, incline]);
    const quality = m.conditions[1]!.quality.find((q) => q.text.includes('(far) leg'));
    expect(quality?.level).toBe('warning');
    expect(quality?.text).toMatch(
      /^side view, left \(far\) leg: foot inclination at initial contact \(\d+ steps\), .*peak knee flexion in stance \(\d+ steps\), .* measured here, but not measurable from the same camera in Flat \(see Flat's table\); check them in Review before relying on them\.$/,
    );
    expect(quality?.advice).toMatch(/Film the left side/);
    // Flat's own section says nothing of it: its value is already "not measurable".
    expect(m.conditions[0]!.quality.some((q) => q.text.includes('(far) leg'))).toBe(false);
    // Incline's knee is stiff on both legs: the near (right) leg's finding is whole, the far
    // (left) leg's tentative. The merged finding says which, and ranks on its whole side.
    const both = m.findings.find((f) => f.text.startsWith('Incline: '))!;
    expect(both.text).toBe(
      "Incline: Stiff knee in stance on both sides. Left: tentative, the left (far) leg's peak knee flexion in stance was not measurable from the same camera in Flat; right: firm, over 11 clean steps.",
    );
    expect(both.evidence[0]).toMatch(/^Peak knee flexion in stance, left: .* \(tentative\)$/);
    expect(both.evidence[1]).toMatch(/^Peak knee flexion in stance, right: .*\(SDD\) 3\.8°$/);
    expect(both.priority!.why).toMatch(/ranked on the firm side \(right\)$/);
    // Its effect is the right (near) side's, (40 − mean) / SDD, not the doubted left's.
    const right = incline.clips[0]!.analysis.variables.find(
      (v) => v.id === 'peak-knee-flexion-stance',
    )!.right;
    expect(both.priority!.effect).toBeCloseTo((40 - right.mean!) / 3.8, 2);
    expect(m.findings.every((f) => f === both || !f.text.includes('tentative'))).toBe(true);
    expect(splitFindings(m.findings).first.map((f) => f.text)).toContain(both.text);
    // The report draws the words and marks the row: one item holds both.
    const items = renderHtml(Findings, { model: m })
      .replace(/&#x27;/g, "'")
      .split('<li');
    const drawn = items.find((x) => x.includes('Incline: Stiff knee'))!;
    expect(drawn).toContain("Left: tentative, the left (far) leg's peak knee flexion in stance");
    expect(drawn).toContain('right: firm, over 11 clean steps.');
    expect(items.filter((x) => x.includes('(tentative)'))).toEqual([
      expect.stringMatching(/^>Peak knee flexion in stance, left: /),
    ]);
  });

  it('a finding resting only on the doubted leg is tentative as a whole, ranked after the whole ones', () => {
    // A near (right) knee that fired nothing: incline's findings on the left (far) leg only.
    const a = incline.clips[0]!.analysis;
    const leftOnly = {
      ...incline,
      clips: [
        { ...incline.clips[0]!, analysis: { ...a, findings: a.findings.filter((f) => f.side === 'left') } },
      ],
    };
    const m = report([flat, leftOnly]);
    const texts = m.findings.map((f) => f.text);
    expect(texts[texts.length - 1]).toBe(
      "Incline: Stiff knee in stance on the left. Tentative: the left (far) leg's peak knee flexion in stance was not measurable from the same camera in Flat.",
    );
    const whole = m.findings.slice(0, -1);
    expect(whole.every((f) => f.text.startsWith('Flat: ') && !f.text.includes('Tentative'))).toBe(true);
    // By effect alone, it would not be last.
    expect(m.findings.at(-1)!.priority!.effect).toBeGreaterThan(
      Math.min(...whole.map((f) => f.priority!.effect)),
    );
    expect(m.findings.at(-1)!.priority!.why).toMatch(/tentative: ranked after the firm findings/);
  });

  it('does not reach a clip filmed from the other side (another leg is the far one)', () => {
    const mirrored = condition('incline', 'Incline', { seed: 5, facing: 'image-left' });
    expect(mirrored.clips[0]!.analysis.orientation.nearSide).toBe('left');
    const m = report([flat, mirrored]);
    expect(m.conditions[1]!.quality.some((q) => q.text.includes('(far) leg'))).toBe(false);
    expect(m.findings.some((f) => f.text.includes('Tentative'))).toBe(false);
  });
});

describe("the review's first three, one clip open, are the report's", () => {
  const flatClip = {
    recordingId: 'r-flat',
    name: 'flat.mp4',
    view: 'side',
    label: 'Flat',
    analysis: flat.clips[0]!.analysis,
  };
  const inclineClip = { recordingId: 'r-incline', name: 'incline.mp4', view: 'side', label: 'Incline' };
  /** Each item of the panel in words, first to last, for incline open (its analysis `gait`) given
   *  the session's clips as ReviewPage loads them. */
  const panel = (session: readonly object[], gait = incline.clips[0]!.analysis): string[] =>
    workFirstItems(session, gait, 'r-incline');

  it('lists the report’s: the knee finding on both legs, tentative on the far one only, in its words', () => {
    const items = panel([flatClip, inclineClip]);
    expect(items).toEqual(first(report([flat, incline])));
    expect(items.find((x) => x.startsWith('Incline: Stiff knee in stance on both sides.'))).toMatch(
      /Left: tentative, the left \(far\) leg's peak knee flexion in stance was not measurable from the same camera in Flat; right: firm, over 11 clean steps\./,
    );
  });

  it('a finding on the far leg only: tentative, and ranked after the whole ones, as in the report', () => {
    const a = incline.clips[0]!.analysis;
    const leftOnly = { ...a, findings: a.findings.filter((f) => f.side === 'left') };
    const items = panel([flatClip, inclineClip], leftOnly);
    const m = report([flat, { ...incline, clips: [{ ...incline.clips[0]!, analysis: leftOnly }] }]);
    expect(items).toEqual(first(m));
    expect(items.at(-1)).toMatch(/^Incline: Stiff knee in stance on the left\. Tentative: the left \(far\)/);
  });

  it('an older take open takes the place of the one the report prints, and the panel says so', () => {
    // The report prints incline's newest side clip; the PT has the older one open.
    const newer = {
      recordingId: 'r-incline-2',
      name: 'incline take 2.mp4',
      view: 'side',
      label: 'Incline',
      analysis: flat.clips[0]!.analysis,
    };
    const session = [flatClip, inclineClip, newer];
    expect(panel(session)).toEqual(first(report([flat, incline])));
    const html = workFirstHtml(session, incline.clips[0]!.analysis, 'r-incline');
    expect(html).toContain(
      'The report prints another side clip of Incline (“incline take 2.mp4”); these are with this one in its place.',
    );
    expect(panel(session.slice(0, 2))).toEqual(first(report([flat, incline])));
  });

  it('the open clip alone until the session’s other clips are analysed, as a report of it alone', () => {
    const alone = first(report([incline]));
    expect(alone.some((x) => /tentative/i.test(x))).toBe(false);
    expect(panel([])).toEqual(alone);
    expect(panel([{ ...flatClip, analysis: undefined }, inclineClip])).toEqual(alone);
  });
});

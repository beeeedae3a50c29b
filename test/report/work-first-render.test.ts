/**
 * "What to work on first" as the report prints it (src-renderer/src/report/WorkOnFirst.tsx): each
 * finding's cue and drill read as sentences. The drill's dosage is a sentence of its own (the
 * exercise library writes it so: "Within your usual runs: …"); glued to the title with a comma it
 * printed "Drill: Cadence retraining (+5–10%), Within your usual runs: …".
 */
import { describe, expect, it } from 'vitest';
import type { Finding, PlanItem, ReportModel } from '../../src-shared/report/model';
import { createElement, renderToStaticMarkup, type Element } from '../helpers/react-render';

// React and the renderer's component are loaded by name: the node type-check has no JSX and no DOM
// (as test/review/work-first-complaint.test.ts). vitest compiles them as the renderer's build does.
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { WorkOnFirst, RunnerPage } = (await load('../../src-renderer/src/report/WorkOnFirst.tsx')) as {
  WorkOnFirst: (p: { model: ReportModel }) => Element;
  RunnerPage: (p: { model: ReportModel }) => Element;
};

const modelOf = (
  findings: Finding[],
  plan: PlanItem[],
  conditions: { id: string; label: string }[] = [],
): ReportModel => ({ findings, plan, conditions, session: {}, edited: false }) as unknown as ReportModel;
const words = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
const item = (f: Finding, plan: PlanItem[]): string => {
  const html = renderToStaticMarkup(createElement(WorkOnFirst, { model: modelOf([f], plan) }));
  return words(/<li[^>]*>(.*?)<\/li>/s.exec(html)?.[1] ?? '');
};
/** The runner's page's opening sentence. */
const opening = (findings: Finding[]): string =>
  words(
    /<p>(.*?)<\/p>/s.exec(
      renderToStaticMarkup(createElement(RunnerPage, { model: modelOf(findings, []) })),
    )?.[1] ?? '',
  );

const finding: Finding = {
  id: 'overstride-left-flat',
  text: 'flat: Overstriding on the left.',
  evidence: [],
  cue: { text: 'Land under your hips.' },
  drills: ['cadence'],
};
const cadence: PlanItem = { id: 'cadence', title: 'Cadence retraining (+5–10%)', detail: '' };

describe('what to work on first, as printed', () => {
  it('gives the drill and its dosage as two sentences', () => {
    const dosage =
      "Within your usual runs: a few minutes at a time to a metronome set 5–10% above today's step rate";
    expect(item(finding, [{ ...cadence, dosage }])).toBe(
      'flat: Overstriding on the left. Cue: “Land under your hips.” Drill: Cadence retraining (+5–10%). ' +
        `${dosage}.`,
    );
    expect(item(finding, [{ ...cadence, dosage: `${dosage}.` }])).toMatch(/step rate\.$/);
  });

  it('gives the drill alone where it has no dosage', () => {
    expect(item(finding, [cadence])).toMatch(/Drill: Cadence retraining \(\+5–10%\)\.$/);
  });

  it("tells the runner 'this is the one thing' or 'these are the N things'", () => {
    expect(opening([finding])).toMatch(
      /^From the video of your running, this is the one thing to work on first\./,
    );
    const second = { ...finding, id: 'trunk-lean-both-flat', text: 'flat: Trunk lean.' };
    expect(opening([finding, second])).toMatch(
      /^From the video of your running, these are the 2 things to work on first\./,
    );
  });

  it('gives the runner a cue found in flat and incline once', () => {
    const flat = {
      ...finding,
      id: 'overstride-both-flat',
      plain: 'Your foot lands well ahead of your body.',
    };
    const incline = { ...flat, id: 'overstride-both-incline', text: 'incline: Overstriding on the left.' };
    const html = renderToStaticMarkup(
      createElement(RunnerPage, { model: modelOf([flat, incline], [cadence]) }),
    );
    expect(html.match(/data-testid="runner-item"/g)).toHaveLength(1);
    expect(words(html).match(/Land under your hips/g)).toHaveLength(1);
    expect(opening([flat, incline])).toMatch(/^From the video of your running, this is the one thing/);
  });

  it("says on the runner's page which conditions each finding was seen in", () => {
    const conditions = [
      { id: 'flat', label: 'Flat' },
      { id: 'incline', label: 'Incline' },
    ];
    const flat = {
      ...finding,
      id: 'overstride-both-flat',
      plain: 'Your foot lands well ahead of your body.',
      condition: 'flat',
    };
    const incline = { ...flat, id: 'overstride-both-incline', condition: 'incline' };
    const lean: Finding = {
      id: 'trunk-lean-incline',
      text: 'Incline: Forward trunk lean.',
      evidence: [],
      plain: 'You bend forward at the waist while running.',
      condition: 'incline',
    };
    const mine: Finding = { id: 'pt-1', text: 'Heavy landing on the right.', evidence: [] };
    const html = renderToStaticMarkup(
      createElement(RunnerPage, { model: modelOf([flat, lean, incline], [cadence], conditions) }),
    );
    // Each item's words, its paragraphs apart.
    const itemsOf = (h: string): string[] =>
      h
        .split('data-testid="runner-item"')
        .slice(1)
        .map((x) => words(x.replace(/<\/p>/g, ' </p>')));
    const items = itemsOf(html);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Your foot lands well ahead of your body. Seen in: Flat and Incline');
    expect(items[1]).toContain('You bend forward at the waist while running. Seen in: Incline');
    // The PT's own finding names no condition as data: none is invented.
    const pt = renderToStaticMarkup(
      createElement(RunnerPage, { model: modelOf([mine, lean], [cadence], conditions) }),
    );
    expect(itemsOf(pt)[0]).not.toContain('Seen in');
    // One condition filmed: nothing to tell apart, so the page does not say it.
    const one = renderToStaticMarkup(
      createElement(RunnerPage, { model: modelOf([flat], [cadence], conditions.slice(0, 1)) }),
    );
    expect(words(one)).not.toContain('Seen in');
  });
});

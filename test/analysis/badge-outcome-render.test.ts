/**
 * The session card's analysis badge (src-renderer/src/analysis/AnalysisBadge.tsx) for each outcome of
 * the gait step (src-shared/analysis/outcome.ts, stored with the job): walked with a clip of no
 * person, the card said "Analysed · Numbers from the whole clip" beside "A person was found in only
 * 0 of 180 frames…"; a clip too short, one of someone standing and one of a walker said "✓ Analysed"
 * with nothing more. Each now has its own badge, amber without the tick, and its note (why, then what
 * to do); a clip with numbers, with an alignment note or none, still says it has the whole clip's.
 */
import { describe, expect, it } from 'vitest';
import type { ClipOutcome } from '../../src-shared/analysis/outcome';
import type { ClipAnalysisStatus } from '../../src-shared/contract/analysis';
import { createElement, renderToStaticMarkup, type Element } from '../helpers/react-render';

// The badge's buttons call the app's transport, chosen on load from the window: the preload
// bridge's shape stands in (nothing is clicked here). React and the component are loaded by name
// (test/helpers/react-render.ts).
(globalThis as { window?: unknown }).window = {
  stridelab: { call: () => new Promise(() => undefined), onEvent: () => () => undefined },
};
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { AnalysisBadge } = (await load('../../src-renderer/src/analysis/AnalysisBadge.tsx')) as {
  AnalysisBadge: (p: { status: ClipAnalysisStatus }) => Element;
};

const words = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const done = (outcome: ClipOutcome | null | undefined, note: string | null): ClipAnalysisStatus => ({
  recordingId: 'r1',
  sessionId: 's1',
  model: 'full',
  state: 'done',
  fraction: null,
  secondsLeft: null,
  error: null,
  note,
  attempts: 1,
  updatedAt: null,
  ...(outcome === undefined ? {} : { outcome }),
});
const badge = (outcome: ClipOutcome | null | undefined, note: string | null = null): string =>
  renderToStaticMarkup(createElement(AnalysisBadge, { status: done(outcome, note) }));

const ALIGN =
  'The side and rear clips of flat could not be aligned by themselves (too few poses). Align them by hand in Review.';

describe('analysis badge of a finished clip, by what the gait step made of it', () => {
  // The notes are the gait step's words for each (test/analysis/steps-outcome.test.ts makes them).
  const cases: readonly [ClipOutcome, string, string, boolean][] = [
    [
      'no-runner',
      'No numbers: no runner in view',
      'A person was found in only 0 of 180 frames: this clip does not show the runner. Findings are withheld. Film the whole runner, in good light, with nobody else in view.',
      false,
    ],
    [
      'no-steps',
      'No numbers: no steps found',
      'The person in this clip hardly moves their feet (ankles within 0% of a leg length): it does not show running, perhaps someone standing or a bystander. Findings are withheld. Film the runner, alone in view.',
      false,
    ],
    [
      'too-short',
      'No numbers: clip too short',
      'The clip lasts 1.5 s: too short to measure steps and how much they vary (at least 2 s, two steps a side, are needed). Film 10 to 15 s of steady running.',
      false,
    ],
    [
      'refused',
      'No numbers: clip could not be measured',
      'The clip has only 8 frames: too short to find steps.',
      false,
    ],
    [
      'withheld',
      'Analysed: findings withheld',
      'This clip looks like walking, not running (the pelvis rises over the stance leg instead of dipping onto it). Findings are withheld: the running references do not apply. Film the patient running.',
      true,
    ],
  ];

  it.each(cases)('%s: its badge, amber, then why and what to do', (outcome, title, note, numbers) => {
    const html = badge(outcome, note);
    const text = words(html);
    expect(text.startsWith(title)).toBe(true);
    expect(text).toContain(note);
    // What to do: in the note's own words, or said after them where the engine's do not say it.
    if (outcome === 'refused')
      expect(
        text.endsWith(
          `${note} Open the clip in Review to see what it shows, then import it again or film it again.`,
        ),
      ).toBe(true);
    else expect(text.endsWith(note)).toBe(true);
    expect(html).toContain(numbers ? 'analysis-withheld' : 'analysis-no-numbers');
    expect(html).toContain(`data-outcome="${outcome}"`);
    // Only a clip that gave numbers says it has the whole clip's.
    expect(html.includes('Numbers from the whole clip')).toBe(numbers);
    expect(text).not.toMatch(/^Analysed Numbers/);
  });

  it('each outcome has its own words', () => {
    expect(new Set(cases.map((c) => c[1])).size).toBe(cases.length);
  });

  it('still says the whole clip gave numbers when it did, with an alignment note or none', () => {
    // null/undefined: landmarks from before the queue (the CLI), or a status from an older workstation.
    for (const outcome of ['numbers', null, undefined] as const)
      for (const note of [null, ALIGN]) {
        const html = badge(outcome, note);
        expect(words(html)).toMatch(/^Analysed Numbers from the whole clip/);
        expect(html).not.toContain('analysis-no-numbers');
        expect(html).not.toContain('analysis-withheld');
      }
  });
});

/**
 * The session card's analysis badge (src-renderer/src/analysis/AnalysisBadge.tsx) for a clip the
 * clip check found no runner in (src-shared/gait/clip-check.ts, the note src-main/services/analysis/
 * steps.ts `checkGait` leaves): walked with a clip of no person, the card said "Analysed · Numbers
 * from the whole clip" beside "A person was found in only 0 of 180 frames…". It now says the clip
 * was analysed and gave no numbers; a clip with numbers, and one with only an alignment note, still
 * say they have the whole clip's.
 */
import { describe, expect, it } from 'vitest';
import type { ClipAnalysisStatus } from '../../src-shared/contract/analysis';
import { checkClip } from '../../src-shared/gait/clip-check';
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
const done = (note: string | null): ClipAnalysisStatus =>
  ({
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
  }) as ClipAnalysisStatus;
const badge = (note: string | null): string =>
  renderToStaticMarkup(createElement(AnalysisBadge, { status: done(note) }));

// The clip check's own words for 180 frames with no pose in any (as the walked clip).
const noRunner = checkClip({
  series: { fps: 30, frames: Array.from({ length: 180 }, (_, i) => ({ t: i / 30, status: 'none' })) },
  view: 'side',
} as unknown as Parameters<typeof checkClip>[0]).reasons.find((r) => r.code === 'no-person')!.message;

describe('analysis badge of a clip with no runner', () => {
  it('says it was analysed and gave no numbers, with the reason, not "Numbers from the whole clip"', () => {
    expect(noRunner).toMatch(/^A person was found in only 0 of 180 frames/);
    const html = badge(noRunner);
    expect(html).not.toContain('Numbers from the whole clip');
    expect(html).not.toContain('data-numbers="clip"');
    expect(words(html)).toMatch(
      /^Analysed: no numbers from this clip A person was found in only 0 of 180 frames/,
    );
    expect(html).toContain('analysis-no-numbers');
  });

  it('still says the whole clip gave numbers when it did, with an alignment note or none', () => {
    const align =
      'The side and rear clips of flat could not be aligned by themselves (too few poses). Align them by hand in Review.';
    for (const note of [null, align]) {
      const html = badge(note);
      expect(words(html)).toMatch(/^Analysed Numbers from the whole clip/);
      expect(html).not.toContain('analysis-no-numbers');
    }
  });
});

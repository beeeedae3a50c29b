/**
 * An impossible hand edit in Review (issue 20 item 3): a left contact added 12 frames after another
 * on a synthetic runner whose stride is about 42 frames (60 fps). The analysis accepts it; the
 * events panel's note, on that frame, and the quality list say so in the PT's words. The quality
 * list is rendered by React itself (react-dom/server), fed the analysis as ReviewWorkspace does; the
 * events panel imports the app's transport (a browser window), so its note is read from eventNoteAt.
 */
import { describe, expect, it } from 'vitest';
import type { GaitAnalysis } from '../../src-shared/gait/schema';
import { analyzeGait } from '../../src-shared/gait/analyze';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { eventNoteAt } from '../../src-shared/review/event-marks';
import { createElement, renderToStaticMarkup, type Element } from '../helpers/react-render';

// Loaded by name: the node type-check has no JSX and no DOM (as work-first-complaint.test.ts).
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { QualityPanel } = (await load('../../src-renderer/src/review/panels/QualityPanel.tsx')) as {
  QualityPanel: (p: { gait: GaitAnalysis }) => Element;
};
const clip = generateRunner({ view: 'side', fps: 60, noisePx: 0.5, durationS: 6 });
const base = analyzeGait({ series: clip.series, view: 'side' });
const ic = base.events.filter((e) => e.kind === 'initial-contact' && e.side === 'left')[2]!;
const added = ic.frame + 12;
const gait = analyzeGait({
  series: clip.series,
  view: 'side',
  eventEdits: [{ op: 'add', kind: 'initial-contact', side: 'left', frame: added }],
});
const said =
  /This left contact is 12 frames after the previous one; the runner's stride is about 4\d frames: check it, or delete one\./;
const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");
describe('an impossible hand edit in Review', () => {
  it('is said beside the event, on its frame only', () => {
    // The note EventsPanel shows under its buttons (ReviewWorkspace passes eventNoteAt's answer).
    expect(eventNoteAt(gait.flags, added)).toMatch(said);
    expect(eventNoteAt(gait.flags, ic.frame)).toBeUndefined();
  });
  it('is in the quality list', () => {
    expect(text(renderToStaticMarkup(createElement(QualityPanel, { gait })))).toMatch(said);
    expect(text(renderToStaticMarkup(createElement(QualityPanel, { gait: base })))).not.toMatch(
      /This left contact/,
    );
  });
});

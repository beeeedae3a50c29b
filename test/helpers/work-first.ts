/**
 * Review's "What to work on first" as ReviewPage mounts it, rendered by React (react-dom/server): the
 * open clip's analysis `gait` (recording `recordingId`) among the session's clips as ReviewPage loads
 * them (SessionClips). And the report's first three as its first page prints them, which the panel's
 * items must equal (src-shared/report/session-findings.ts). Components are loaded by name (see
 * react-render.ts), relative to this file.
 */
import type { GaitAnalysis } from '../../src-shared/gait';
import type { ReportModel } from '../../src-shared/report/model';
import { splitFindings } from '../../src-shared/report/priorities';
import { createElement, renderToStaticMarkup } from './react-render';

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { WorkOnFirstPanel } = (await load('../../src-renderer/src/review/panels/WorkOnFirstPanel.tsx')) as {
  WorkOnFirstPanel: (p: { gait: GaitAnalysis; recordingId?: string }) => unknown;
};
const { SessionClips } = (await load('../../src-renderer/src/review/session-side-clips.ts')) as {
  SessionClips: { Provider: unknown };
};

/** The panel's HTML with `gait` open, given the session's clips. */
export function workFirstHtml(session: readonly object[], gait: GaitAnalysis, recordingId: string): string {
  return renderToStaticMarkup(
    createElement(
      SessionClips.Provider,
      { value: session },
      createElement(WorkOnFirstPanel, { gait, recordingId }),
    ),
  );
}

/** The panel's items in words, first to last. */
export const workFirstItems = (
  session: readonly object[],
  gait: GaitAnalysis,
  recordingId: string,
): string[] =>
  [...workFirstHtml(session, gait, recordingId).matchAll(/<li[^>]*>(.*?)<\/li>/gs)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'"),
  );

/** The report's first three as its first page prints them: the words, then the cue. */
export const reportFirstThree = (m: ReportModel): string[] =>
  splitFindings(m.findings).first.map((f) => `${f.text}${f.cue ? ` · “${f.cue.text}”` : ''}`);

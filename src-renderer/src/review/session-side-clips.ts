/**
 * The session's clips, with the analyses the report prints, for the review's "What to work on
 * first": it lists the session's findings as the report does (src-shared/report/session-findings.ts),
 * and the review has one clip open, so ReviewPage loads the others (useSessionClips.ts: for each
 * condition and view the clip the report prints, its `gait:analyze` analysis with the PT's
 * corrections and trim, and its skin-marker values in the landmarks' place where markers were
 * tracked, `hybridOf` as the report) and gives them to the panel through this context, as it gives
 * the complaint (session-focus.ts). The open clip takes its own place with Review's live analysis.
 */
import { createContext } from 'react';
import type { Recording } from '../../../src-shared/contract/recordings';
import type { ReportEdits } from '../../../src-shared/contract/report';
import type { GaitAnalysis } from '../../../src-shared/gait/schema';
import type { FindingsCondition } from '../../../src-shared/report/session-findings';

export interface SessionClip {
  readonly recordingId: string;
  /** The file the PT knows it by. */
  readonly name: string;
  readonly view: Recording['view'];
  /** Its condition's label, by which the report groups clips ("Flat"). */
  readonly label: string;
  /** Only on the clip the report prints for its condition and view (the newest that analyses),
   *  once analysed: the analysis the report prints. */
  readonly analysis?: GaitAnalysis;
}

export const SessionClips = createContext<readonly SessionClip[]>([]);

/** The PT's saved words for the session's report (useSavedEdits.ts); none: the suggestions. */
export const SessionEdits = createContext<ReportEdits | undefined>(undefined);

/**
 * The session as the report groups it, with the open clip (`open`, Review's analysis of it) in its
 * condition and view's place: conditions in the order their first printed clip comes, each clip
 * where its recording comes (the report's order, which breaks ties in the ranking). `aside`: the
 * clip the report prints in the open clip's place, where that is another one (an older take open).
 * Without the session's clips, the open clip stands alone.
 */
export function sessionConditions(
  session: readonly SessionClip[],
  open: { readonly recordingId: string | undefined; readonly gait: GaitAnalysis },
): { conditions: FindingsCondition[]; aside?: SessionClip } {
  const own = session.find((c) => c.recordingId === open.recordingId);
  if (!own)
    return {
      conditions: [{ id: 'c1', label: '', clips: [{ view: open.gait.source.view, analysis: open.gait }] }],
    };
  const slot = (c: SessionClip): boolean => c.label === own.label && c.view === own.view;
  const aside = session.find((c) => c !== own && slot(c) && c.analysis);
  const conditions: { id: string; label: string; clips: FindingsCondition['clips'][number][] }[] = [];
  for (const c of session) {
    const analysis = c === own ? open.gait : slot(c) ? undefined : c.analysis;
    if (!analysis) continue;
    let cond = conditions.find((x) => x.label === c.label);
    if (!cond) {
      cond = { id: `c${conditions.length + 1}`, label: c.label, clips: [] };
      conditions.push(cond);
    }
    cond.clips.push({ view: c.view, analysis });
  }
  return { conditions, ...(aside ? { aside } : {}) };
}

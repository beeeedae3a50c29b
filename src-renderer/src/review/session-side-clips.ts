/**
 * The session's side clips, one per condition, with their gait analyses, for the review's "What to
 * work on first": whether the side view can measure the far leg is decided per clip, and a finding
 * on a far-leg value the same camera could not measure in another condition is tentative
 * (src-shared/report/far-leg.ts, the report's rule). The review has one clip open, so ReviewPage
 * loads the others (useSessionClips.ts: `gait:analyze`, the analysis the report reads, with the PT's
 * corrections and trim, before skin markers replace any of its values) and gives them to the panel
 * through this context, as it gives the complaint (session-focus.ts).
 */
import { createContext } from 'react';
import type { Recording } from '../../../src-shared/contract/recordings';
import type { GaitAnalysis } from '../../../src-shared/gait/schema';

export interface SessionClip {
  readonly recordingId: string;
  readonly view: Recording['view'];
  /** Its condition's label, by which the report groups clips ("Flat"). */
  readonly label: string;
  /** Side clips only, the newest of each condition, once analysed. */
  readonly analysis?: GaitAnalysis;
}

export const SessionClips = createContext<readonly SessionClip[]>([]);

/**
 * The session's complaint and painful side, for the review's "What to work on first": the review
 * ranks the active clip's findings as the report does (src-shared/gait/findings-rank.ts, weighted
 * by tables/focus.ts), so both must read the same two fields of the session. Given by ReviewPage,
 * which loads the session, and read by the panel, without threading it through the workspace.
 */
import { createContext } from 'react';
import type { RankContext } from '../../../src-shared/gait/findings-rank';

export const SessionFocus = createContext<RankContext | undefined>(undefined);

/** The ranking context of a session (as report/build.ts takes it from the same session). */
export function sessionFocus(s: {
  readonly complaint?: string | null;
  readonly injurySide?: RankContext['injurySide'] | null;
}): RankContext {
  return {
    ...(s.complaint ? { complaint: s.complaint } : {}),
    ...(s.injurySide ? { injurySide: s.injurySide } : {}),
  };
}

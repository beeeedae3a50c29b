/**
 * The PT's saved words for the session's report (`report:edits`), for the review's "What to work on
 * first": with them it lists the findings as the report prints them, the PT's order, pins and words
 * (src-shared/report/session-findings.ts). Read again when the session changes (a save or a reset of
 * the words says so: `library:changed` for the session, from this workstation or another).
 */
import { useEffect, useState } from 'react';
import type { ReportEdits } from '../../../src-shared/contract/report';
import { api, useEvent } from '../api/client';

export function useSavedEdits(sessionId: string): ReportEdits | undefined {
  const [edits, setEdits] = useState<{ sessionId: string; edits: ReportEdits | undefined }>();
  const [runs, setRuns] = useState(0);
  useEvent('library:changed', (e) => {
    if (e.kind === 'session' && e.id === sessionId) setRuns((n) => n + 1);
  });
  useEffect(() => {
    let live = true;
    // Unread words leave the suggestions: the panel then says what the report suggests.
    api('report:edits', { sessionId }).then(
      (saved) => live && setEdits({ sessionId, edits: saved ?? undefined }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [sessionId, runs]);
  return edits?.sessionId === sessionId ? edits.edits : undefined;
}

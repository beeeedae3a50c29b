import type { ReactNode } from 'react';
import { api, useEvent } from '../api/client';
import { useLoad } from '../useLoad';
import { AnalysisBanner } from './AnalysisBanner';
import { EarlyNumbersPanel } from './EarlyNumbersPanel';
import { isBusy, useAnalysis } from './useAnalysis';

/**
 * Review and Report sit behind this: the banner says where the analysis stands and offers the next
 * action. The review is always there: the PT can step through the video before or without an
 * analysis, and a clip's overlays and numbers come in when its analysis finishes. The report shows
 * once a clip is analysed, and is built afresh each time another clip finishes (so its numbers
 * include it); before that the PT sees why and what happens next, never a raw error. A clip still
 * being analysed shows its first numbers, labelled with their window (EarlyNumbersPanel); the report
 * shows as soon as one clip has them too (printed from that window, provisional) and is built afresh
 * when a clip's window numbers come or its whole analysis lands.
 */
export function AnalysisGate(props: { sessionId: string; what: 'review' | 'report'; children: ReactNode }) {
  const { status, error } = useAnalysis(props.sessionId);
  const recordings = useLoad(() => api('recordings:list', { sessionId: props.sessionId }), [props.sessionId]);
  useEvent('library:changed', (e) => e.kind === 'recording' && recordings.reload());
  const names = Object.fromEntries(
    (recordings.data ?? []).map((r) => [r.id, `the ${r.view} clip of ${r.condition.label}`]),
  );
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!status) return <p className="muted">Loading…</p>;
  const done = status.clips.filter((c) => c.state === 'done').length;
  // Clips with window numbers, and which: the report is rebuilt when they change (issue 16 item 3).
  const early = status.clips
    .filter((c) => isBusy(c) && c.early)
    .map((c) => `${c.recordingId}@${c.early!.toS}`)
    .join(',');
  if (status.clips.length === 0)
    return (
      <section className="page">
        <p className="crumbs">
          <a href={`#/sessions/${props.sessionId}`}>Session</a>
        </p>
        <p className="muted" data-analysis-empty="">
          This session has no clips yet. Import or record the side and rear clips on the session page; they
          are analysed as soon as they arrive.
        </p>
      </section>
    );
  return (
    <>
      <AnalysisBanner status={status} names={names} />
      <EarlyNumbersPanel status={status} names={names} what={props.what} />
      {done > 0 || props.what === 'review' || early !== '' ? (
        // The report is built afresh when another clip finishes (its autosave flushes on the way out);
        // the review reloads the clips it shows by itself and keeps its zoom and moment.
        <div key={props.what === 'report' ? `${done}|${early}` : 'review'} className="analysis-gated">
          {props.children}
        </div>
      ) : (
        <section className="page">
          <p className="crumbs">
            <a href={`#/sessions/${props.sessionId}`}>Session</a>
          </p>
          <p className="muted" data-analysis-empty="">
            {props.what === 'report'
              ? 'The report appears here as soon as the first clip is analysed.'
              : 'The clips appear here with overlays and numbers as soon as the first one is analysed.'}
          </p>
        </section>
      )}
    </>
  );
}

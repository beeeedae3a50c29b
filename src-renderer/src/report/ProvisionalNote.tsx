import { api } from '../api/client';
import { isBusy, useAnalysis } from '../analysis/useAnalysis';
import { useLoad } from '../useLoad';

/**
 * Beside the report page's preview, while clips are still being analysed: which clips the report
 * prints from their steady window (marked provisional there and on every page of a PDF exported
 * now), and which clips' first numbers are not in it at all (their window's frames are not stored:
 * a run from before the window was kept, or one that stopped before its numbers), so a PT never
 * takes the PDF for more than it holds (issue 16 item 3).
 */
export function ProvisionalNote(props: { sessionId: string; printed: readonly string[] }) {
  const { status } = useAnalysis(props.sessionId);
  const recordings = useLoad(() => api('recordings:list', { sessionId: props.sessionId }), [props.sessionId]);
  const early = (status?.clips ?? []).filter((c) => isBusy(c) && c.early);
  if (early.length === 0) return null;
  const name = (id: string): string => {
    const r = recordings.data?.find((x) => x.id === id);
    return r ? `the ${r.view} clip of ${r.condition.label}` : 'a clip';
  };
  const inReport = early.filter((c) => props.printed.includes(c.recordingId));
  const left = early.filter((c) => !props.printed.includes(c.recordingId));
  return (
    <div className="provisional-note">
      {inReport.length > 0 && (
        <p data-early-in-report="">
          <strong>Provisional:</strong> the report prints{' '}
          {inReport.map((c) => name(c.recordingId)).join(' and ')} from its window of steady running, marked
          provisional, on every page of a PDF exported now too. It is rebuilt here by itself when the whole
          clip is analysed.
        </p>
      )}
      {left.length > 0 && (
        <p className="muted" data-early-not-in-pdf="">
          The first numbers of {left.map((c) => name(c.recordingId)).join(' and ')} are not in this report or
          its PDF: the frames of {left.length === 1 ? 'its' : 'their'} window are not stored. Export once the
          analysis is done to include {left.length === 1 ? 'this clip' : 'these clips'}.
        </p>
      )}
    </div>
  );
}

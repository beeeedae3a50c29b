import type { SessionAnalysisStatus } from '../../../src-shared/contract/analysis';
import { api } from '../api/client';
import { aboutTime } from '../../../src-shared/analysis/time-left';
import { isBusy } from './useAnalysis';
import './analysis.css';

/**
 * Above Review and Report: where the session's analysis stands, in one line, with the next action.
 * "Analysing… about 40 s left" while clips run; "Analyse" for clips never analysed; "Retry" with the
 * reason for clips that failed. Nothing when every clip is analysed.
 */
export function AnalysisBanner(props: {
  status: SessionAnalysisStatus | null;
  names: Record<string, string>;
}) {
  const s = props.status;
  if (!s) return null;
  const busy = s.clips.filter(isBusy);
  const waiting = s.clips.filter((c) => c.state === 'none' || c.state === 'cancelled');
  const failed = s.clips.filter((c) => c.state === 'failed');
  if (busy.length === 0 && waiting.length === 0 && failed.length === 0) return null;
  const name = (id: string): string => props.names[id] ?? 'a clip';
  const start = (): void => void api('analysis:start', { sessionId: s.sessionId }).catch(() => undefined);
  const fraction = busy.length
    ? busy.reduce((a, c) => a + (c.state === 'queued' ? 0 : (c.fraction ?? 0)), 0) / busy.length
    : 0;
  return (
    <div className="analysis-banner" role="status" data-analysis-banner={busy.length ? 'busy' : 'action'}>
      {busy.length > 0 && (
        <p>
          <strong>
            Analysing {busy.length === 1 ? name(busy[0]!.recordingId) : `${busy.length} clips`}…
          </strong>{' '}
          {aboutTime(s.secondsLeft)}. You can go on meanwhile.{' '}
          {busy.some((c) => c.early) &&
            'Numbers from a stretch of steady running are shown until the whole clip is done. '}
          <progress max={1} value={fraction} aria-label="Analysis progress" />
        </p>
      )}
      {waiting.length > 0 && (
        <p>
          {waiting.length === 1 ? `${name(waiting[0]!.recordingId)} is` : `${waiting.length} clips are`} not
          analysed yet.{' '}
          <button type="button" onClick={start}>
            Analyse
          </button>
        </p>
      )}
      {failed.map((c) => (
        <p key={c.recordingId} className="error">
          The analysis of {name(c.recordingId)} failed: {c.error}{' '}
          <button type="button" onClick={start}>
            Retry
          </button>
        </p>
      ))}
    </div>
  );
}

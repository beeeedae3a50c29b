import type { ClipAnalysisStatus } from '../../../src-shared/contract/analysis';
import { api } from '../api/client';
import { aboutTime, isBusy, stateWords } from './useAnalysis';
import './analysis.css';

/**
 * One clip's analysis on its card: the state in words with progress and time left while it runs,
 * the reason when it failed, and the next action (Analyse, Retry, Cancel). Never blocks the page.
 */
export function AnalysisBadge(props: { status: ClipAnalysisStatus | undefined }) {
  const c = props.status;
  if (!c) return null;
  const act = (channel: 'analysis:start' | 'analysis:cancel'): void =>
    void api(channel, { recordingId: c.recordingId }).catch(() => undefined);
  return (
    <div className={`analysis-badge analysis-${c.state}`} data-analysis={c.state} role="status">
      <span className="analysis-words">
        {stateWords(c)}
        {isBusy(c) && c.secondsLeft !== null && <span className="muted"> · {aboutTime(c.secondsLeft)}</span>}
      </span>
      {c.state === 'pose' && (
        <progress max={1} value={c.fraction ?? 0} aria-label="Pose detection progress" />
      )}
      {c.state === 'failed' && c.error && <span className="analysis-why">{c.error}</span>}
      {c.state === 'done' && c.note && <span className="analysis-why muted">{c.note}</span>}
      {(c.state === 'none' || c.state === 'cancelled') && (
        <button type="button" className="secondary" onClick={() => act('analysis:start')}>
          Analyse
        </button>
      )}
      {c.state === 'failed' && (
        <button type="button" className="secondary" onClick={() => act('analysis:start')}>
          Retry
        </button>
      )}
      {isBusy(c) && (
        <button type="button" className="secondary" onClick={() => act('analysis:cancel')}>
          Cancel
        </button>
      )}
    </div>
  );
}

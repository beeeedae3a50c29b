import type { ClipAnalysisStatus } from '../../../src-shared/contract/analysis';
import { api } from '../api/client';
import { earlyWords } from './earlyWords';
import { aboutTime } from '../../../src-shared/analysis/time-left';
import { saysNoRunner } from '../../../src-shared/gait/clip-check';
import { isBusy, stateWords } from './useAnalysis';
import './analysis.css';

/**
 * One clip's analysis on its card: the state in words with progress and time left while it runs,
 * the reason when it failed, and the next action (Analyse, Retry, Cancel). Never blocks the page.
 */
export function AnalysisBadge(props: { status: ClipAnalysisStatus | undefined }) {
  const c = props.status;
  if (!c) return null;
  // A clip with no runner in it analyses without an error but gives no numbers (the note says why).
  const noNumbers = c.state === 'done' && saysNoRunner(c.note);
  const act = (channel: 'analysis:start' | 'analysis:cancel'): void =>
    void api(channel, { recordingId: c.recordingId }).catch(() => undefined);
  return (
    <div
      className={`analysis-badge analysis-${c.state}${noNumbers ? ' analysis-no-numbers' : ''}`}
      data-analysis={c.state}
      role="status"
    >
      <span className="analysis-words">
        {noNumbers ? 'Analysed: no numbers from this clip' : stateWords(c)}
        {isBusy(c) && <span className="muted"> · {aboutTime(c.secondsLeft)}</span>}
      </span>
      {c.state === 'pose' && (
        <progress max={1} value={c.fraction ?? 0} aria-label="Pose detection progress" />
      )}
      {c.heldForCapture && isBusy(c) && (
        <span className="analysis-why muted">Paused while a take is recording</span>
      )}
      {isBusy(c) && c.early && (
        <span className="analysis-early" data-numbers="window">
          {earlyWords(c.early)} · the whole clip is still being analysed
        </span>
      )}
      {c.cancelling && isBusy(c) && (
        <span className="analysis-why" data-analysis-cancelling="">
          Cancel asked for {c.cancelling.by ? `in ${c.cancelling.by}` : 'on another workstation'}: the
          workstation analysing it stops within a few seconds
        </span>
      )}
      {c.state === 'done' && !noNumbers && (
        <span className="analysis-why muted" data-numbers="clip">
          Numbers from the whole clip
        </span>
      )}
      {c.state === 'failed' && c.error && <span className="analysis-why">{c.error}</span>}
      {c.state === 'done' && c.note && (
        <span
          className={`analysis-why${noNumbers ? '' : ' muted'}`}
          data-numbers={noNumbers ? 'none' : undefined}
        >
          {c.note}
        </span>
      )}
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
      {isBusy(c) && !c.cancelling && (
        <button type="button" className="secondary" onClick={() => act('analysis:cancel')}>
          Cancel
        </button>
      )}
    </div>
  );
}

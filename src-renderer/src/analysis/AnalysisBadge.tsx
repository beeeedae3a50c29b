import type { ClipAnalysisStatus } from '../../../src-shared/contract/analysis';
import { api } from '../api/client';
import { earlyWords } from './earlyWords';
import { aboutTime } from '../../../src-shared/analysis/time-left';
import { outcomeWords } from '../../../src-shared/analysis/outcome';
import { isBusy, stateWords } from './useAnalysis';
import './analysis.css';

/**
 * One clip's analysis on its card: the state in words with progress and time left while it runs,
 * the reason when it failed, and the next action (Analyse, Retry, Cancel). Never blocks the page.
 */
export function AnalysisBadge(props: { status: ClipAnalysisStatus | undefined }) {
  const c = props.status;
  if (!c) return null;
  // A clip can analyse without an error and give no numbers, or numbers whose findings the clip
  // check withholds: its stored outcome says which, the note why and what to do.
  const told = c.state === 'done' ? outcomeWords(c.outcome) : null;
  const noNumbers = told !== null && !told.numbers;
  const warn = told ? (noNumbers ? ' analysis-no-numbers' : ' analysis-withheld') : '';
  const act = (channel: 'analysis:start' | 'analysis:cancel'): void =>
    void api(channel, { recordingId: c.recordingId }).catch(() => undefined);
  return (
    <div
      className={`analysis-badge analysis-${c.state}${warn}`}
      data-analysis={c.state}
      data-outcome={c.state === 'done' ? (c.outcome ?? undefined) : undefined}
      role="status"
    >
      <span className="analysis-words">
        {told ? told.badge : stateWords(c)}
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
        <span className={`analysis-why${told ? '' : ' muted'}`} data-numbers={noNumbers ? 'none' : undefined}>
          {c.note}
        </span>
      )}
      {told?.todo && <span className="analysis-why">{told.todo}</span>}
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

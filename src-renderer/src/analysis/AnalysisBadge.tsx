import type { ClipAnalysisStatus, EarlyNumbers } from '../../../src-shared/contract/analysis';
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
      {c.heldForCapture && isBusy(c) && (
        <span className="analysis-why muted">Paused while a take is recording</span>
      )}
      {isBusy(c) && c.early && (
        <span className="analysis-early" data-numbers="window">
          {earlyWords(c.early)} · the whole clip follows
        </span>
      )}
      {c.state === 'done' && (
        <span className="analysis-why muted" data-numbers="clip">
          Numbers from the whole clip
        </span>
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

/** "0:26" for a time in the clip. */
const clock = (s: number): string => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** The steady window's numbers in the clinic's words: where they come from first, then what they say. */
export function earlyWords(e: EarlyNumbers): string {
  const cadence = e.cadence !== null ? `cadence ${Math.round(e.cadence)} steps/min, ` : '';
  const findings = e.findings === 1 ? '1 finding' : `${e.findings} findings`;
  return `First numbers from ${clock(e.fromS)}–${clock(e.toS)} of steady running (${e.strides.left} strides left, ${e.strides.right} right): ${cadence}${findings}`;
}

import type { SessionAnalysisStatus } from '../../../src-shared/contract/analysis';
import { api } from '../api/client';

/**
 * Once the clips are analysed: run them again with a slower, more accurate pose model (MediaPipe's
 * heavy landmarker), e.g. for a runner the full model tracks badly. The analysis then uses the most
 * accurate model that has run (analysis:series).
 */
export function ModelChoice(props: { status: SessionAnalysisStatus | null }) {
  const s = props.status;
  if (!s || s.clips.length === 0 || !s.settled) return null;
  if (s.clips.every((c) => c.model === 'heavy')) return null;
  return (
    <p className="muted model-choice">
      Analysed with the {s.clips[0]!.model} pose model.{' '}
      <button
        type="button"
        className="secondary"
        title="About three times slower; better on blurred or partly hidden legs"
        onClick={() =>
          void api('analysis:start', { sessionId: s.sessionId, model: 'heavy' }).catch(() => undefined)
        }
      >
        Re-analyse with the heavy model
      </button>
    </p>
  );
}

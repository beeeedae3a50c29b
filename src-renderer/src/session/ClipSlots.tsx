import { useState } from 'react';
import { VIEWS, type Recording } from '../../../src-shared/contract/recordings';
import { api, useEvent } from '../api/client';
import { useLoad } from '../useLoad';
import { ReviewLink } from '../review/ReviewLink';
import { ClipSlot } from './ClipSlot';
import { CameraAdviceBox } from '../components/CameraAdviceBox';
import { useAnalysis } from '../analysis/useAnalysis';
import { ModelChoice } from '../analysis/ModelChoice';
import {
  conditionSettings,
  settingsText,
  type SessionSettings,
} from '../../../src-shared/library/conditions';
import './session.css';

/** The conditions every session starts with; the PT adds more (speeds, shoes) per session. */
const DEFAULT_CONDITIONS = ['flat', 'incline'] as const;

/** The session's clips as a grid: a row per condition, a column per view (side, rear). */
export function ClipSlots(props: { sessionId: string; session?: SessionSettings }) {
  const { data, error, reload } = useLoad(
    () => api('recordings:list', { sessionId: props.sessionId }),
    [props.sessionId],
  );
  useEvent('library:changed', (e) => e.kind === 'recording' && reload());
  const analysis = useAnalysis(props.sessionId);
  const byClip = Object.fromEntries((analysis.status?.clips ?? []).map((c) => [c.recordingId, c]));
  const [added, setAdded] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const recordings: readonly Recording[] = data ?? [];
  const labels = [...new Set([...DEFAULT_CONDITIONS, ...recordings.map((r) => r.condition.label), ...added])];

  const addCondition = (): void => {
    const label = draft.trim();
    if (label && !labels.includes(label)) setAdded((a) => [...a, label]);
    setDraft('');
  };

  return (
    <section className="clip-slots" aria-label="Clips">
      <h2>Clips</h2>
      <ModelChoice status={analysis.status} />
      <CameraAdviceBox />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {labels.map((label) => (
        <div className="clip-row" key={label}>
          <ReviewLink
            sessionId={props.sessionId}
            label={label}
            recordings={recordings.filter((r) => r.condition.label === label)}
          />
          {props.session && (
            <span className="muted condition-settings" data-testid={`settings-${label}`}>
              {settingsText(
                conditionSettings(
                  recordings.find((r) => r.condition.label === label)?.condition ?? { label },
                  props.session,
                ),
              )}
            </span>
          )}
          {VIEWS.map((view) => (
            <ClipSlot
              key={view}
              sessionId={props.sessionId}
              view={view}
              label={label}
              recordings={recordings.filter((r) => r.view === view && r.condition.label === label)}
              analysis={byClip}
            />
          ))}
        </div>
      ))}
      <form
        className="clip-add"
        onSubmit={(e) => {
          e.preventDefault();
          addCondition();
        }}
      >
        <label>
          Add condition{' '}
          <input
            value={draft}
            maxLength={60}
            placeholder="e.g. 12 km/h, race shoes"
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <button type="submit" className="secondary" disabled={!draft.trim()}>
          Add
        </button>
      </form>
    </section>
  );
}

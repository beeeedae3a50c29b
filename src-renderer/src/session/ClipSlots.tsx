import { useState } from 'react';
import { VIEWS, type Condition, type Recording } from '../../../src-shared/contract/recordings';
import { api, useEvent } from '../api/client';
import { useLoad } from '../useLoad';
import { ReviewLink } from '../review/ReviewLink';
import { ClipSlot } from './ClipSlot';
import { ConditionIncline } from './ConditionIncline';
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

  // An incline typed for a condition with no clip yet, carried by its first import.
  const [pending, setPending] = useState<Readonly<Record<string, number | undefined>>>({});
  const ownIncline = (label: string): number | undefined =>
    recordings.find((r) => r.condition.label === label && r.condition.inclinePct !== undefined)?.condition
      .inclinePct ?? pending[label];
  const setIncline = async (label: string, inclinePct: number | undefined): Promise<void> => {
    const clips = recordings.filter((r) => r.condition.label === label);
    setPending((p) => ({ ...p, [label]: inclinePct }));
    // Each clip of the condition carries it (the report reads a condition from its clips).
    for (const r of clips)
      await api('recordings:update', { id: r.id, condition: withIncline(r.condition, inclinePct) });
  };

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
            <div className="condition-settings">
              <span className="muted" data-testid={`settings-${label}`}>
                {settingsText(
                  conditionSettings(
                    withIncline(
                      recordings.find((r) => r.condition.label === label)?.condition ?? { label },
                      ownIncline(label),
                    ),
                    props.session,
                  ),
                )}
              </span>{' '}
              <ConditionIncline
                label={label}
                own={ownIncline(label)}
                inferred={conditionSettings({ label }, props.session).inclinePct}
                onSave={(pct) => setIncline(label, pct)}
              />
            </div>
          )}
          {VIEWS.map((view) => (
            <ClipSlot
              key={view}
              sessionId={props.sessionId}
              view={view}
              label={label}
              inclinePct={ownIncline(label)}
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

/** The condition with its own incline set, or without one (left to its label and the session). */
function withIncline(c: Condition, inclinePct: number | undefined): Condition {
  const rest = Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'inclinePct')) as Condition;
  return inclinePct === undefined ? rest : { ...rest, inclinePct };
}

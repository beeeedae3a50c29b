import { useState } from 'react';
import { VIEWS, type Recording } from '../../../src-shared/contract/recordings';
import { api, useEvent } from '../api/client';
import { useLoad } from '../useLoad';
import { ReviewLink } from '../review/ReviewLink';
import { ClipSlot } from './ClipSlot';
import { ConditionSettingsForm } from './ConditionSettingsForm';
import { CameraAdviceBox } from '../components/CameraAdviceBox';
import { useAnalysis } from '../analysis/useAnalysis';
import { ModelChoice } from '../analysis/ModelChoice';
import {
  changeSettings,
  conditionSettings,
  DEFAULT_CONDITIONS,
  settingsText,
  type ConditionSettings,
  type SessionSettings,
  type SettingsChange,
} from '../../../src-shared/library/conditions';
import './session.css';

/** The session's clips as a grid: a row per condition, a column per view (side, rear). */
export function ClipSlots(props: { sessionId: string; session?: SessionSettings }) {
  const { data, error, reload } = useLoad(
    () => api('recordings:list', { sessionId: props.sessionId }),
    [props.sessionId],
  );
  useEvent('library:changed', (e) => e.kind === 'recording' && reload());
  const planned = useLoad(() => api('conditions:list', { sessionId: props.sessionId }), [props.sessionId]);
  // Stored with the session (conditions:save): another workstation's change arrives as this event.
  useEvent('library:changed', (e) => e.kind === 'session' && e.id === props.sessionId && planned.reload());
  const analysis = useAnalysis(props.sessionId);
  const byClip = Object.fromEntries((analysis.status?.clips ?? []).map((c) => [c.recordingId, c]));
  const [draft, setDraft] = useState('');
  const [addError, setAddError] = useState<string | undefined>(undefined);
  const recordings: readonly Recording[] = data ?? [];
  const conditions = planned.data ?? [];
  const labels = [
    ...new Set([
      ...DEFAULT_CONDITIONS,
      ...conditions.map((c) => c.label),
      ...recordings.map((r) => r.condition.label),
    ]),
  ];
  const clipsOf = (label: string): Recording[] => recordings.filter((r) => r.condition.label === label);

  // The settings typed for the condition (stored with the session), else those a clip of it carries.
  const own = (label: string): ConditionSettings => {
    const planned = conditions.find((c) => c.label === label);
    const of = (key: keyof ConditionSettings): number | undefined =>
      planned?.[key] ?? clipsOf(label).find((r) => r.condition[key] !== undefined)?.condition[key];
    const speedKmh = of('speedKmh');
    const inclinePct = of('inclinePct');
    return { ...(speedKmh !== undefined && { speedKmh }), ...(inclinePct !== undefined && { inclinePct }) };
  };
  const saveSettings = async (label: string, change: SettingsChange): Promise<void> => {
    // Main stores them with the session and gives them to the condition's clips (their events reload them).
    await api('conditions:save', { sessionId: props.sessionId, label, ...change });
    planned.reload();
  };

  const addCondition = async (): Promise<void> => {
    const label = draft.trim();
    if (!label) return;
    // "Flat" beside "flat" would file clips under two names for one condition: say which exists.
    const same = labels.find((l) => l !== label && l.toLowerCase() === label.toLowerCase());
    if (same) {
      setAddError(`This session already has the condition “${same}”: its clips go there.`);
      return;
    }
    try {
      if (!labels.includes(label)) await api('conditions:save', { sessionId: props.sessionId, label });
      setDraft('');
      setAddError(undefined);
      planned.reload();
    } catch (err) {
      setAddError(err instanceof Error ? err.message : String(err));
    }
  };
  const removeCondition = async (label: string): Promise<void> => {
    try {
      await api('conditions:remove', { sessionId: props.sessionId, label });
      setAddError(undefined);
      planned.reload();
    } catch (err) {
      setAddError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section className="clip-slots" aria-label="Clips">
      <h2>Clips</h2>
      <ModelChoice status={analysis.status} />
      <CameraAdviceBox />
      {(error ?? planned.error) && (
        <p className="error" role="alert">
          {error ?? planned.error}
        </p>
      )}
      {labels.map((label) => (
        <div className="clip-row" key={label}>
          {/* The condition's name heads its row, with its review link and settings beside it: the
              link used to sit alone above the row, where it read as the previous condition's. */}
          <div className="condition-head">
            <h3>{label}</h3>
            <ReviewLink sessionId={props.sessionId} label={label} recordings={clipsOf(label)} />
          </div>
          {props.session && (
            <div className="condition-settings">
              <span className="muted" data-testid={`settings-${label}`}>
                {settingsText(
                  conditionSettings(
                    changeSettings(clipsOf(label)[0]?.condition ?? { label }, {
                      speedKmh: own(label).speedKmh ?? null,
                      inclinePct: own(label).inclinePct ?? null,
                    }),
                    props.session,
                  ),
                )}
              </span>{' '}
              <ConditionSettingsForm
                label={label}
                own={own(label)}
                inferred={conditionSettings({ label }, props.session)}
                onSave={(change) => saveSettings(label, change)}
              />
              {clipsOf(label).length === 0 &&
                !(DEFAULT_CONDITIONS as readonly string[]).includes(label) &&
                conditions.some((c) => c.label === label) && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Remove the condition ${label}`}
                    onClick={() => void removeCondition(label)}
                  >
                    Remove condition
                  </button>
                )}
            </div>
          )}
          {VIEWS.map((view) => (
            <ClipSlot
              key={view}
              sessionId={props.sessionId}
              view={view}
              label={label}
              recordings={clipsOf(label).filter((r) => r.view === view)}
              analysis={byClip}
            />
          ))}
        </div>
      ))}
      <form
        className="clip-add"
        onSubmit={(e) => {
          e.preventDefault();
          void addCondition();
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
        {addError && (
          <span className="error" role="alert">
            {' '}
            {addError}
          </span>
        )}
      </form>
    </section>
  );
}

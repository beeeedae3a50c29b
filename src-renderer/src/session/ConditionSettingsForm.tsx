import { useState } from 'react';
import {
  settingInput,
  type ConditionSettings,
  type SettingKey,
  type SettingsChange,
} from '../../../src-shared/library/conditions';

/** The boxes of the form, in the order the clinic says them ("10 km/h · 5 % incline"). */
const FIELDS: readonly { key: SettingKey; label: string; example: string }[] = [
  { key: 'speedKmh', label: 'Speed (km/h)', example: 'e.g. 10' },
  { key: 'inclinePct', label: 'Incline (%)', example: 'e.g. 5' },
];

/**
 * A condition's treadmill settings, asked where the condition is on the session page: one small
 * form, its speed and its incline. A clip filed under "incline" carries only its label, and with
 * no incline (or several speeds) in the session form the session page and the report printed "—"
 * (src-shared/library/conditions.ts). What the PT types is checked first (`settingInput`: the
 * contract's limits, in words; a refused value changes nothing, the other box's neither) and then
 * stored on the condition itself; only the boxes the PT changed are sent. Empty: left to the label
 * and the session form, whose value shows as the box's placeholder.
 */
export function ConditionSettingsForm(props: {
  label: string;
  /** The condition's own settings, typed here before (or from the CLI or a capture take). */
  own: ConditionSettings;
  /** What the label or the session form give where the condition has none of its own. */
  inferred: ConditionSettings;
  onSave: (change: SettingsChange) => Promise<void>;
}) {
  const [drafts, setDrafts] = useState<Partial<Record<SettingKey, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<SettingKey, string>>>({});
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const shown = (key: SettingKey): string =>
    drafts[key] ?? (props.own[key] === undefined ? '' : String(props.own[key]));
  const id = (key: SettingKey): string => `${key}-${props.label}`;
  const errorId = `settings-${props.label}-error`;
  const save = async (): Promise<void> => {
    const change: { -readonly [K in SettingKey]?: number | null } = {};
    const refused: Partial<Record<SettingKey, string>> = {};
    for (const { key } of FIELDS) {
      if (drafts[key] === undefined) continue;
      const typed = settingInput(key, shown(key));
      if (typed.ok) change[key] = typed.value ?? null;
      else refused[key] = typed.error;
    }
    setErrors(refused);
    setFailed(undefined);
    if (Object.keys(refused).length > 0) return;
    setBusy(true);
    try {
      await props.onSave(change);
      setDrafts({});
    } catch (err) {
      setFailed(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const said = [...FIELDS.flatMap(({ key }) => errors[key] ?? []), ...(failed ? [failed] : [])];
  return (
    <form
      className="condition-settings-form"
      aria-label={`Treadmill settings for ${props.label}`}
      data-testid={`settings-form-${props.label}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {FIELDS.map(({ key, label, example }) => (
        <span className="setting" key={key}>
          <label htmlFor={id(key)}>{label}</label>
          <input
            id={id(key)}
            aria-label={`${label} for ${props.label}`}
            value={shown(key)}
            size={5}
            inputMode="decimal"
            placeholder={props.inferred[key] === undefined ? example : String(props.inferred[key])}
            aria-invalid={errors[key] ? true : undefined}
            aria-describedby={errors[key] ? errorId : undefined}
            onChange={(e) => {
              const value = e.target.value;
              setDrafts((d) => ({ ...d, [key]: value }));
              setErrors((x) => ({ ...x, [key]: undefined }));
            }}
          />
        </span>
      ))}
      <button type="submit" className="secondary" disabled={busy || Object.keys(drafts).length === 0}>
        Save settings
      </button>
      {said.length > 0 && (
        <span className="error" role="alert" id={errorId}>
          {said.join(' ')}
        </span>
      )}
    </form>
  );
}

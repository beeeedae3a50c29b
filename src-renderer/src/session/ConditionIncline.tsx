import { useState } from 'react';
import { inclineInput } from '../../../src-shared/library/conditions';

/**
 * A condition's incline, asked where the condition is on the session page. A clip filed under
 * "incline" carries only its label, and with no incline in the session form the session page
 * headed it "10 km/h" and the report printed "—" (src-shared/library/conditions.ts). What the PT
 * types here is checked first (`inclineInput`: the contract's limits, in words; a refused value
 * changes nothing) and then stored on the condition itself. Empty: left to the label and the
 * session form, whose value shows as the box's placeholder.
 */
export function ConditionIncline(props: {
  label: string;
  /** The condition's own incline, typed here before (or from the CLI or a capture take). */
  own: number | undefined;
  /** What the label or the session form give when the condition has none of its own. */
  inferred: number | undefined;
  onSave: (inclinePct: number | undefined) => Promise<void>;
}) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const shown = draft ?? (props.own === undefined ? '' : String(props.own));
  const id = `incline-${props.label}`;
  const save = async (): Promise<void> => {
    const typed = inclineInput(shown);
    if (!typed.ok) {
      setError(typed.error);
      return;
    }
    setBusy(true);
    try {
      await props.onSave(typed.inclinePct);
      setError(undefined);
      setDraft(undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="condition-incline"
      data-testid={`incline-form-${props.label}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id}>Incline (%)</label>{' '}
      <input
        id={id}
        aria-label={`Incline (%) for ${props.label}`}
        value={shown}
        size={5}
        inputMode="decimal"
        placeholder={props.inferred === undefined ? 'e.g. 5' : String(props.inferred)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(undefined);
        }}
      />{' '}
      <button type="submit" className="secondary" disabled={busy || draft === undefined}>
        Set incline
      </button>
      {error && (
        <span className="error" role="alert" id={`${id}-error`}>
          {' '}
          {error}
        </span>
      )}
    </form>
  );
}

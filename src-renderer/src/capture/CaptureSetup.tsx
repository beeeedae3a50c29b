/**
 * What the next take is filed under (condition, with the session's usual choices offered) and an
 * optional automatic stop, fixed while recording.
 */
export function CaptureSetup(props: {
  label: string;
  onLabel: (label: string) => void;
  choices: readonly string[];
  stopAfter: string;
  onStopAfter: (seconds: string) => void;
  disabled: boolean;
}) {
  return (
    <div className="row capture-setup">
      <label className="field">
        <span className="label">Condition</span>
        <input
          list="capture-conditions"
          value={props.label}
          disabled={props.disabled}
          onChange={(e) => props.onLabel(e.target.value)}
        />
        <datalist id="capture-conditions">
          {props.choices.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span className="label">Stop after (s)</span>
        <input
          type="number"
          min={1}
          max={600}
          inputMode="numeric"
          placeholder="when R is pressed"
          value={props.stopAfter}
          disabled={props.disabled}
          onChange={(e) => props.onStopAfter(e.target.value)}
        />
      </label>
    </div>
  );
}

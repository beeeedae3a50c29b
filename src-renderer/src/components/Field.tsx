import type { ReactNode } from 'react';

/** A labelled form field with its error beside it (errors name the field, from the service). */
export function Field(props: {
  label: string;
  name: string;
  error?: string;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <label className={`field${props.error ? ' invalid' : ''}`} data-field={props.name}>
      <span className="label">{props.label}</span>
      {props.children}
      {props.hint && !props.error && <span className="hint">{props.hint}</span>}
      {props.error && (
        <span className="error" role="alert">
          {props.error}
        </span>
      )}
    </label>
  );
}

/** The end of a form: its general error (if any), Save, and Cancel (back to where the PT came from). */
export function FormActions(props: { saveLabel: string; busy: boolean; error?: string }) {
  return (
    <>
      {props.error && (
        <p className="error" role="alert">
          {props.error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={props.busy}>
          {props.saveLabel}
        </button>
        <button type="button" className="secondary" onClick={() => history.back()}>
          Cancel
        </button>
      </div>
    </>
  );
}

/**
 * Another workstation saved what the PT is editing (issue 17, optimistic versions): the service's
 * words ("This patient was changed in room 2 at 10:42 while you were editing: reload to see it, or
 * keep yours.") and the two ways on. Reload shows their version and drops what was typed here; Keep
 * mine saves what is on screen over it, knowingly.
 */
export function EditConflict(props: {
  message: string;
  busy?: boolean;
  onReload: () => void;
  onKeepMine: () => void;
}) {
  return (
    <div className="notice edit-conflict" role="alert" data-testid="edit-conflict">
      <p>{props.message}</p>
      <div className="actions">
        <button type="button" onClick={props.onReload} disabled={props.busy}>
          Reload
        </button>
        <button type="button" className="secondary" onClick={props.onKeepMine} disabled={props.busy}>
          Keep mine
        </button>
      </div>
    </div>
  );
}

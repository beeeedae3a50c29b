import type { ReportEdits } from '../../../src-shared/contract/report';
import type { Problem, Undoable } from './useReportEdits';
import { PlanSinceField } from '../progress/PlanSince';

type Finding = ReportEdits['findings'][number];

/**
 * The PT's words: each suggested finding and plan item as an editable box, with remove and add, and
 * the notes. Plain controlled inputs over one `ReportEdits` value; the page saves each change.
 * Removing a finding or an exercise offers its undo (the words typed in it would be lost), and a
 * refused save is said under the box it is about.
 */
let counter = 0;
const newId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/**
 * A button's words as seen ("Pin first") and as named to a screen reader and the tests ("Pin finding
 * 2 first"): the item's number is said but not shown, since the buttons sit under the item's own box.
 * Shown in full, five such buttons per finding wrapped over three lines of the editor's column.
 */
function Named(props: { verb: string; n: number; rest?: string; what?: string }) {
  return (
    <>
      {props.verb}
      <span className="sr-only">
        {' '}
        {props.what ?? 'finding'} {props.n}
      </span>
      {props.rest && ` ${props.rest}`}
    </>
  );
}

export interface ReportEditorProps {
  readonly edits: ReportEdits;
  readonly onChange: (e: ReportEdits, undoable?: Undoable) => void;
  /** The item a refused save is about, if any. */
  readonly problem?: Problem | undefined;
}

export function ReportEditor({ edits, onChange, problem }: ReportEditorProps) {
  const setFinding = (i: number, text: string): void =>
    onChange({ ...edits, findings: edits.findings.map((f, j) => (j === i ? { ...f, text } : f)) });
  const patchFinding = (i: number, patch: Partial<Finding>): void =>
    onChange({ ...edits, findings: edits.findings.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  /** Order is the PT's: a finding swapped with its neighbour (pins still lead, demoted go last). */
  const move = (i: number, by: -1 | 1): void => {
    const j = i + by;
    if (j < 0 || j >= edits.findings.length) return;
    const findings = [...edits.findings];
    [findings[i], findings[j]] = [findings[j]!, findings[i]!];
    onChange({ ...edits, findings });
  };
  const setPin = (i: number, pin: Finding['pin']): void => {
    const { pin: _old, ...rest } = edits.findings[i]!;
    onChange({
      ...edits,
      findings: edits.findings.map((f, j) => (j === i ? { ...rest, ...(pin ? { pin } : {}) } : f)),
    });
  };
  const setPlan = (i: number, patch: Partial<ReportEdits['plan'][number]>): void =>
    onChange({ ...edits, plan: edits.plan.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const bad = (list: Problem['list'], i: number): boolean => problem?.list === list && problem.index === i;
  return (
    <div className="report-editor">
      <h2>Findings</h2>
      {edits.findings.map((f, i) => (
        <div
          className={`edit-item${bad('findings', i) ? ' invalid' : ''}`}
          key={f.id}
          data-testid="finding-edit"
        >
          <label className="field">
            <span className="label">Finding {i + 1}</span>
            <textarea rows={3} value={f.text} onChange={(e) => setFinding(i, e.target.value)} />
          </label>
          {bad('findings', i) && (
            <p className="error edit-problem" role="alert">
              Finding {i + 1} is not saved: write it, or remove it.
            </p>
          )}
          <label className="field">
            <span className="label">Cue for the runner ({i + 1})</span>
            <textarea
              rows={2}
              value={f.cue ?? ''}
              onChange={(e) => patchFinding(i, { cue: e.target.value })}
            />
          </label>
          {f.evidence.length > 0 && <p className="hint">Evidence: {f.evidence.join('; ')}</p>}
          <div className="edit-actions">
            <button
              type="button"
              className="secondary icon"
              disabled={i === 0}
              title="Move up"
              onClick={() => move(i, -1)}
            >
              <span aria-hidden="true">↑</span>
              <span className="sr-only">Move finding {i + 1} up</span>
            </button>
            <button
              type="button"
              className="secondary icon"
              disabled={i === edits.findings.length - 1}
              title="Move down"
              onClick={() => move(i, 1)}
            >
              <span aria-hidden="true">↓</span>
              <span className="sr-only">Move finding {i + 1} down</span>
            </button>
            <button
              type="button"
              className="secondary"
              aria-pressed={f.pin === 'pinned'}
              onClick={() => setPin(i, f.pin === 'pinned' ? undefined : 'pinned')}
            >
              {f.pin === 'pinned' ? (
                <Named verb="Unpin" n={i + 1} />
              ) : (
                <Named verb="Pin" n={i + 1} rest="first" />
              )}
            </button>
            <button
              type="button"
              className="secondary"
              aria-pressed={f.pin === 'demoted'}
              onClick={() => setPin(i, f.pin === 'demoted' ? undefined : 'demoted')}
            >
              {f.pin === 'demoted' ? (
                <Named verb="Bring" n={i + 1} rest="back" />
              ) : (
                <Named verb="Set" n={i + 1} rest="aside" />
              )}
            </button>
            <button
              type="button"
              className="danger remove"
              onClick={() =>
                onChange(
                  { ...edits, findings: edits.findings.filter((_, j) => j !== i) },
                  { said: `Finding ${i + 1} removed, with its flags and plan reasons.`, edits },
                )
              }
            >
              <Named verb="Remove" n={i + 1} />
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          onChange({
            ...edits,
            findings: [...edits.findings, { id: newId('f'), text: 'New finding', evidence: [] }],
          })
        }
      >
        Add a finding
      </button>
      <h2>Plan</h2>
      {edits.plan.map((p, i) => (
        <div className={`edit-item${bad('plan', i) ? ' invalid' : ''}`} key={p.id} data-testid="plan-edit">
          <label className="field">
            <span className="label">Exercise {i + 1}</span>
            <input value={p.title} onChange={(e) => setPlan(i, { title: e.target.value })} />
          </label>
          {bad('plan', i) && (
            <p className="error edit-problem" role="alert">
              Exercise {i + 1} is not saved: give it a name, or remove it.
            </p>
          )}
          <label className="field">
            <span className="label">Dosage / how ({i + 1})</span>
            <textarea rows={4} value={p.detail} onChange={(e) => setPlan(i, { detail: e.target.value })} />
          </label>
          {p.since && (
            <PlanSinceField index={i} value={p.since} onChange={(since) => setPlan(i, { since })} />
          )}
          <div className="edit-actions">
            <button
              type="button"
              className="danger remove"
              onClick={() =>
                onChange(
                  { ...edits, plan: edits.plan.filter((_, j) => j !== i) },
                  { said: `Exercise ${i + 1} removed.`, edits },
                )
              }
            >
              <Named verb="Remove" n={i + 1} what="exercise" />
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          onChange({
            ...edits,
            plan: [
              ...edits.plan,
              // At a follow-up (the plan carries marks), an exercise added now is new since the last visit.
              {
                id: newId('p'),
                title: 'New exercise',
                detail: '',
                ...(edits.plan.some((x) => x.since) && { since: 'new' as const }),
              },
            ],
          })
        }
      >
        Add an exercise
      </button>
      <h2>Notes</h2>
      <label className="field">
        <span className="label">Notes for the report</span>
        <textarea
          rows={5}
          value={edits.notes}
          onChange={(e) => onChange({ ...edits, notes: e.target.value })}
        />
      </label>
    </div>
  );
}

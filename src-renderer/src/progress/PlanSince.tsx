/**
 * The previous plan carried over (issue 18 item 3, docs/progress.md §5), in the report and its
 * editor: each exercise's mark since the last visit (kept, progressed, dropped, new), the visit the
 * plan came from, and what was dropped, said in words rather than printed as exercises to do.
 */
import { PLAN_SINCE, PLAN_SINCE_WORDS, type PlanSince } from '../../../src-shared/progress/plan-carry';
import type { ReportModel } from '../../../src-shared/report/model';

export function PlanSinceTag({ since }: { since: PlanSince | undefined }) {
  if (!since) return null;
  return (
    <span className={`plan-since plan-since-${since}`} data-since={since}>
      {' '}
      ({PLAN_SINCE_WORDS[since]})
    </span>
  );
}

/** Under the plan: where it came from and what was stopped. Nothing on a first visit. */
export function PlanCarryNote({ model }: { model: ReportModel }) {
  const dropped = model.planDropped ?? [];
  if (!model.planFrom && dropped.length === 0) return null;
  return (
    <p className="small muted" data-testid="plan-carried">
      {model.planFrom && (
        <>Carried over from the plan of {model.planFrom}: each exercise marked kept, progressed or new. </>
      )}
      {dropped.length > 0 && <>Dropped since the last visit: {dropped.join('; ')}.</>}
    </p>
  );
}

/** The editor's box for one exercise's mark. */
export function PlanSinceField(props: {
  readonly index: number;
  readonly value: PlanSince;
  readonly onChange: (since: PlanSince) => void;
}) {
  return (
    <label className="field">
      <span className="label">Since the last visit ({props.index + 1})</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as PlanSince)}>
        {PLAN_SINCE.map((s) => (
          <option key={s} value={s}>
            {PLAN_SINCE_WORDS[s]}
          </option>
        ))}
      </select>
    </label>
  );
}

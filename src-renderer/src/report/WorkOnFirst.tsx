import type { Finding, PlanItem, ReportModel } from '../../../src-shared/report/model';
import { runnerItems, seenIn, splitFindings } from '../../../src-shared/report/priorities';

/**
 * What to work on first (issue 19): the first three findings in their ranked (or the PT's) order,
 * on the first page in clinical words, and on a page of their own for the runner in plain words,
 * each with one cue and one drill with its dosage. The order is src-shared/report/priorities.ts.
 */
const drillOf = (f: Finding, plan: readonly PlanItem[]): PlanItem | undefined =>
  f.drills?.map((id) => plan.find((p) => p.id === id)).find((p): p is PlanItem => p !== undefined);

export function WorkOnFirst(props: { model: ReportModel }) {
  const { model } = props;
  const { first } = splitFindings(model.findings);
  if (first.length === 0) return null;
  return (
    <section className="block work-first" data-testid="work-first">
      <h2>What to work on first</h2>
      <ol className="work-first-list">
        {first.map((f) => {
          const drill = drillOf(f, model.plan);
          return (
            <li key={f.id} data-testid="work-first-item" data-id={f.id}>
              <strong>{f.text}</strong>
              {f.cue && <span className="cue"> Cue: “{f.cue.text}”</span>}
              {drill && (
                <span className="muted">
                  {' '}
                  Drill: {drill.title}.{drill.dosage ? ` ${drill.dosage.replace(/\.?$/, '.')}` : ''}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="small muted">
        Ranked by how far each effect lies beyond its threshold in units of what the measurement resolves (the
        larger of the 95% interval and the smallest detectable difference)
        {model.focus ? `, weighted for ${model.focus.label} [${model.focus.source}]` : ''}
        {model.session.injurySide === 'left' || model.session.injurySide === 'right'
          ? ` and the painful side (${model.session.injurySide})`
          : ''}
        {model.edited ? '; order as set by the physical therapist' : ''}.
      </p>
    </section>
  );
}

/** The runner's page: plain words, no numbers to decode; where the session filmed more than one
 *  condition, which each finding was seen in. */
export function RunnerPage(props: { model: ReportModel }) {
  const { model } = props;
  const first = runnerItems(splitFindings(model.findings).first);
  const many = model.conditions.length > 1;
  if (first.length === 0) return null;
  return (
    <section className="block runner-page" data-testid="runner-page">
      <h2>For you: what to work on</h2>
      <p>
        From the video of your running,{' '}
        {first.length === 1 ? 'this is the one thing' : `these are the ${first.length} things`} to work on
        first. Keep one cue in mind at a time while you run, and do the exercise as shown by your physical
        therapist.
      </p>
      <ol className="runner-list">
        {first.map(({ finding: f, conditions }) => {
          const drill = drillOf(f, model.plan);
          const where = many ? seenIn(conditions, model.conditions) : undefined;
          const sources = [
            f.cue?.source ? `cue: ${f.cue.source}` : undefined,
            drill?.dosageSource ? `exercise: ${drill.dosageSource}` : undefined,
          ].filter(Boolean);
          return (
            <li key={f.id} data-testid="runner-item">
              <p className="runner-what">{f.plain ?? f.text}</p>
              {where && (
                <p className="runner-where" data-testid="runner-where">
                  Seen in: <strong>{where}</strong>
                </p>
              )}
              {f.cue && (
                <p>
                  While you run, think: <strong className="cue">“{f.cue.text}”</strong>
                </p>
              )}
              {drill && (
                <p>
                  Exercise: <strong>{drill.title}</strong>
                  {drill.plain ? ` (${drill.plain.replace(/\.$/, '')})` : ''}.{' '}
                  {drill.dosage ? `How much: ${drill.dosage}.` : ''}{' '}
                  {drill.progression ? `Next step: ${drill.progression}` : ''}
                </p>
              )}
              {sources.length > 0 && <p className="small muted">Based on: {sources.join('; ')}.</p>}
            </li>
          );
        })}
      </ol>
      <p className="small muted">
        Stop and tell your physical therapist if pain rises during an exercise or is worse the next morning.
        {model.session.clinician ? ` Your physical therapist: ${model.session.clinician}.` : ''}
      </p>
    </section>
  );
}

/**
 * The top of the patient timeline: what changed since the last visit and whether it is beyond noise,
 * in a few lines (issue 18 "Done when": a PT sees it in under a minute). Built by sinceLastVisit
 * (src-shared/progress/headline.ts) from the same verdicts the table below shows.
 */
import type { HeadlineChange, PatientProgress } from '../../../src-shared/progress';
import { sinceLastVisit } from '../../../src-shared/progress';

const SIDE = { left: 'left', right: 'right', both: 'both sides' } as const;

function ChangeList({ items }: { items: readonly HeadlineChange[] }) {
  return (
    <ul>
      {items.map((x) => (
        <li key={`${x.variableId}-${x.side}`} data-variable={x.variableId} data-side={x.side}>
          <strong>{x.label}</strong>, {SIDE[x.side]}: {x.values}{' '}
          <span className="chg real">{x.change} real</span>
          {x.source && <span className="muted small"> ({x.source})</span>}
          {x.settingsDiffer && ' *'}
        </li>
      ))}
    </ul>
  );
}

export function SinceLastVisit({ p }: { p: PatientProgress }) {
  const h = sinceLastVisit(p);
  if (!h) return null;
  return (
    <section className="since-last" data-testid="since-last-visit" aria-label="Since the last visit">
      <h3>
        Since the last visit{' '}
        <span className="muted small">
          ({h.previousDate} → {h.date})
        </span>
      </h3>
      {h.conditions.map((c) => {
        const followed = c.realSincePrevious.length + c.withinNoise + c.notCompared;
        return (
          <div key={c.label} data-condition={c.label}>
            <p>
              <strong>{c.label}</strong>
              {c.previousDate !== h.previousDate && (
                <span className="muted small"> (against {c.previousDate}, its last visit)</span>
              )}
              {': '}
              {c.realSincePrevious.length
                ? `${c.realSincePrevious.length} change${c.realSincePrevious.length === 1 ? '' : 's'} beyond noise`
                : `nothing changed beyond noise (${followed} followed)`}
            </p>
            {c.realSincePrevious.length > 0 && <ChangeList items={c.realSincePrevious} />}
            {c.realSinceFirstOnly.length > 0 && (
              <>
                <p className="small">
                  Beyond noise since the first visit ({c.firstDate}) only, by small steps:
                </p>
                <ChangeList items={c.realSinceFirstOnly} />
              </>
            )}
            {[...new Set([...c.realSincePrevious, ...c.realSinceFirstOnly].map((x) => x.settingsDiffer))]
              .filter((x) => x !== null)
              .map((x) => (
                <p key={x} className="muted small">
                  * Not the same treadmill settings: {x}.
                </p>
              ))}
            {c.acrossSources > 0 && (
              <p className="muted small" data-testid="since-last-across-sources">
                {c.acrossSources} measured from markers on one visit and from the pose landmarks on the other:
                not like for like, judged net of the difference between the two.
              </p>
            )}
            {c.realSincePrevious.length > 0 && (
              <p className="muted small">
                Within noise: {c.withinNoise} other{c.withinNoise === 1 ? '' : 's'}
                {c.notCompared
                  ? `; not compared (no number on one visit${c.acrossSources ? ', or not judged across sources' : ''}): ${c.notCompared}`
                  : ''}
                .
              </p>
            )}
          </div>
        );
      })}
      {h.newConditions.length > 0 && (
        <p className="muted small">
          Filmed for the first time on {h.date}: {h.newConditions.join(', ')} (nothing to compare yet).
        </p>
      )}
      {h.conditions.length === 0 && h.newConditions.length === 0 && (
        <p className="muted small">No analysed clip on {h.date} to compare.</p>
      )}
      {h.importantPain.length > 0 && (
        <p data-testid="since-last-pain">
          <strong>Pain</strong> (a change of 2 points or more is important to patients):{' '}
          {h.importantPain.join('; ')}.
        </p>
      )}
    </section>
  );
}

/**
 * The report's progress section (issue 18 item 3, docs/progress.md §5): this visit against the
 * earlier ones, the variables behind the findings and every change beyond noise, each change marked
 * real only when it exceeds both the SDD and the uncertainty of the two visits' means; the patient's
 * own story beside it. Drawn in the app's preview and, unchanged, in the PDF.
 */
import type { ReportProgress as Model, ReportProgressRow } from '../../../src-shared/progress/types';
import { SOURCE_MARK } from './trend-marks';

const SIDE = { left: 'L', right: 'R', both: 'L+R' } as const;

/**
 * The trend as printed: where markers measured some visit, each value carries its source's mark, the
 * same shapes as the patient page's plots (trend-marks.ts), so the PDF marks every value's source too.
 */
function Trend({ r }: { r: ReportProgressRow }) {
  if (!r.visits) return <>{r.trend}</>;
  return (
    <span data-testid="report-progress-trend">
      {r.visits.map((v, i) => (
        <span key={i}>
          {i > 0 && ' → '}
          {v.value}
          {v.source && (
            <span className="src-mark" data-source={v.source} title={SOURCE_MARK[v.source].words}>
              {' '}
              {SOURCE_MARK[v.source].glyph}
            </span>
          )}
        </span>
      ))}
    </span>
  );
}

export function ReportProgress(props: { progress: Model | null | undefined }) {
  const p = props.progress;
  if (!p) return null;
  return (
    <section className="block" data-testid="report-progress">
      <h2>Progress since {p.dates[0]}</h2>
      <p className="small muted">
        Visits: {p.dates.join(', ')}. A change is called real only when it is larger than both the smallest
        detectable difference and the uncertainty of the two visits&rsquo; means (95%); otherwise it is within
        noise. Each condition is compared with the same condition at earlier visits (flat with flat). A change
        is written with ± half its 95% interval.
      </p>
      {p.conditions
        .filter((c) => c.dates.length >= 2)
        .map((c) => {
          // The follow-up's question first, in one sentence per condition: what moved since last time.
          const real = c.rows.filter((r) => r.realSincePrevious);
          return (
            <p key={c.label} data-testid="report-progress-since-last">
              <strong>
                Since the last visit ({c.dates.at(-2)}){p.conditions.length > 1 ? `, ${c.label}` : ''}:
              </strong>{' '}
              {real.length
                ? `beyond noise: ${real.map((r) => `${r.label} ${SIDE[r.side]} ${r.sincePrevious}${r.markersSincePrevious ? ' (markers)' : ''}`).join('; ')}.`
                : 'no change beyond noise.'}
            </p>
          );
        })}
      {p.story.length > 0 && (
        <table className="plain" data-testid="report-progress-story">
          <thead>
            <tr>
              <th>The patient&rsquo;s own story</th>
              <th>Over the visits</th>
              <th>Since last visit</th>
            </tr>
          </thead>
          <tbody>
            {p.story.map((s) => (
              <tr key={s.label}>
                <th scope="row">{s.label}</th>
                <td>{s.trend}</td>
                <td>{s.change ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.conditions.map((c) => (
        <div key={c.label}>
          <h3>
            {c.label} <span className="small muted">({c.dates.join(', ')})</span>
          </h3>
          {c.rows.length === 0 ? (
            <p className="small">No change beyond noise, and no finding to follow.</p>
          ) : (
            <table className="plain" data-testid="report-progress-table">
              <thead>
                <tr>
                  <th>Variable</th>
                  <th>Side</th>
                  <th>Over the visits</th>
                  <th>Since last visit</th>
                  <th>Since first</th>
                </tr>
              </thead>
              <tbody>
                {c.rows.map((r) => (
                  <tr key={`${r.variableId}-${r.side}`} data-variable={r.variableId} data-side={r.side}>
                    <th scope="row">
                      {r.label}
                      {r.behindFinding ? ' (finding)' : ''}
                      {r.sources && (
                        <div className="small muted" data-testid="report-progress-sources">
                          Source: {r.sources}
                        </div>
                      )}
                    </th>
                    <td>{SIDE[r.side]}</td>
                    <td>
                      <Trend r={r} />
                    </td>
                    <td>
                      {r.realSincePrevious ? <strong>{r.sincePrevious}</strong> : r.sincePrevious}
                      {r.sourceChangedSincePrevious && (
                        <div className="small" data-testid="report-progress-source-changed">
                          Source changed: a change of source can itself move the value.
                        </div>
                      )}
                    </td>
                    <td>{r.realSinceFirst ? <strong>{r.sinceFirst}</strong> : (r.sinceFirst ?? '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {c.unchanged > 0 && (
            <p className="small muted">
              {c.unchanged} other variable{c.unchanged === 1 ? '' : 's'} followed: no change beyond noise.
            </p>
          )}
          {c.settings.map((s) => (
            <p key={s} className="small">
              * Not the same treadmill settings: {s}.
            </p>
          ))}
          {c.rows.some((r) => r.visits) && (
            <p className="small" data-testid="report-progress-source-legend">
              Each value&rsquo;s source: {SOURCE_MARK.markers.glyph} {SOURCE_MARK.markers.words},{' '}
              {SOURCE_MARK.landmarks.glyph} {SOURCE_MARK.landmarks.words}.
            </p>
          )}
          {c.acrossSources && (
            <p className="small" data-testid="report-progress-across-sources">
              Markers on one visit and pose landmarks on the other are not like for like: skin markers and the
              pose model&rsquo;s joint centres read the same runner a few degrees apart, so such a change is
              called real only beyond that difference (measured on the marker visit&rsquo;s clip) plus the
              noise.
            </p>
          )}
        </div>
      ))}
    </section>
  );
}

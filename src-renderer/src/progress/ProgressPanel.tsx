/**
 * The patient timeline on the patient page (issue 18 items 1 and 4, docs/progress.md): the patient's
 * own story, then per condition (flat with flat, incline with incline) small trend plots and a table
 * of every visit's key variables per side, each change since the previous visit and since the first
 * marked "real" only when it is beyond both the smallest detectable difference and the uncertainty of
 * the two means, else "within noise". Computed by the service on request (`progress:patient`).
 */
import type {
  PatientProgress,
  ProgressCondition,
  ProgressRow,
  SymptomRow,
} from '../../../src-shared/progress';
import { formatSignedScore, unitSuffix } from '../../../src-shared/progress';
import { api } from '../api/client';
import { useLoad } from '../useLoad';
import { ProgressTable, SIDE_WORD } from './ProgressTable';
import { SinceLastVisit } from './SinceLastVisit';
import { TrendPlot, type TrendSeries } from './TrendPlot';
import { SOURCE_MARK, pointSources, sourceChanges } from './trend-marks';
import './progress.css';

const SIDE_COLOR = { left: '#1f6feb', right: '#d9480f', both: '#2b8a3e' } as const;

function ConditionTable({ c }: { c: ProgressCondition }) {
  const byVar = new Map<string, ProgressRow[]>();
  for (const r of c.rows) byVar.set(r.variableId, [...(byVar.get(r.variableId) ?? []), r]);
  const dates = c.visits.map((v) => v.date);
  // Where markers measured some visit, each point's shape says its source (trend-marks.ts).
  const anyMarkers = c.rows.some((r) => r.markers);
  return (
    <>
      <div className="trends">
        {[...byVar.values()].map((rows) => {
          const first = rows[0]!;
          const series: TrendSeries[] = rows.map((r) => ({
            label: SIDE_WORD[r.side],
            color: SIDE_COLOR[r.side],
            values: r.points.map((p) => p.value.mean),
            intervals: r.points.map((p) => p.value.interval),
            ...(rows.some((x) => x.markers) && { sources: pointSources(r) }),
          }));
          return (
            <TrendPlot
              key={first.variableId}
              variable={first.variableId}
              title={`${first.label} (${unitSuffix(first.unit)})`}
              dates={dates}
              series={series}
              sourceChanges={sourceChanges(rows)}
            />
          );
        })}
      </div>
      <p className="legend muted">
        <span style={{ color: SIDE_COLOR.left }}>● left</span>{' '}
        <span style={{ color: SIDE_COLOR.right }}>● right</span>
        {/* Cadence is one number for both feet, drawn in its own colour: the legend names it too. */}
        {c.rows.some((r) => r.side === 'both') && (
          <span style={{ color: SIDE_COLOR.both }}> ● both sides</span>
        )}
        ; whiskers: 95% interval of each visit&rsquo;s mean.
        {anyMarkers && (
          <span data-testid="trend-source-legend">
            {' '}
            Shape:{' '}
            <span data-source="markers">
              {SOURCE_MARK.markers.glyph} {SOURCE_MARK.markers.words}
            </span>
            ,{' '}
            <span data-source="landmarks">
              {SOURCE_MARK.landmarks.glyph} {SOURCE_MARK.landmarks.words}
            </span>
            ; ┆ the source changed between two visits (a change of source can itself move the value).
          </span>
        )}
      </p>
      <ProgressTable c={c} />
    </>
  );
}

function StoryTable({ p }: { p: PatientProgress }) {
  const rows = p.symptoms.filter((r) => r.points.some((x) => x.value !== null));
  const stages = p.sessions.some((s) => s.symptoms?.rtrStage || s.symptoms?.notes);
  if (rows.length === 0 && !stages)
    return <p className="muted">No pain or running volume entered yet (Edit a session to add them).</p>;
  const pain: SymptomRow[] = rows.filter((r) => r.unit === '/10');
  const dates = p.sessions.map((s) => s.date);
  const story: TrendSeries[] = pain.map((r, i) => ({
    label: r.label,
    color: ['#1f6feb', '#d9480f', '#2b8a3e', '#7048e8'][i % 4]!,
    values: r.points.map((x) => x.value),
    intervals: r.points.map(() => null),
  }));
  return (
    <>
      {pain.length > 0 && (
        <div className="trends">
          <TrendPlot title="Pain (0–10)" dates={dates} series={story} yRange={[0, 10]} width={300} />
          <p className="legend muted">
            {story.map((s) => (
              <span key={s.label} style={{ color: s.color }}>
                ● {s.label}{' '}
              </span>
            ))}
          </p>
        </div>
      )}
      <table className="progress-table" data-testid="progress-story">
        <thead>
          <tr>
            <th>The patient&rsquo;s own story</th>
            {p.sessions.map((s) => (
              <th key={s.sessionId}>{s.date}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-symptom={r.key}>
              <th scope="row">
                {r.label} <span className="muted small">{r.unit}</span>
              </th>
              {r.points.map((x) => (
                <td key={x.sessionId}>
                  <div className="val">{x.value ?? <span className="muted">—</span>}</div>
                  {x.vsPrevious && (
                    <span
                      className={`chg ${x.vsPrevious.important ? 'real' : 'within-noise'}`}
                      title={
                        x.vsPrevious.important
                          ? 'A change of 2 points or more: important to patients.'
                          : undefined
                      }
                    >
                      {formatSignedScore(x.vsPrevious.difference)}
                      {x.vsPrevious.important ? ' important' : ''}
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
          {stages && (
            <tr data-symptom="rtrStage">
              <th scope="row">Return-to-run stage, notes</th>
              {p.sessions.map((s) => (
                <td key={s.sessionId} className="small">
                  {[s.symptoms?.rtrStage, s.symptoms?.notes].filter(Boolean).join(' — ') || (
                    <span className="muted">—</span>
                  )}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}

export function ProgressPanel(props: { patientId: string }) {
  const { data, error, reload } = useLoad(
    () => api('progress:patient', { patientId: props.patientId }),
    [props.patientId],
  );
  return (
    <section
      className="progress"
      aria-label="Progress across visits"
      data-testid="progress"
      data-ready={data ? 'true' : undefined}
    >
      <div className="page-head">
        <h2>Progress across visits</h2>
        <button type="button" className="secondary small" onClick={reload}>
          Refresh
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p className="muted">Comparing the visits…</p>}
      {data && (
        <>
          <p className="muted small">
            A change is marked <span className="chg real">real</span> only when it is larger than both the
            variable&rsquo;s smallest detectable difference (SDD) and the uncertainty of the two visits&rsquo;
            means (95%); otherwise it is <span className="chg within-noise">within noise</span>. Values and
            changes: ± half the 95% interval.
          </p>
          <SinceLastVisit p={data} />
          <h3>The patient&rsquo;s own story</h3>
          <StoryTable p={data} />
          {data.conditions.map((c) => (
            <div key={c.key} className="progress-condition">
              <h3>
                {c.label}{' '}
                <span className="muted small">
                  ({c.visits.length} visit{c.visits.length === 1 ? '' : 's'})
                </span>
              </h3>
              <ConditionTable c={c} />
            </div>
          ))}
          {data.conditions.length === 0 && (
            <p className="muted">No analysed clips yet: nothing to compare.</p>
          )}
          {data.sessions.some((s) => s.notes.length) && (
            <details className="small">
              <summary>Clips left out</summary>
              <ul>
                {data.sessions.flatMap((s) =>
                  s.notes.map((n) => (
                    <li key={`${s.sessionId}${n}`}>
                      {s.date}: {n}
                    </li>
                  )),
                )}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

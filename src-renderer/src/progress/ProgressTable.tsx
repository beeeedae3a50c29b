/**
 * One condition's table on the patient page (issue 18, docs/progress.md): every visit's key variables
 * per side, each change since the previous visit (and since the first) marked real or within noise,
 * the treadmill settings that differ, and, where markers measured a visit (issue 15), each visit's
 * source under its value and the change across sources said beside it. No plots here, so it renders
 * anywhere React does (the render test of sources, test/progress/markers-progress.test.ts).
 */
import type { Change, ProgressCondition, ProgressRow } from '../../../src-shared/progress';
import { formatChange, formatMeanU95, unitSuffix } from '../../../src-shared/progress';
import { SOURCE_MARK } from './trend-marks';

export const SIDE_WORD = { left: 'L', right: 'R', both: 'L+R' } as const;

function ChangeCell(props: { change: Change | null; unit: ProgressRow['unit'] }) {
  const c = props.change;
  if (!c) return <span className="muted">—</span>;
  // The why says how a change across sources (markers one visit, landmarks the other) was judged.
  const title = [c.why, c.settingsDiffer ? `Not the same treadmill settings: ${c.settingsDiffer}.` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <span className={`chg ${c.verdict}`} title={title} data-verdict={c.verdict}>
      {formatChange(c, props.unit)}
    </span>
  );
}

export function ProgressTable({ c }: { c: ProgressCondition }) {
  const settings = new Set(
    c.rows.flatMap((r) => r.points.flatMap((p) => [p.vsPrevious?.settingsDiffer, p.vsFirst?.settingsDiffer])),
  );
  settings.delete(null);
  settings.delete(undefined);
  const acrossSources = c.rows.some((r) =>
    r.points.some((p) => p.vsPrevious?.sourcesDiffer || p.vsFirst?.sourcesDiffer),
  );
  return (
    <>
      <table className="progress-table" data-testid={`progress-${c.key}`}>
        <thead>
          <tr>
            <th>Variable</th>
            <th>Side</th>
            {c.visits.map((v) => (
              <th key={v.sessionId}>
                <a href={`#/sessions/${v.sessionId}`}>{v.date}</a>
                <div className="muted small">
                  {[
                    v.speedKmh !== null ? `${v.speedKmh} km/h` : null,
                    v.inclinePct !== null ? `${v.inclinePct} %` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || v.label}
                </div>
              </th>
            ))}
            {c.visits.length > 2 && <th>Since first</th>}
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={`${r.variableId}-${r.side}`} data-variable={r.variableId} data-side={r.side}>
              <th
                scope="row"
                title={
                  r.sdd
                    ? `Smallest detectable difference ${r.sdd.value} ${unitSuffix(r.unit)}`
                    : 'No published smallest detectable difference: judged on the measurement uncertainty alone'
                }
              >
                {r.label}
                <span className="muted small">
                  {' '}
                  {r.sdd
                    ? `SDD ${r.sdd.value}${unitSuffix(r.unit) === '°' ? '°' : ` ${unitSuffix(r.unit)}`}`
                    : 'no SDD'}
                </span>
              </th>
              <td>{SIDE_WORD[r.side]}</td>
              {r.points.map((p) => (
                <td key={p.sessionId}>
                  <div className="val">
                    {p.value.mean === null ? (
                      <span className="muted" title={p.value.missing ?? undefined}>
                        not measured
                      </span>
                    ) : (
                      formatMeanU95(p.value.mean, p.value.u95, r.unit)
                    )}
                  </div>
                  {r.markers && (p.value.source || p.value.mean !== null) && (
                    <div
                      className="muted small"
                      title={`Source: ${p.value.source?.words ?? 'pose landmarks'}`}
                    >
                      {/* The trend plots' shape for this source (trend-marks.ts). */}
                      <span aria-hidden="true">
                        {SOURCE_MARK[p.value.source?.from === 'markers' ? 'markers' : 'landmarks'].glyph}{' '}
                      </span>
                      <span data-testid="progress-source">
                        {p.value.source?.from === 'markers' ? 'markers' : 'pose landmarks'}
                      </span>
                    </div>
                  )}
                  <ChangeCell change={p.vsPrevious} unit={r.unit} />
                </td>
              ))}
              {c.visits.length > 2 && (
                <td>
                  <ChangeCell change={r.points.at(-1)?.vsFirst ?? null} unit={r.unit} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {[...settings].map((s) => (
        <p key={s} className="notice small">
          * Not the same treadmill settings: {s}.
        </p>
      ))}
      {acrossSources && (
        <p className="notice small" data-testid="progress-across-sources">
          Markers on one visit, pose landmarks on the other: not like for like, and a change of source can
          itself move the value. Skin markers and the pose model&rsquo;s joint centres read the same runner a
          few degrees apart, so such a change is called real only when it is larger than that difference
          (measured on the marker visit&rsquo;s own clip) plus the SDD and the uncertainty; hover a change for
          the numbers.
        </p>
      )}
    </>
  );
}

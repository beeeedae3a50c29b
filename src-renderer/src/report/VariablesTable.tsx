import type { NotMeasurable, Stat, VariableRow } from '../../../src-shared/report/model';
import { fmt, fmtInterval, fmtSigned, fmtSignedInterval, fmtStat } from '../../../src-shared/report/format';
import { NotMeasurableCell } from '../components/NotMeasurableCell';

/**
 * The variables table: per variable the mean ± SD and n of each side with the 95% interval of the
 * mean beneath, or why the camera cannot measure that side; the left − right difference with its
 * interval and what it says ("within what the measurement resolves" where it holds 0 or the
 * limit), and the symmetry index with its interval; the smallest detectable difference; the reference with its
 * source; and a flag where it matters. Where the condition's skin markers were tracked, each row
 * says where its numbers came from ("markers (…)" or "pose landmarks": the hybrid analysis,
 * src-shared/review/marker-hybrid.ts). `data-key` and `data-testid` let the tests read rows back
 * against analysis.json.
 */
function StatCell(props: {
  stat: Stat | undefined;
  decimals: number;
  unit: string;
  category?: string;
  hidden?: NotMeasurable;
}) {
  if (props.category) return <td className="num">{props.category}</td>;
  if (props.hidden) return <NotMeasurableCell hidden={props.hidden} />;
  if (!props.stat) return <td className="num muted">—</td>;
  const deg = props.unit === '°' ? '°' : '';
  return (
    <td className="num">
      {fmtStat(props.stat, props.decimals)}
      {deg} <span className="n">n={props.stat.n}</span>
      {props.stat.interval && (
        <div className="ci" data-testid="interval">
          95% CI {fmtInterval(props.stat.interval, props.decimals)}
          {deg}
        </div>
      )}
    </td>
  );
}

export function VariablesTable(props: { rows: readonly VariableRow[]; caption: string }) {
  if (props.rows.length === 0) return null;
  return (
    <table className="vars" data-testid="variables">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th>Variable</th>
          <th>Event</th>
          <th className="num">Left</th>
          <th className="num">Right</th>
          <th className="num">L − R</th>
          <th className="num">SI</th>
          <th>Reference</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => {
          const unitText = r.unit && r.unit !== '°' ? ` (${r.unit})` : '';
          const pooledOnly = !r.left && !r.right && !r.categories;
          return (
            <tr
              key={`${r.view}-${r.key}`}
              data-testid="variable-row"
              data-key={r.key}
              data-source={r.source?.from}
              className={r.flag ? `flag-${r.flag.level}` : undefined}
            >
              <th scope="row">
                {r.label}
                {unitText}
                {r.flag && <div className="flag-text">⚑ {r.flag.text}</div>}
                {r.source && (
                  <div className="src row-source" data-testid="row-source">
                    Source: {r.source.text}
                  </div>
                )}
              </th>
              <td>{r.event}</td>
              {pooledOnly && !r.all ? (
                // No value: a dash alone (a withheld rear clip printed "—°" on every row).
                <td className="num muted" colSpan={2}>
                  —
                </td>
              ) : pooledOnly && r.all ? (
                <td className="num" colSpan={2}>
                  {fmtStat(r.all, r.decimals)}
                  {r.unit === '°' ? '°' : ''} <span className="n">n={r.all.n}</span>
                  {r.all.interval && (
                    <div className="ci" data-testid="interval">
                      95% CI {fmtInterval(r.all.interval, r.decimals)}
                    </div>
                  )}
                </td>
              ) : (
                <>
                  <StatCell
                    stat={r.left}
                    decimals={r.decimals}
                    unit={r.unit}
                    category={r.categories?.left}
                    hidden={r.notMeasurable?.left}
                  />
                  <StatCell
                    stat={r.right}
                    decimals={r.decimals}
                    unit={r.unit}
                    category={r.categories?.right}
                    hidden={r.notMeasurable?.right}
                  />
                </>
              )}
              <td className="num">
                {r.diff === undefined ? '—' : fmtSigned(r.diff, r.decimals)}
                {r.diffInterval && <div className="ci">{fmtSignedInterval(r.diffInterval, r.decimals)}</div>}
                {r.diffNote && (
                  <div className="ci verdict" data-testid="diff-note">
                    {r.diffNote}
                  </div>
                )}
              </td>
              <td className="num">
                {r.symmetryPct === undefined ? '—' : `${fmtSigned(r.symmetryPct, 0)}%`}
                {r.symmetryPct !== undefined && r.symmetryInterval && (
                  <div className="ci">{fmtSignedInterval(r.symmetryInterval, 0)}%</div>
                )}
              </td>
              <td className="ref">
                {r.reference ? (
                  <>
                    {r.reference.text} <span className="src">[{r.reference.source}]</span>
                  </>
                ) : (
                  <span className="muted">no published range</span>
                )}
                {r.sdd !== undefined && (
                  <div className="src">
                    SDD {fmt(r.sdd, 1)}
                    {r.unit === '°' ? '°' : ` ${r.unit}`}
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

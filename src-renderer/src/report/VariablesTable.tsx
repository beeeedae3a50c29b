import type { Stat, VariableRow } from '../../../src-shared/report/model';
import { fmt, fmtSigned, fmtStat } from '../../../src-shared/report/format';

/**
 * The variables table: per variable the mean ± SD and n of each side, the left − right difference
 * and symmetry index, the smallest detectable difference, the reference with its source, and a flag
 * where it matters. `data-key` and `data-testid` let the tests read rows back against analysis.json.
 */
function StatCell(props: { stat: Stat | undefined; decimals: number; unit: string; category?: string }) {
  if (props.category) return <td className="num">{props.category}</td>;
  if (!props.stat) return <td className="num muted">—</td>;
  return (
    <td className="num">
      {fmtStat(props.stat, props.decimals)}
      {props.unit === '°' ? '°' : ''} <span className="n">n={props.stat.n}</span>
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
              className={r.flag ? `flag-${r.flag.level}` : undefined}
            >
              <th scope="row">
                {r.label}
                {unitText}
                {r.flag && <div className="flag-text">⚑ {r.flag.text}</div>}
              </th>
              <td>{r.event}</td>
              {pooledOnly ? (
                <td className="num" colSpan={2}>
                  {fmtStat(r.all, r.decimals)}
                  {r.unit === '°' ? '°' : ''} {r.all && <span className="n">n={r.all.n}</span>}
                </td>
              ) : (
                <>
                  <StatCell stat={r.left} decimals={r.decimals} unit={r.unit} category={r.categories?.left} />
                  <StatCell
                    stat={r.right}
                    decimals={r.decimals}
                    unit={r.unit}
                    category={r.categories?.right}
                  />
                </>
              )}
              <td className="num">{r.diff === undefined ? '—' : fmtSigned(r.diff, r.decimals)}</td>
              <td className="num">{r.symmetryPct === undefined ? '—' : `${fmtSigned(r.symmetryPct, 0)}%`}</td>
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

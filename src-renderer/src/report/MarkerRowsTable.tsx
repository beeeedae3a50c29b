/**
 * The report's marker variables (issue 15 item 3): pelvic tilt and the marker knee and ankle angles
 * (side view), rearfoot eversion (rear view), left and right mean ± SD with n and the 95% interval
 * of the mean (or "not measurable from this view" with the remedy), and the source of each row: the
 * skin markers it was measured from, or, where none were taped, why the pose landmarks cannot give
 * it and what to tape.
 */
import type { MarkerSideSummary, MarkerVariableRow } from '../../../src-shared/review/marker-variables';

const fmt = (v: number): string => v.toFixed(1);

function Cell({ s, side }: { s: MarkerSideSummary | null; side: 'left' | 'right' }) {
  if (!s) return <td data-side={side}>—</td>;
  // As the variables table (VariablesTable.tsx): no number where the spread says it is not measured.
  if (s.notMeasurable)
    return (
      <td
        data-side={side}
        className="not-measurable"
        data-testid="not-measurable"
        title={s.notMeasurable.reason}
      >
        not measurable from this view
        <div className="remedy">{s.notMeasurable.remedy}</div>
      </td>
    );
  if (s.mean === null) return <td data-side={side}>—</td>;
  return (
    <td data-side={side}>
      {fmt(s.mean)}°{s.sd !== null && ` ± ${fmt(s.sd)}`} <span className="muted">n {s.n}</span>
      {s.interval && (
        <div className="small muted">
          95% {fmt(s.interval[0])} to {fmt(s.interval[1])}
        </div>
      )}
    </td>
  );
}

export function MarkerRowsTable({ rows }: { rows: readonly MarkerVariableRow[] }) {
  if (!rows.length) return null;
  return (
    <table className="vars" data-testid="marker-rows">
      <caption>Skin markers: pelvis, rearfoot, knee and ankle</caption>
      <thead>
        <tr>
          <th>Variable</th>
          <th>Left</th>
          <th>Right</th>
          <th>Source</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`marker-row-${r.id}`} data-source={r.source}>
            <td>
              {r.label}
              <div className="small muted">{r.definition}</div>
            </td>
            <Cell s={r.left} side="left" />
            <Cell s={r.right} side="right" />
            <td className="small">
              {r.source === 'markers'
                ? `Skin markers (${r.sourceWords})`
                : `Pose landmarks: ${r.sourceWords}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The report's marker variables (issue 15 item 3) without a landmark counterpart: pelvic tilt (side
 * view) and rearfoot eversion (rear view); the marker knee and ankle angles stand in the variables
 * table in place of the landmarks' (src-shared/review/marker-hybrid.ts). Per row: left and right
 * mean ± SD with n and the 95% interval of the mean (or "not measurable from this view" with the
 * remedy), and the source: the skin markers it was measured from, or, where none were taped, why
 * the pose landmarks cannot give it and what to tape.
 */
import type { MarkerVariableRow } from '../../../src-shared/review/marker-variables';
import { MarkerSideCell } from '../components/MarkerSideCell';

export function MarkerRowsTable({ rows }: { rows: readonly MarkerVariableRow[] }) {
  if (!rows.length) return null;
  return (
    <table className="vars" data-testid="marker-rows">
      <caption>Skin markers: pelvis and rearfoot</caption>
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
            <MarkerSideCell s={r.left} side="left" />
            <MarkerSideCell s={r.right} side="right" />
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

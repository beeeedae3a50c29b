/**
 * One side of a skin-marker variable (issue 15) as a table cell: mean ± SD over n steps with the 95%
 * interval of the mean beneath, or "not measurable from this view" with the remedy, or a dash where
 * that side has no markers. The one cell of the report's marker table (report/MarkerRowsTable.tsx)
 * and Review's (review/markers/MarkersPanel.tsx).
 */
import type { MarkerSideSummary } from '../../../src-shared/review/marker-variables';
import { NotMeasurableCell } from './NotMeasurableCell';

const fmt = (v: number): string => v.toFixed(1);

export function MarkerSideCell(props: {
  readonly s: MarkerSideSummary | null;
  readonly side: 'left' | 'right';
  readonly notMeasurableTestId?: string;
}) {
  const { s, side } = props;
  if (s?.notMeasurable)
    return <NotMeasurableCell hidden={s.notMeasurable} side={side} testId={props.notMeasurableTestId} />;
  if (!s || s.mean === null) return <td data-side={side}>—</td>;
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

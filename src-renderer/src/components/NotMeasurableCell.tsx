/**
 * A table cell for a side the camera (or the markers) cannot measure: the words "not measurable from
 * this view" instead of a number, the reason on hover and the remedy beneath (docs/uncertainty.md
 * §3). One cell for the report's variables and marker tables and for Review's marker table, so the
 * PT reads the same words in both places.
 */
export interface NotMeasurableCellProps {
  readonly hidden: { readonly reason: string; readonly remedy: string };
  /** `data-side` for the tests and the e2e checks. */
  readonly side?: 'left' | 'right';
  readonly testId?: string;
}

export function NotMeasurableCell({ hidden, side, testId = 'not-measurable' }: NotMeasurableCellProps) {
  return (
    <td data-side={side} className="not-measurable" data-testid={testId} title={hidden.reason}>
      not measurable from this view
      <div className="remedy">{hidden.remedy}</div>
    </td>
  );
}

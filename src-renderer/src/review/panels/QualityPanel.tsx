/**
 * What limits this clip's numbers, in Review where the PT looks at them (issue 13: quality up front):
 * findings withheld (not running, not the view it was filed under) first, then the measurement
 * warnings of the gait engine (too few steps, a side seen with low confidence, a slanted camera…).
 */
import type { GaitAnalysis } from '../../../../src-shared/gait';
import { adviceFor } from '../../../../src-shared/gait/camera-advice';

export function QualityPanel(props: { gait: GaitAnalysis }) {
  const { quality, flags } = props.gait;
  const warnings = flags.filter((f) => f.severity !== 'info');
  if (!quality.findingsWithheld && warnings.length === 0) return null;
  return (
    <div className="review-quality" role="note" data-testid="review-quality">
      {quality.findingsWithheld && (
        <p className="error">
          <strong>No findings from this clip:</strong> {quality.reasons.map((r) => r.message).join(' ')}
        </p>
      )}
      {warnings.length > 0 && (
        <ul>
          {warnings.map((f) => (
            <li key={`${f.code}-${f.message}`} className={`q-${f.severity}`}>
              {f.message}
              {adviceFor(f.code).length > 0 && (
                // Points back to the placement advice of the capture and session pages (issue 19).
                <span className="muted" data-testid="quality-advice">
                  {' '}
                  Camera placement:{' '}
                  {adviceFor(f.code)
                    .map((a) => a.text)
                    .join(' ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

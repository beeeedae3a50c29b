import type { GaitAnalysis } from '../../../../src-shared/gait';
import { rankFindings, type RankContext } from '../../../../src-shared/gait/findings-rank';
import { FIRST_FINDINGS } from '../../../../src-shared/report/model';

/**
 * The review's "What to work on first" (issue 19): the active clip's findings ranked as the report
 * ranks them (src-shared/gait/findings-rank.ts), the first three with their cue. Given the session's
 * complaint and painful side it weighs them as the report does; without, by effect size alone, and
 * it says so. The PT's pins live in the report's edits, not here.
 */
export function WorkOnFirstPanel(props: { gait: GaitAnalysis; context?: RankContext }) {
  const ranked = rankFindings(props.gait.findings, props.context);
  if (ranked.length === 0) return null;
  const weighted = !!props.context?.complaint || !!props.context?.injurySide;
  return (
    <div className="work-first-panel" data-testid="review-work-first">
      <h3>What to work on first</h3>
      <ol>
        {ranked.slice(0, FIRST_FINDINGS).map((r, i) => (
          <li key={`${r.finding.id}-${r.finding.side}-${i}`}>
            <strong>
              {r.finding.title}
              {r.finding.side === 'both' ? '' : ` (${r.finding.side})`}
            </strong>
            {r.finding.cue && <span> · “{r.finding.cue.text}”</span>}
          </li>
        ))}
      </ol>
      {ranked.length > FIRST_FINDINGS && (
        <p className="muted">
          {ranked.length - FIRST_FINDINGS} more in the report.
          {weighted ? '' : ' Ranked by effect size; the report also weighs the complaint.'}
        </p>
      )}
      {ranked.length <= FIRST_FINDINGS && !weighted && (
        <p className="muted">Ranked by effect size; the report also weighs the complaint.</p>
      )}
    </div>
  );
}

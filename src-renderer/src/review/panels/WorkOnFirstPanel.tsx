import { useContext } from 'react';
import type { GaitAnalysis } from '../../../../src-shared/gait';
import { rankFindings, type RankContext } from '../../../../src-shared/gait/findings-rank';
import { FIRST_FINDINGS } from '../../../../src-shared/report/model';
import { SessionFocus } from '../session-focus';

/**
 * The review's "What to work on first" (issue 19): the active clip's findings ranked as the report
 * ranks them (src-shared/gait/findings-rank.ts), the first three with their cue. It weighs them by
 * the session's complaint and painful side as the report does (from ReviewPage through
 * SessionFocus, or `context`); a session without either is ranked by effect size, and it says so.
 * The PT's pins live in the report's edits, not here.
 */
export function WorkOnFirstPanel(props: { gait: GaitAnalysis; context?: RankContext }) {
  const fromSession = useContext(SessionFocus);
  const context = props.context ?? fromSession;
  const ranked = rankFindings(props.gait.findings, context);
  if (ranked.length === 0) return null;
  const weighted = !!context?.complaint || (!!context?.injurySide && context.injurySide !== 'none');
  const how = weighted
    ? `Ranked as in the report: effect size weighted by ${context?.complaint ? `the complaint (“${context.complaint}”)` : ''}${context?.complaint && context?.injurySide && context.injurySide !== 'none' ? ' and ' : ''}${context?.injurySide && context.injurySide !== 'none' ? `the painful side (${context.injurySide})` : ''}.`
    : 'Ranked by effect size: the session has no complaint or painful side to weigh them by.';
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
      <p className="muted" data-testid="review-work-first-how">
        {ranked.length > FIRST_FINDINGS ? `${ranked.length - FIRST_FINDINGS} more in the report. ` : ''}
        {how}
      </p>
    </div>
  );
}

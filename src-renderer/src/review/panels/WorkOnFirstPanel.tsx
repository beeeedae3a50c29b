import { useContext } from 'react';
import type { GaitAnalysis } from '../../../../src-shared/gait';
import { rankFindings, type RankContext } from '../../../../src-shared/gait/findings-rank';
import { clipFindings } from '../../../../src-shared/report/far-leg';
import { tentativeWords } from '../../../../src-shared/report/findings';
import { FIRST_FINDINGS } from '../../../../src-shared/report/model';
import { SessionFocus } from '../session-focus';
import { SessionClips, type SessionClip } from '../session-side-clips';

/**
 * The review's "What to work on first" (issue 19): the active clip's findings ranked as the report
 * ranks them (src-shared/gait/findings-rank.ts), the first three with their cue. It weighs them by
 * the session's complaint and painful side as the report does (from ReviewPage through
 * SessionFocus, or `context`); a session without either is ranked by effect size, and it says so.
 * The PT's pins live in the report's edits, not here.
 *
 * A finding on a far-leg value the same camera could not measure in another condition of the
 * session is tentative, said why and ranked after the whole ones, as in the report: the rule is the
 * report's (src-shared/report/far-leg.ts), fed the session's other side clips (SessionClips, loaded
 * by ReviewPage). Without `recordingId` or those clips, the clip stands alone.
 */
export function WorkOnFirstPanel(props: { gait: GaitAnalysis; recordingId?: string; context?: RankContext }) {
  const fromSession = useContext(SessionFocus);
  const context = props.context ?? fromSession;
  const found = withOtherConditions(props.gait, props.recordingId, useContext(SessionClips));
  const doubtOf = new Map(found.map((x) => [x.f, x.doubt]));
  const ranked = rankFindings(
    found.map((x) => x.f),
    context,
  );
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
            {r.finding.provisional && (
              <span className="muted" data-testid="review-work-first-tentative">
                {' '}
                · tentative: {tentativeWords(r.finding, doubtOf.get(r.finding))}
              </span>
            )}
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

/** The active clip's findings, a far-leg one made tentative where the session's other conditions
 *  say so (its own condition's label and the others' newest side clips, from SessionClips). */
function withOtherConditions(
  gait: GaitAnalysis,
  recordingId: string | undefined,
  session: readonly SessionClip[],
): { f: GaitAnalysis['findings'][number]; doubt?: string }[] {
  const own = session.find((c) => c.recordingId === recordingId);
  if (!own || own.view !== 'side') return gait.findings.map((f) => ({ f }));
  const others = session.flatMap((c) =>
    c.view === 'side' && c.label !== own.label && c.analysis
      ? [{ label: c.label, analysis: c.analysis }]
      : [],
  );
  return clipFindings({ label: own.label, analysis: gait }, others);
}

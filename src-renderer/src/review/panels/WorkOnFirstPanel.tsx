import { useContext } from 'react';
import type { GaitAnalysis } from '../../../../src-shared/gait';
import type { RankContext } from '../../../../src-shared/gait/findings-rank';
import { splitFindings } from '../../../../src-shared/report/priorities';
import { sessionFindings } from '../../../../src-shared/report/session-findings';
import { workFirstItem } from '../../../../src-shared/report/work-first-item';
import { SessionFocus } from '../session-focus';
import { SessionClips, SessionEdits, sessionConditions } from '../session-side-clips';

/**
 * The review's "What to work on first" (issue 19): the report's first three, with their cues, in its
 * words and order (src-shared/report/session-findings.ts, the report's own function): left and
 * right of one condition merged, with each side's words where one is tentative ("Left: tentative,
 * …; right: firm, over 11 clean steps."), ranked on the firm side, weighted by the session's
 * complaint and painful side (from ReviewPage through SessionFocus, or `context`; a session without
 * either is ranked by effect size, and it says so), and the PT's saved words over the suggestions
 * where there are some (SessionEdits: their findings, order, pins and cues). The session's other
 * clips come from SessionClips (loaded by ReviewPage as the report reads them, skin-marker values
 * included); the open clip takes its place with Review's live analysis (`gait`), so a corrected
 * event shows at once. Without the session's clips, the open clip stands alone.
 */
export function WorkOnFirstPanel(props: { gait: GaitAnalysis; recordingId?: string; context?: RankContext }) {
  const fromSession = useContext(SessionFocus);
  const context = props.context ?? fromSession;
  const { conditions, aside } = sessionConditions(useContext(SessionClips), {
    recordingId: props.recordingId,
    gait: props.gait,
  });
  const edits = useContext(SessionEdits);
  const findings = sessionFindings(conditions, context ?? {}, edits);
  const { first } = splitFindings(findings);
  if (first.length === 0) return null;
  const weighted = !!context?.complaint || (!!context?.injurySide && context.injurySide !== 'none');
  const how = weighted
    ? `Ranked as in the report: effect size weighted by ${context?.complaint ? `the complaint (“${context.complaint}”)` : ''}${context?.complaint && context?.injurySide && context.injurySide !== 'none' ? ' and ' : ''}${context?.injurySide && context.injurySide !== 'none' ? `the painful side (${context.injurySide})` : ''}.`
    : 'Ranked by effect size: the session has no complaint or painful side to weigh them by.';
  return (
    <div className="work-first-panel" data-testid="review-work-first">
      <h3>What to work on first</h3>
      <ol>
        {first.map((f) => {
          const { found, more, cue } = workFirstItem(f);
          return (
            <li key={f.id} data-id={f.id}>
              <strong>{found}</strong>
              {more && (
                <span className="muted" data-testid="review-work-first-tentative">
                  {more}
                </span>
              )}
              {cue && <span>{cue}</span>}
            </li>
          );
        })}
      </ol>
      <p className="muted" data-testid="review-work-first-how">
        {findings.length > first.length ? `${findings.length - first.length} more in the report. ` : ''}
        {/* The PT's order replaces the suggested ranking: saying both would contradict itself. */}
        {edits ? 'Findings, order and words as the PT set them in the report.' : how}
        {aside
          ? ` The report prints another ${aside.view} clip of ${aside.label} (“${aside.name}”); these are with this one in its place.`
          : ''}
      </p>
    </div>
  );
}

import { useContext } from 'react';
import type { GaitAnalysis } from '../../../../src-shared/gait';
import type { RankContext } from '../../../../src-shared/gait/findings-rank';
import { FIRST_FINDINGS } from '../../../../src-shared/report/model';
import { sessionFindings } from '../../../../src-shared/report/session-findings';
import { SessionFocus } from '../session-focus';
import { SessionClips, sessionConditions } from '../session-side-clips';

/**
 * The review's "What to work on first" (issue 19): the session's findings as the report lists them
 * before the PT's edits, the first three with their cue, in the report's words
 * (src-shared/report/session-findings.ts, the report's own function): left and right of one
 * condition merged, with each side's words where one is tentative ("Left: tentative, …; right:
 * firm, over 11 clean steps."), ranked on the firm side, weighted by the session's complaint and
 * painful side (from ReviewPage through SessionFocus, or `context`); a session without either is
 * ranked by effect size, and it says so. The session's other clips come from SessionClips (loaded
 * by ReviewPage as the report reads them, skin-marker values included); the open clip takes its
 * place with Review's live analysis (`gait`), so a corrected event shows at once. Without the
 * session's clips, the open clip stands alone. The PT's pins and words live in the report's edits.
 */
export function WorkOnFirstPanel(props: { gait: GaitAnalysis; recordingId?: string; context?: RankContext }) {
  const fromSession = useContext(SessionFocus);
  const context = props.context ?? fromSession;
  const { conditions, aside } = sessionConditions(useContext(SessionClips), {
    recordingId: props.recordingId,
    gait: props.gait,
  });
  const findings = sessionFindings(conditions, context ?? {});
  if (findings.length === 0) return null;
  const weighted = !!context?.complaint || (!!context?.injurySide && context.injurySide !== 'none');
  const how = weighted
    ? `Ranked as in the report: effect size weighted by ${context?.complaint ? `the complaint (“${context.complaint}”)` : ''}${context?.complaint && context?.injurySide && context.injurySide !== 'none' ? ' and ' : ''}${context?.injurySide && context.injurySide !== 'none' ? `the painful side (${context.injurySide})` : ''}.`
    : 'Ranked by effect size: the session has no complaint or painful side to weigh them by.';
  return (
    <div className="work-first-panel" data-testid="review-work-first">
      <h3>What to work on first</h3>
      <ol>
        {findings.slice(0, FIRST_FINDINGS).map((f) => {
          // The report's sentence, its first (what was found) set off from the rest (which side is
          // tentative, and why), as the panel is narrow; the words are the report's.
          const cut = f.text.indexOf('. ');
          return (
            <li key={f.id} data-id={f.id}>
              <strong>{cut < 0 ? f.text : f.text.slice(0, cut + 1)}</strong>
              {cut >= 0 && (
                <span className="muted" data-testid="review-work-first-tentative">
                  {f.text.slice(cut + 1)}
                </span>
              )}
              {f.cue && <span> · “{f.cue.text}”</span>}
            </li>
          );
        })}
      </ol>
      <p className="muted" data-testid="review-work-first-how">
        {findings.length > FIRST_FINDINGS ? `${findings.length - FIRST_FINDINGS} more in the report. ` : ''}
        {how}
        {aside
          ? ` The report prints another ${aside.view} clip of ${aside.label} (“${aside.name}”); these are with this one in its place.`
          : ''}
      </p>
    </div>
  );
}

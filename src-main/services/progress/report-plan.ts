import type { Session } from '../../../src-shared/library/model';
import { carryPlan } from '../../../src-shared/progress/plan-carry';
import type { PlanItem } from '../../../src-shared/report/model';
import type { Library } from '../library/db';

/**
 * The last visit's plan carried into this visit's report (issue 18 item 3, docs/progress.md §5):
 * the newest earlier session of the patient whose report has a plan the PT saved. Until the PT saves
 * words for this visit, its plan starts as that plan (each exercise marked kept) plus today's new
 * suggestions (src-shared/progress/plan-carry.ts); once saved, the PT's marks stand. A plan that was
 * never saved last time was the engine's suggestion, which today's suggestions already renew.
 */
export async function carriedPlan(
  library: Library,
  session: Session,
  suggested: readonly PlanItem[],
  saved: boolean,
): Promise<{ planFrom?: string; plan?: PlanItem[] }> {
  // Through the data layer (src-main/data): the sessions and the saved report words, read only.
  const earlier = (await library.data.sessions.listForPatient(session.patientId))
    .filter(
      (s) =>
        s.id !== session.id &&
        (s.date < session.date || (s.date === session.date && s.createdAt < session.createdAt)),
    )
    .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));
  for (const s of earlier) {
    const edits = await library.data.reportEdits.get(s.id);
    if (!edits || edits.plan.length === 0) continue;
    return saved ? { planFrom: s.date } : { planFrom: s.date, plan: carryPlan(edits.plan, suggested) };
  }
  return {};
}

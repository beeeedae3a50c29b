/**
 * The previous plan carried over (issue 18 item 3, docs/progress.md §5): at a follow-up the PT starts
 * from what the runner was given last time, not from a fresh list of suggestions, and marks each
 * exercise kept, progressed or dropped; what today's findings suggest beyond it is added, marked new.
 * Tendon rehabilitation is paced by exactly these decisions (continue, load more, stop) from visit to
 * visit [Silbernagel 2007: the pain-monitoring model; Goom 2016: loading progressed when pain allows],
 * so the report says them. Pure: the report service calls it with the last visit's saved plan.
 */
import type { PlanItem } from '../report/model';

/** What became of an exercise since the last visit ('new': first given at this visit). */
export const PLAN_SINCE = ['kept', 'progressed', 'dropped', 'new'] as const;
export type PlanSince = (typeof PLAN_SINCE)[number];

export const PLAN_SINCE_WORDS: Record<PlanSince, string> = {
  kept: 'kept',
  progressed: 'progressed',
  dropped: 'dropped',
  new: 'new',
};

/** An exercise of the last visit's plan as the PT left it (the saved report words). */
export interface PreviousPlanItem {
  readonly id: string;
  readonly title: string;
  readonly detail: string;
  readonly why?: string | undefined;
  readonly dosage?: string | undefined;
  readonly progression?: string | undefined;
  readonly since?: PlanSince | undefined;
}

/**
 * The starting plan of a follow-up: every exercise the runner was still doing after the last visit
 * (one dropped then is not brought back), marked kept until the PT says otherwise, with its dosage as
 * given then; then today's suggestions that are not already in it, marked new.
 */
export function carryPlan(
  previous: readonly PreviousPlanItem[],
  suggested: readonly PlanItem[],
): (PlanItem & { readonly since: PlanSince })[] {
  const carried = previous
    .filter((p) => p.since !== 'dropped')
    .map((p) => {
      const library = suggested.find((s) => s.id === p.id);
      const dosage = p.dosage ?? library?.dosage;
      const progression = p.progression ?? library?.progression;
      return {
        id: p.id,
        title: p.title,
        detail: p.detail,
        ...(p.why ? { why: p.why } : {}),
        ...(dosage ? { dosage } : {}),
        ...(progression ? { progression } : {}),
        ...(library?.plain ? { plain: library.plain } : {}),
        since: 'kept' as const,
      };
    });
  const ids = new Set(carried.map((p) => p.id));
  return [
    ...carried,
    ...suggested.filter((s) => !ids.has(s.id)).map((s) => ({ ...s, since: 'new' as const })),
  ];
}

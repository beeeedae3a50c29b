/**
 * The PT's words over the suggested report, so the printed report never contradicts them: a finding
 * the PT removed takes its flags off the variable tables and its reasons out of the plan. The ties
 * ("links") are recorded when the suggestions are built (src-shared/report/build.ts) and travel with
 * the report, so the page's live preview and the PDF apply the same function to the same data.
 */
import type { ReportEdits } from '../contract/report';
import type { ConditionSection, PlanItem, ReportModel, VariableRow } from './model';

/** What one suggested finding touches elsewhere in the report. */
export interface FindingLink {
  /** The suggested finding's id (kept by the PT's edits while they keep the finding). */
  readonly id: string;
  /** The engine's title: the words of the row flags and of the plan's "why". */
  readonly title: string;
  /** Variable rows it flags, as `rowKey(conditionId, view, variableId)`. */
  readonly rows: readonly string[];
  /** Exercise ids (plan item ids) it suggests. */
  readonly exercises: readonly string[];
}

export const rowKey = (conditionId: string, view: string, variableId: string): string =>
  `${conditionId}|${view}|${variableId}`;

/** The plan's "why" from the findings that suggest an exercise: their titles, once each. */
export const whyText = (titles: readonly string[]): string =>
  [...new Set(titles.map((t) => t.toLowerCase()))].join('; ');

function rowsOf(
  section: ConditionSection,
  rows: readonly VariableRow[],
  links: readonly FindingLink[],
  kept: ReadonlySet<string>,
): VariableRow[] {
  return rows.map((r) => {
    const key = rowKey(section.id, r.view, r.key);
    const touching = links.filter((l) => l.rows.includes(key));
    // Only flags that findings put there are the findings' to take away.
    if (r.flag?.level !== 'attention' || touching.length === 0) return r;
    const titles = [...new Set(touching.filter((l) => kept.has(l.id)).map((l) => l.title))];
    if (titles.length === 0) {
      const { flag: _gone, ...rest } = r;
      return rest;
    }
    return { ...r, flag: { ...r.flag, text: titles.join('; ') } };
  });
}

function planOf(plan: readonly PlanItem[], links: readonly FindingLink[], kept: ReadonlySet<string>) {
  return plan.map((p) => {
    const suggesting = links.filter((l) => l.exercises.includes(p.id));
    // An exercise the PT added answers what the PT says it does.
    if (suggesting.length === 0) return p;
    const titles = suggesting.filter((l) => kept.has(l.id)).map((l) => l.title);
    const { why: _old, ...rest } = p;
    return titles.length ? { ...rest, why: whyText(titles) } : rest;
  });
}

/**
 * The report with the PT's words: their findings, plan and notes, and the flags and reasons of the
 * suggested findings they removed taken away. `model` is the report as suggested (or as last
 * edited: applying again is harmless, a removed flag stays removed).
 */
export function applyEdits(
  model: ReportModel,
  links: readonly FindingLink[],
  edits: ReportEdits,
): ReportModel {
  const kept = new Set(edits.findings.map((f) => f.id));
  return {
    ...model,
    conditions: model.conditions.map((c) => ({
      ...c,
      spatiotemporal: rowsOf(c, c.spatiotemporal, links, kept),
      variables: rowsOf(c, c.variables, links, kept),
    })),
    findings: edits.findings,
    plan: planOf(edits.plan, links, kept),
    notes: edits.notes,
    edited: true,
  };
}

/**
 * The PT's words over the suggested report, so the printed report never contradicts them: a finding
 * the PT removed takes its flags off the variable tables and its reasons out of the plan. The ties
 * ("links") are recorded when the suggestions are built (src-shared/report/build.ts) and travel with
 * the report, so the page's live preview and the PDF apply the same function to the same data.
 */
import type { ReportEdits } from '../contract/report';
import type { ConditionSection, Finding, PlanItem, ReportModel, VariableRow } from './model';
import { orderFindings } from './priorities';
import { withoutWindow } from './provisional';

/** What one suggested finding touches elsewhere in the report. */
export interface FindingLink {
  /** The suggested finding's id (kept by the PT's edits while they keep the finding). */
  readonly id: string;
  /**
   * The id StrideLab gave the same finding before ids were stable (rule-side-place in the list):
   * edits saved then still find their finding, as they did when saved.
   */
  readonly formerId?: string;
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
    // In the order the flag already names them (the rule table's), kept findings only.
    const keptTitles = new Set(touching.filter((l) => kept.has(l.id)).map((l) => l.title));
    const titles = r.flag.text.split('; ').filter((t) => keptTitles.has(t));
    if (titles.length === 0) {
      const { flag: _gone, ...rest } = r;
      return rest;
    }
    return { ...r, flag: { ...r.flag, text: titles.join('; ') } };
  });
}

/** Edits saved under a finding's former id, read under its current one (nothing else changes). */
function withCurrentIds(
  edits: ReportEdits,
  links: readonly Pick<FindingLink, 'id' | 'formerId'>[],
): ReportEdits {
  const current = new Set(links.map((l) => l.id));
  const byFormer = new Map(links.filter((l) => l.formerId).map((l) => [l.formerId!, l.id]));
  if (edits.findings.every((f) => current.has(f.id) || !byFormer.has(f.id))) return edits;
  return {
    ...edits,
    findings: edits.findings.map((f) =>
      current.has(f.id) || !byFormer.has(f.id) ? f : { ...f, id: byFormer.get(f.id)! },
    ),
  };
}

/**
 * A finding as the PT left it: their words, pin and cue; what they do not edit (its evidence, why
 * it ranks, the runner's words, its drills) from the suggestion of the same id. Edits saved before cues existed
 * carry no cue and keep the suggested one; an empty cue is the PT removing it.
 */
function findingOf(
  e: ReportEdits['findings'][number],
  s: Finding | undefined,
  provisional: readonly string[],
): Finding {
  const cue =
    e.cue === undefined
      ? s?.cue
      : e.cue === ''
        ? undefined
        : {
            text: e.cue,
            ...(s?.cue && s.cue.text === e.cue && s.cue.source ? { source: s.cue.source } : {}),
          };
  // Kept while its clip was provisional, and the clip is whole now: the label would be untrue.
  const text = withoutWindow(e.text, provisional);
  return {
    id: e.id,
    text,
    // The numbers behind it are the analysis's, not the PT's words (the page shows them, never
    // edits them): the current ones, so a corrected event or the whole clip replacing its window
    // is not printed beside evidence from before. The saved lines where nothing suggests it now.
    evidence: s?.evidence ?? e.evidence,
    ...(s?.priority ? { priority: s.priority } : {}),
    ...(s?.plain ? { plain: s.plain } : {}),
    ...(s?.drills ? { drills: s.drills } : {}),
    ...(cue ? { cue } : {}),
    ...(e.pin ? { pin: e.pin } : {}),
    ...(s?.condition ? { condition: s.condition } : {}),
  };
}

/** A plan item as the PT left it, keeping the library's dosage and runner's words they did not edit. */
function planItemOf(e: ReportEdits['plan'][number], s: PlanItem | undefined): PlanItem {
  const dosage = e.dosage ?? s?.dosage;
  const progression = e.progression ?? s?.progression;
  return {
    ...e,
    ...(dosage ? { dosage } : {}),
    ...(progression ? { progression } : {}),
    ...(s?.plain ? { plain: s.plain } : {}),
    ...(s?.dosageSource && e.dosage === undefined ? { dosageSource: s.dosageSource } : {}),
  };
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
 * The findings as the PT left them (their words, pins and cues over the suggestions of the same id,
 * pinned first and set-aside last: ./priorities.ts): the report's, and Review's "What to work on
 * first" (./session-findings.ts). `provisional`: the labels of conditions still printed from a
 * steady window (a kept finding's stale window label comes off elsewhere).
 */
export function editedFindings(
  suggested: readonly Finding[],
  links: readonly Pick<FindingLink, 'id' | 'formerId'>[],
  saved: ReportEdits,
  provisional: readonly string[],
): Finding[] {
  return orderFindings(
    withCurrentIds(saved, links).findings.map((f) =>
      findingOf(
        f,
        suggested.find((x) => x.id === f.id),
        provisional,
      ),
    ),
  );
}

/**
 * The report with the PT's words: their findings, plan and notes, and the flags and reasons of the
 * suggested findings they removed taken away. `model` is the report as suggested (or as last
 * edited: applying again is harmless, a removed flag stays removed).
 */
export function applyEdits(
  model: ReportModel,
  links: readonly FindingLink[],
  saved: ReportEdits,
): ReportModel {
  const edits = withCurrentIds(saved, links);
  const kept = new Set(edits.findings.map((f) => f.id));
  const provisional = model.conditions.filter((c) => c.provisional?.length).map((c) => c.label);
  return {
    ...model,
    conditions: model.conditions.map((c) => ({
      ...c,
      spatiotemporal: rowsOf(c, c.spatiotemporal, links, kept),
      variables: rowsOf(c, c.variables, links, kept),
    })),
    findings: editedFindings(model.findings, links, saved, provisional),
    // An exercise marked dropped since the last visit is said as such, never printed as one to do.
    plan: planOf(
      edits.plan
        .filter((p) => p.since !== 'dropped')
        .map((p) =>
          planItemOf(
            p,
            model.plan.find((x) => x.id === p.id),
          ),
        ),
      links,
      kept,
    ),
    planDropped: edits.plan.filter((p) => p.since === 'dropped').map((p) => p.title),
    notes: edits.notes,
    edited: true,
  };
}

/**
 * A session's suggested findings, as the report lists them and as Review's "What to work on first"
 * shows them: one function for both, so the PT reads the same findings in the same order and words
 * in each (before 2026-12-07 Review ranked the open clip's findings with left and right apart, and
 * a finding read "Stiff knee in stance (left) · tentative" there and "on both sides. Left:
 * tentative, …; right: firm, …" in the report). The steps: every clip's findings, a rear clip's
 * without the times the side clip prints, a far-leg value the same camera could not measure in
 * another condition tentative (./far-leg.ts); left and right of one condition merged (./finding-ids.ts
 * `mergeSides`); ranked on the firm side (src-shared/gait/findings-rank.ts, `rankedOn`); worded
 * (./findings.ts `findingOf`). The clips' analyses are those the report prints: skin-marker values
 * in the landmarks' place where markers were tracked (src-shared/review/marker-hybrid.ts `hybridOf`).
 * Pure.
 */
import { rankFindings, type RankContext, type RankedFinding } from '../gait/findings-rank';
import type { GaitAnalysis, GaitFinding } from '../gait/schema';
import type { ReportEdits } from '../contract/report';
import { editedFindings, rowKey } from './edits';
import { doubtedFindings, farLegDoubts, type FarLegDoubt } from './far-leg';
import { formerId, mergeSides, rankedOn, stableIds, type FoundIn } from './finding-ids';
import { findingOf } from './findings';
import type { Finding } from './model';
import { provisionalWhere, type ProvisionalWindow } from './provisional';

export interface FindingsClip {
  readonly view: 'side' | 'rear';
  /** The analysis the report prints (hybrid where markers were tracked). */
  readonly analysis: GaitAnalysis;
  /** Printed from its steady window so far (./provisional.ts): its findings say so. */
  readonly provisional?: ProvisionalWindow;
}

export interface FindingsCondition {
  readonly id: string;
  readonly label: string;
  readonly clips: readonly FindingsClip[];
}

/** The clip whose times a condition prints: its side clip, else its only one. */
export function primaryClip<C extends FindingsClip>(clips: readonly C[]): C | undefined {
  return sideFirst(clips)[0];
}

/** A condition's clips, the side clip first (the order the report prints them in). */
export function sideFirst<C extends { readonly view: 'side' | 'rear' }>(clips: readonly C[]): C[] {
  return [...clips].sort((a, b) => (a.view === b.view ? 0 : a.view === 'side' ? -1 : 1));
}

/**
 * A clip's findings, less the evidence on times (step, contact, flight...) when another clip of the
 * condition is the one whose times the report prints (the side view): the rear camera cannot see a
 * contact as well, and a second, different reading of the same steps would contradict the first.
 */
function timingFromPrimaryOnly(c: FindingsCondition, clip: FindingsClip): GaitFinding[] {
  if (clip === primaryClip(c.clips)) return [...clip.analysis.findings];
  const timing = new Set(clip.analysis.variables.filter((v) => v.view === 'any').map((v) => v.id));
  return clip.analysis.findings.flatMap((f) => {
    const evidence = f.evidence.filter((e) => !timing.has(e.variableId));
    return evidence.length ? [{ ...f, evidence }] : [];
  });
}

/**
 * Every clip's findings in condition order, each with the table rows it flags and, where a far-leg
 * value it rests on was not measurable from the same camera in another condition (`doubts`), why it
 * is tentative. The condition's label prefixes them where the session has more than one.
 */
export function clipFindings(
  conditions: readonly FindingsCondition[],
  doubts: readonly FarLegDoubt[] = farLegDoubts(conditions),
): FoundIn[] {
  const many = conditions.length > 1;
  return conditions.flatMap((c) =>
    c.clips.flatMap((clip) =>
      doubtedFindings(clip.view === 'side' ? doubts : [], c.id, timingFromPrimaryOnly(c, clip)).map(
        ({ f, doubt }) => {
          const where = many ? c.label : undefined;
          return {
            f,
            where: clip.provisional ? provisionalWhere(clip.provisional, where) : where,
            condition: c.id,
            rows: f.evidence.map((e) => rowKey(c.id, clip.view, e.variableId)),
            ...(doubt ? { doubt } : {}),
          };
        },
      ),
    ),
  );
}

export interface SuggestedFindings {
  /** One per rule, side and condition, left and right merged, in the rule table's order. */
  readonly merged: readonly FoundIn[];
  /** `merged` in the report's words, with the ids the PT's edits refer to (same order). */
  readonly findings: readonly Finding[];
  /** Indices into `merged`, most to work on first. */
  readonly order: readonly number[];
  /** The ranking, most to work on first (what each was ranked on: `rankedOn`). */
  readonly ranked: readonly RankedFinding[];
}

/** The clips' findings merged across left and right, ranked and worded (see the file comment). */
export function suggestFindings(found: readonly FoundIn[], ctx: RankContext): SuggestedFindings {
  const merged = mergeSides(found);
  const rankOn = merged.map(rankedOn);
  const ranked = rankFindings(rankOn, ctx);
  const ids = stableIds(merged);
  const findings = merged.map((m, i) =>
    findingOf(
      m,
      ids[i]!,
      ranked.find((r) => r.finding === rankOn[i]),
    ),
  );
  return { merged, findings, order: ranked.map((r) => rankOn.indexOf(r.finding)), ranked };
}

/**
 * The session's findings, most to work on first, as the report lists them: the suggestions, or with
 * the PT's saved words (`edits`: their findings, order, pins and cues, ./edits.ts `editedFindings`,
 * as `applyEdits` gives the report). Review's "What to work on first" shows the first three of these
 * that are not set aside (./priorities.ts `splitFindings`, as the report's first page).
 */
export function sessionFindings(
  conditions: readonly FindingsCondition[],
  ctx: RankContext,
  edits?: ReportEdits,
): Finding[] {
  const s = suggestFindings(clipFindings(conditions), ctx);
  const ranked = s.order.map((i) => s.findings[i]!);
  if (!edits) return ranked;
  const links = s.merged.map((m, i) => ({ id: s.findings[i]!.id, formerId: formerId(m.f, i) }));
  const provisional = conditions.filter((c) => c.clips.some((k) => k.provisional)).map((c) => c.label);
  return editedFindings(ranked, links, edits, provisional);
}

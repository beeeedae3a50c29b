/**
 * The suggested findings of a report as the PT's edits name them: one per rule, side and condition
 * (left and right of one condition merged), with ids that hold across rebuilds.
 */
import type { GaitFinding } from '../gait/schema';

/** A finding of one clip, with the variable rows it flags (see ./edits.ts). */
export interface FoundIn {
  f: GaitFinding;
  where: string | undefined;
  /** The condition's id: with the rule and the side, what names a finding across rebuilds. */
  condition: string;
  rows: string[];
  /** Why it is tentative besides its steps (./far-leg.ts `doubtWords`). */
  doubt?: string;
}

/**
 * Ids the PT's saved edits refer to: the rule, the side and the condition, so a finding keeps its
 * id when an event corrected by hand (or the whole clip replacing its window) makes another finding
 * appear or go. (Until issue 20's fifth round the id ended in the finding's place in the list, and
 * a kept finding could then be matched to another finding's evidence and drills.) A rule firing
 * twice on one side of one condition (two views) numbers the second.
 */
export function stableIds(list: readonly FoundIn[]): string[] {
  const seen = new Map<string, number>();
  return list.map(({ f, condition }) => {
    const base = `${f.id}-${f.side}-${condition}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** The same finding on the left and on the right of one condition reads as one, "on both sides". */
export function mergeSides(list: readonly FoundIn[]): FoundIn[] {
  const out: FoundIn[] = [];
  for (const x of list) {
    const twin = out.find(
      (y) =>
        y.where === x.where &&
        y.f.id === x.f.id &&
        y.f.side !== 'both' &&
        x.f.side !== 'both' &&
        y.f.side !== x.f.side,
    );
    if (!twin) {
      out.push({ ...x });
      continue;
    }
    twin.rows = [...twin.rows, ...x.rows];
    twin.doubt ??= x.doubt;
    twin.f = {
      ...twin.f,
      side: 'both',
      provisional: twin.f.provisional || x.f.provisional,
      evidence: [...twin.f.evidence, ...x.f.evidence],
    };
  }
  return out;
}

/** The id an earlier StrideLab gave the finding at `place` in the merged list (see stableIds). */
export const formerId = (f: GaitFinding, place: number): string => `${f.id}-${f.side}-${place}`;

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
  /**
   * A finding merged across left and right (mergeSides): each side's own finding and doubt, so the
   * report says which side is whole and which tentative (./findings.ts), and ranks on the whole one.
   */
  sides?: readonly { f: GaitFinding; doubt?: string }[];
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

/**
 * The same finding on the left and on the right of one condition reads as one, "on both sides".
 * It is tentative only where both sides are: a whole side is not made tentative by the other, and
 * each side keeps its own finding and doubt (`sides`) for the words (./findings.ts `findingOf`) and
 * the ranking (`rankedOn`).
 */
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
    const sides = [twin, x]
      .map(({ f, doubt }) => ({ f, ...(doubt ? { doubt } : {}) }))
      .sort((a, b) => (a.f.side === 'left' ? -1 : b.f.side === 'left' ? 1 : 0));
    twin.rows = [...twin.rows, ...x.rows];
    delete twin.doubt;
    twin.sides = sides;
    twin.f = {
      ...twin.f,
      side: 'both',
      provisional: sides.every((s) => s.f.provisional),
      evidence: sides.flatMap((s) => s.f.evidence),
    };
  }
  return out;
}

/**
 * What a finding is ranked on (src-shared/gait/findings-rank.ts): itself, or, merged with one side
 * tentative, its whole side's evidence only, so a doubted value never lifts it among the whole ones.
 */
export function rankedOn(m: FoundIn): GaitFinding {
  if (!m.sides || m.f.provisional || m.sides.every((s) => !s.f.provisional)) return m.f;
  return { ...m.f, evidence: m.sides.filter((s) => !s.f.provisional).flatMap((s) => s.f.evidence) };
}

/** The id an earlier StrideLab gave the finding at `place` in the merged list (see stableIds). */
export const formerId = (f: GaitFinding, place: number): string => `${f.id}-${f.side}-${place}`;

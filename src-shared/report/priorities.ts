/**
 * The order the report shows findings in: pinned by the PT first, then the rest, then those the PT
 * demoted, each group in its given order (the ranking's, src-shared/gait/findings-rank.ts, or the
 * PT's once edited). The first FIRST_FINDINGS that are not demoted are "What to work on first":
 * the report's first page, the runner's page and the review show the same three.
 */
import { FIRST_FINDINGS, type ConditionSection, type Finding } from './model';

const GROUP = { pinned: 0, undefined: 1, demoted: 2 } as const;

export function orderFindings<F extends Pick<Finding, 'pin'>>(findings: readonly F[]): F[] {
  return findings
    .map((f, i) => ({ f, i, g: GROUP[`${f.pin}` as keyof typeof GROUP] ?? 1 }))
    .sort((a, b) => a.g - b.g || a.i - b.i)
    .map((x) => x.f);
}

/** What to work on first, and the rest (already ordered findings). */
export function splitFindings<F extends Pick<Finding, 'pin'>>(
  findings: readonly F[],
): { first: F[]; rest: F[] } {
  const first = findings.filter((f) => f.pin !== 'demoted').slice(0, FIRST_FINDINGS);
  return { first, rest: findings.filter((f) => !first.includes(f)) };
}

/** An item of the runner's page: its finding, and the conditions (ids) it was seen in, each once. */
export interface RunnerItem<F> {
  readonly finding: F;
  /** Empty for a finding the PT wrote (it names no condition as data). */
  readonly conditions: readonly string[];
}

/**
 * The runner's page's items: what to work on first (`first`), one item per thing the runner reads,
 * in order. Findings that read the same to the runner (same plain words, or text where there are
 * none, same cue and same exercises: the same rule in two conditions, e.g. overstriding on the flat
 * and on the incline) are one item, said once, with every condition it was seen in: the page says
 * "Seen in: Flat and Incline" (`seenIn`). Walked: the sample clip filed as flat and incline printed
 * the same finding and cue twice on the runner's page; once merged, the page named no condition.
 */
export function runnerItems<F extends Pick<Finding, 'text' | 'plain' | 'cue' | 'drills' | 'condition'>>(
  first: readonly F[],
): RunnerItem<F>[] {
  const key = (f: F): string => JSON.stringify([f.plain ?? f.text, f.cue?.text ?? null, f.drills ?? []]);
  const items = new Map<string, { finding: F; conditions: string[] }>();
  for (const f of first) {
    const k = key(f);
    const item = items.get(k) ?? { finding: f, conditions: [] };
    items.set(k, item);
    if (f.condition !== undefined && !item.conditions.includes(f.condition))
      item.conditions.push(f.condition);
  }
  return [...items.values()];
}

/**
 * The labels of the conditions `ids` in the report's order, as words: "Flat", "Flat and Incline",
 * "Flat, Incline and Fast"; undefined where none is known.
 */
export function seenIn(
  ids: readonly string[],
  conditions: readonly Pick<ConditionSection, 'id' | 'label'>[],
): string | undefined {
  const labels = conditions.filter((c) => ids.includes(c.id)).map((c) => c.label);
  if (labels.length === 0) return undefined;
  return labels.length === 1
    ? labels[0]
    : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

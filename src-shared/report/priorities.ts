/**
 * The order the report shows findings in: pinned by the PT first, then the rest, then those the PT
 * demoted, each group in its given order (the ranking's, src-shared/gait/findings-rank.ts, or the
 * PT's once edited). The first FIRST_FINDINGS that are not demoted are "What to work on first":
 * the report's first page, the runner's page and the review show the same three.
 */
import { FIRST_FINDINGS, type Finding } from './model';

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

/**
 * The runner's page's items: what to work on first (`first`), one item per thing the runner reads,
 * in order. Findings that read the same to the runner (same plain words, or text where there are
 * none, same cue and same exercises: the same rule in two conditions, e.g. overstriding on the flat
 * and on the incline) are one item, said once; the page names no conditions. Walked: the sample
 * clip filed as flat and incline printed the same finding and cue twice on the runner's page.
 */
export function runnerItems<F extends Pick<Finding, 'text' | 'plain' | 'cue' | 'drills'>>(
  first: readonly F[],
): F[] {
  const key = (f: F): string => JSON.stringify([f.plain ?? f.text, f.cue?.text ?? null, f.drills ?? []]);
  const keys = first.map(key);
  return first.filter((_, i) => keys.indexOf(keys[i]!) === i);
}

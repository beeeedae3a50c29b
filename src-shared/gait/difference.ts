/**
 * What a left − right difference says, in the words the Review summary and the report print next
 * to its 95% interval (docs/uncertainty.md §4 and §8). The interval is the summary's (summary.ts:
 * the random parts, and the feet's timing biases with their sign, so step time's L − R carries
 * twice the difference of the feet's biases); the limit is the asymmetry rule's (findings.ts:
 * the larger of the SDD and a share of the mean), and the asymmetry finding fires on exactly the
 * last case below, so the words and the findings never disagree:
 *  - the interval holds 0: "within what the measurement resolves";
 *  - it excludes 0 but holds the limit: within what the measurement resolves of the limit;
 *  - it excludes 0 and there is no limit: a difference the measurement resolves;
 *  - it is wholly beyond the limit: beyond the limit, interval included.
 */
import { asymmetryLimit, beyondDifference } from './findings';
import type { GaitVariable } from './schema';
import { DEFAULT_FINDING_RULES } from './tables/findings';

export type DifferenceVerdict = 'unresolved' | 'within-limit' | 'resolved' | 'beyond-limit';

export interface DifferenceReading {
  readonly verdict: DifferenceVerdict;
  /** The asymmetry limit, in the variable's unit; null where none applies. */
  readonly limit: number | null;
  readonly words: string;
  /** The same in two or three words, for a narrow column (Review's summary); `words` is the title. */
  readonly tag: string;
}

export const WITHIN_RESOLUTION = 'within what the measurement resolves';
/** The short tags of a narrow column for an interval that holds 0, and for one that excludes it with
 *  no limit to compare: Review's summary and the report's flat-vs-incline change print these, the
 *  full words beside them in a title or a note. */
export const WITHIN_NOISE_TAG = 'within noise';
export const RESOLVED_TAG = 'resolved';

/** The share of the mean the default asymmetry rule asks for (tables/findings.ts). */
function defaultMinDifferencePct(): number {
  for (const r of DEFAULT_FINDING_RULES)
    if (r.condition.kind === 'asymmetry') return r.condition.minDifferencePct;
  return 10;
}

/**
 * The reading of `v`'s L − R; null when a side is not measurable or the difference has no
 * interval. `format` prints a value in the variable's unit (e.g. seconds as "36 ms").
 */
export function readDifference(
  v: GaitVariable,
  format: (x: number) => string,
  minDifferencePct: number = defaultMinDifferencePct(),
): DifferenceReading | null {
  const u = v.symmetry?.uncertainty;
  if (!u || v.left.notMeasurable || v.right.notMeasurable) return null;
  const [lo, hi] = u.interval;
  const limit = asymmetryLimit(v, minDifferencePct);
  if (lo <= 0 && hi >= 0)
    return { verdict: 'unresolved', limit, words: WITHIN_RESOLUTION, tag: WITHIN_NOISE_TAG };
  if (limit === null)
    return { verdict: 'resolved', limit, words: 'a difference the measurement resolves', tag: RESOLVED_TAG };
  if (beyondDifference(v, limit))
    return {
      verdict: 'beyond-limit',
      limit,
      words: `beyond ±${format(limit)}, interval included`,
      tag: `beyond ±${format(limit)}`,
    };
  return {
    verdict: 'within-limit',
    limit,
    words: `${WITHIN_RESOLUTION} of ±${format(limit)}`,
    tag: `under ±${format(limit)}`,
  };
}

/**
 * The change between two conditions of one session (flat → incline) on a report row, with its 95%
 * interval and what that interval says (docs/report.md, "Flat vs incline").
 *
 * Each condition's value is the mean over the sides measured in both: a side missing in one
 * condition is left out of both, so the change never sets one leg against two. That mean's margins
 * below and above are its sides' 95% half-widths combined in quadrature and halved (the mean of
 * independent means [GUM 5.1]); the change's margins combine the two conditions' the same way. The
 * two clips share camera, runner and day, so some of their errors cancel in truth: taking them as
 * independent makes the interval wider, erring towards "within what the measurement resolves". No
 * smallest detectable difference applies: it holds day-to-day variation, which a change within one
 * session does not carry.
 */
import { RESOLVED_TAG, WITHIN_NOISE_TAG, WITHIN_RESOLUTION } from '../gait/difference';
import type { ComparisonRow, Stat } from './model';

export interface ConditionChange {
  /** Second condition − first, on the mean of the sides both measured. */
  readonly difference: number;
  /** Its 95% interval; absent where a side's value has none (one step). */
  readonly interval?: readonly [number, number];
  /** What the interval says, in the words the report uses for L − R. */
  readonly note?: string;
  /** The same as Review's short tag ("within noise", "resolved"): the report's Change column is
   *  narrow, and the full words wrapped there to four lines; they go in the note under the table. */
  readonly tag?: string;
}

/** What a change's interval says, in full (`note`) and as the narrow column's tag. */
export const CHANGE_WORDS = {
  resolved: { note: 'a change the measurement resolves', tag: RESOLVED_TAG },
  unresolved: { note: WITHIN_RESOLUTION, tag: WITHIN_NOISE_TAG },
} as const;

type Value = ComparisonRow['values'][string];

interface Mean {
  readonly mean: number;
  /** Margins below and above the mean (95%), or null where a value has no interval. */
  readonly below: number | null;
  readonly above: number | null;
}

function meanOf(stats: readonly Stat[]): Mean {
  const mean = stats.reduce((a, s) => a + s.mean, 0) / stats.length;
  const ivs = stats.map((s) => s.interval);
  if (ivs.some((iv) => !iv)) return { mean, below: null, above: null };
  const k = 1 / stats.length;
  return {
    mean,
    below: k * Math.hypot(...stats.map((s) => s.mean - s.interval![0])),
    above: k * Math.hypot(...stats.map((s) => s.interval![1] - s.mean)),
  };
}

/** The change b − a of one row, or undefined where the two conditions share no measured value. */
export function conditionChange(a: Value | undefined, b: Value | undefined): ConditionChange | undefined {
  if (!a || !b) return undefined;
  let pair: [Stat[], Stat[]];
  if (a.all && b.all) pair = [[a.all], [b.all]];
  else {
    const sides = (['left', 'right'] as const).filter((s) => a[s] && b[s]);
    if (!sides.length) return undefined;
    pair = [sides.map((s) => a[s]!), sides.map((s) => b[s]!)];
  }
  const [x, y] = pair.map(meanOf) as [Mean, Mean];
  const difference = y.mean - x.mean;
  if (x.below === null || x.above === null || y.below === null || y.above === null) return { difference };
  // b − a is lowest where b is low and a is high.
  const interval = [
    difference - Math.hypot(y.below, x.above),
    difference + Math.hypot(y.above, x.below),
  ] as const;
  const resolved = interval[0] > 0 || interval[1] < 0;
  return { difference, interval, ...CHANGE_WORDS[resolved ? 'resolved' : 'unresolved'] };
}

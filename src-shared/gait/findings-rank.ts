/**
 * Which findings to work on first. A finding's effect size is how far its evidence lies from the
 * rule's threshold in units of what the measurement can resolve: the larger of the half-width of
 * the 95% interval (docs/uncertainty.md) and the variable's smallest detectable difference (SDD)
 * [Dingenen 2018]. For a left/right difference the distance is from symmetry (0) and the unit is
 * the larger of the half-width and the rule's limit (itself at least the SDD). A finding fires only
 * when the whole interval is beyond the threshold by more than the SDD (findings.ts), so every
 * finding that fires has an effect size above 1 (one without a published SDD may fall below it:
 * STAND_IN_SDD_DEG); a finding of several rows takes its largest.
 *
 * The effect size is weighted by relevance to the runner: the rule's weight for the complaint
 * (tables/focus.ts, StrideLab defaults with the source that links rule and complaint) and, for a
 * finding on the painful side, INJURY_SIDE_WEIGHT. Ties keep the rule table's order.
 *
 * A tentative finding (`provisional`: fewer than MIN_STEPS clean steps behind it, or in the
 * report a far-leg value the same camera could not measure in another condition,
 * src-shared/report/far-leg.ts; a finding merged across left and right is tentative only where both
 * sides are, and is ranked on its whole side: src-shared/report/finding-ids.ts `rankedOn`) ranks
 * after every whole one, whatever its priority: below ~6.3 steps the mean is not yet stable [Dingenen 2018], and its
 * interval need not show it (the effect's unit is floored by the SDD, which does not widen with
 * fewer steps), so a 5-step finding could lead on a mean that the next steps move. Within each tier
 * the priority orders (docs/report.md, "Priorities"). The app suggests; the PT reorders, pins or
 * demotes in the report (src-shared/report/edits.ts).
 */
import type { GaitFinding } from './schema';
import { focusOf, INJURY_SIDE_WEIGHT, type ComplaintFocus } from './tables/focus';
import { VARIABLES } from './tables/variables';

/**
 * An angle without a published SDD is measured in the median of the published 2D angle SDDs
 * [Dingenen 2018; Damsted 2015] (StrideLab default): its own 95% interval, often a fraction of a
 * degree on a steady runner, says how precisely the mean is known, not what the method can tell
 * apart from one session to the next, and would rank it above every angle that has an SDD.
 */
export const STAND_IN_SDD_DEG = ((): number => {
  const s = VARIABLES.filter((v) => v.unit === 'deg' && v.sdd)
    .map((v) => v.sdd!.value)
    .sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
})();

/**
 * A length without a published SDD (the wrist from the midline, issue 19) is measured, for the same
 * reason, in 3% of a leg length: a steady runner's step-to-step spread of a hand or foot position
 * (the `stepSd` of tables/variables.ts), about 2.6 cm on a 178 cm runner (StrideLab default).
 */
export const STAND_IN_LENGTH = { pctLeg: 3, cm: 2.6 } as const;

type Evidence = GaitFinding['evidence'][number];

export interface RankContext {
  /** The session's complaint, free text ("right proximal hamstring pain"). */
  readonly complaint?: string;
  readonly injurySide?: 'left' | 'right' | 'both' | 'none';
}

export interface RankedFinding<F extends GaitFinding = GaitFinding> {
  readonly finding: F;
  /** Effect size: distance beyond the threshold over max(95% half-width, SDD); > 1 when fired. */
  readonly effect: number;
  /** Product of the complaint and injury-side weights (1 when neither applies). */
  readonly weight: number;
  /** effect × weight: the ranking key. */
  readonly priority: number;
  /** The complaint entry that weighted it, if any. */
  readonly focus?: ComplaintFocus;
  readonly painfulSide: boolean;
}

/** Effect size of one row of evidence (see the file comment); 0 without an interval. */
export function evidenceEffect(e: Evidence): number {
  if (!e.interval) return 0;
  const half = Math.abs(e.interval[1] - e.interval[0]) / 2;
  if (e.side === 'both') {
    const unit = Math.max(half, e.threshold);
    return unit > 0 ? Math.abs(e.value) / unit : 0;
  }
  const standIn =
    e.unit === 'deg'
      ? STAND_IN_SDD_DEG
      : e.unit === 'cm'
        ? STAND_IN_LENGTH.cm
        : e.unit === '%leg'
          ? STAND_IN_LENGTH.pctLeg
          : 0;
  const unit = Math.max(half, e.sdd ?? standIn);
  const distance = e.op === '>' ? e.value - e.threshold : e.threshold - e.value;
  return unit > 0 ? Math.max(0, distance) / unit : 0;
}

export function findingEffect(f: GaitFinding): number {
  return f.evidence.reduce((m, e) => Math.max(m, evidenceEffect(e)), 0);
}

/** The findings, most to work on first: whole before tentative, each by priority; a stable sort,
 *  so equal priorities keep their order. */
export function rankFindings<F extends GaitFinding>(
  findings: readonly F[],
  ctx: RankContext = {},
): RankedFinding<F>[] {
  const focus = focusOf(ctx.complaint);
  const side = ctx.injurySide === 'left' || ctx.injurySide === 'right' ? ctx.injurySide : undefined;
  return findings
    .map((finding) => {
      const effect = findingEffect(finding);
      const painfulSide = side !== undefined && finding.evidence.some((e) => e.side === side);
      const weight = (focus?.weights[finding.id] ?? 1) * (painfulSide ? INJURY_SIDE_WEIGHT : 1);
      const relevant = focus && (focus.weights[finding.id] ?? 1) !== 1;
      return {
        finding,
        effect,
        weight,
        priority: effect * weight,
        ...(relevant ? { focus } : {}),
        painfulSide,
      };
    })
    .sort((a, b) => Number(a.finding.provisional) - Number(b.finding.provisional) || b.priority - a.priority);
}

/**
 * Findings stage: applies the finding rules (tables/findings.ts) to the per-side summaries. A
 * finding fires only where the effect is real, i.e. larger than what the measurement can resolve
 * (docs/uncertainty.md):
 *  - against a threshold (side-mean rules): the side's mean is beyond the threshold by more than
 *    the variable's smallest detectable difference (SDD, where published [Dingenen 2018; Damsted
 *    2015]) AND the 95% interval of the mean (summary.ts, interval.ts) lies wholly beyond it;
 *  - between left and right (asymmetry): the 95% interval of L − R lies wholly beyond the limit,
 *    which is the larger of the SDD and minDifferencePct of the mean; a variable with neither is
 *    not compared.
 * Sides the camera cannot measure (summary.ts `notMeasurable`) and means without an interval (fewer
 * than two clean steps) never carry a finding. Each finding names its evidence (variable, side,
 * mean ± SD over n steps, its interval, the threshold, the SDD) and links to exercises of the
 * library (tables/exercises.ts) by id. The app suggests; the PT decides.
 */
import { MIN_STEPS, type GaitFinding, type GaitVariable } from './schema';
import type { Exercise } from './tables/exercises';
import type { FindingRule } from './tables/findings';

type Evidence = GaitFinding['evidence'][number];
type SideSummary = GaitVariable['left'];

/** Whether a side's mean is beyond `threshold` in direction `op`, by more than its SDD and its
 *  95% interval. Exported for the report's row flags and the tests. */
export function beyondThreshold(
  s: SideSummary,
  op: '>' | '<',
  threshold: number,
  sdd: number | null,
): boolean {
  if (s.mean === null || !s.uncertainty || s.notMeasurable) return false;
  const [lo, hi] = s.uncertainty.interval;
  const margin = op === '>' ? s.mean - threshold : threshold - s.mean;
  const clear = op === '>' ? lo > threshold : hi < threshold;
  return clear && margin > (sdd ?? 0);
}

/** The limit a left/right difference must clear, in the variable's unit; null when none applies. */
export function asymmetryLimit(v: GaitVariable, minDifferencePct: number): number | null {
  if (!v.symmetry || v.left.mean === null || v.right.mean === null) return null;
  const mid = Math.abs((v.left.mean + v.right.mean) / 2);
  const pctLimit = v.symmetry.indexPct === null ? null : (minDifferencePct / 100) * mid;
  const limits = [v.sdd?.value, pctLimit ?? undefined].filter((x): x is number => x !== undefined);
  return limits.length ? Math.max(...limits) : null;
}

/** Whether |L − R| clears `limit` with its whole 95% interval, both sides measurable. */
export function beyondDifference(v: GaitVariable, limit: number): boolean {
  const u = v.symmetry?.uncertainty;
  if (!u || v.left.notMeasurable || v.right.notMeasurable) return false;
  const [lo, hi] = u.interval;
  return lo > limit || hi < -limit;
}

export function applyFindings(
  rules: readonly FindingRule[],
  variables: readonly GaitVariable[],
  exercises: readonly Exercise[],
): GaitFinding[] {
  const out: GaitFinding[] = [];
  const forRunner = (rule: FindingRule): Pick<GaitFinding, 'plain' | 'cue'> => ({
    plain: rule.plain,
    cue: { text: rule.cue.text, source: rule.cue.source },
  });
  const linked = (rule: FindingRule): GaitFinding['exercises'] =>
    rule.exercises.flatMap((id) => {
      const e = exercises.find((x) => x.id === id);
      return e ? [{ id: e.id, name: e.name }] : [];
    });
  for (const rule of rules) {
    const c = rule.condition;
    if (c.kind === 'side-mean') {
      const v = variables.find((x) => x.id === c.variable);
      if (!v) continue;
      for (const s of [v.left, v.right]) {
        if (!beyondThreshold(s, c.op, c.value, v.sdd?.value ?? null)) continue;
        out.push({
          id: rule.id,
          title: rule.title,
          side: s.side,
          provisional: s.n < MIN_STEPS,
          evidence: [
            {
              variableId: v.id,
              label: v.label,
              side: s.side,
              value: s.mean as number,
              sd: s.sd,
              n: s.n,
              unit: v.unit,
              op: c.op,
              threshold: c.value,
              interval: s.uncertainty ? [...s.uncertainty.interval] : null,
              sdd: v.sdd?.value ?? null,
            },
          ],
          basis: { text: rule.basis.text, source: rule.basis.source },
          exercises: linked(rule),
          ...forRunner(rule),
        });
      }
    } else {
      const evidence: Evidence[] = [];
      let provisional = false;
      for (const v of variables) {
        if (!v.symmetry || v.left.n < 3 || v.right.n < 3) continue;
        const threshold = asymmetryLimit(v, c.minDifferencePct);
        if (threshold === null || !beyondDifference(v, threshold)) continue;
        provisional ||= v.left.n < MIN_STEPS || v.right.n < MIN_STEPS;
        evidence.push({
          variableId: v.id,
          label: v.label,
          side: 'both',
          value: v.symmetry.difference,
          sd: null,
          n: Math.min(v.left.n, v.right.n),
          unit: v.unit,
          op: '>',
          threshold,
          interval: v.symmetry.uncertainty ? [...v.symmetry.uncertainty.interval] : null,
          sdd: v.sdd?.value ?? null,
        });
      }
      if (evidence.length)
        out.push({
          id: rule.id,
          title: rule.title,
          side: 'both',
          provisional,
          evidence,
          basis: { text: rule.basis.text, source: rule.basis.source },
          exercises: linked(rule),
          ...forRunner(rule),
        });
    }
  }
  return out;
}

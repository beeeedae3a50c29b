/**
 * Findings stage: applies the finding rules (tables/findings.ts) to the per-side summaries. Each
 * finding names its evidence (variable, side, mean ± SD over n steps, the threshold) and links to
 * exercises of the library (tables/exercises.ts) by id. The app suggests; the PT decides.
 */
import { MIN_STEPS, type GaitFinding, type GaitVariable } from './schema';
import type { Exercise } from './tables/exercises';
import type { FindingRule } from './tables/findings';

type Evidence = GaitFinding['evidence'][number];

export function applyFindings(
  rules: readonly FindingRule[],
  variables: readonly GaitVariable[],
  exercises: readonly Exercise[],
): GaitFinding[] {
  const out: GaitFinding[] = [];
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
        if (s.mean === null || s.n === 0) continue;
        const fires = c.op === '>' ? s.mean > c.value : s.mean < c.value;
        if (!fires) continue;
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
              value: s.mean,
              sd: s.sd,
              n: s.n,
              unit: v.unit,
              op: c.op,
              threshold: c.value,
            },
          ],
          basis: { text: rule.basis.text, source: rule.basis.source },
          exercises: linked(rule),
        });
      }
    } else {
      const evidence: Evidence[] = [];
      let provisional = false;
      for (const v of variables) {
        if (!v.symmetry || v.left.n < 3 || v.right.n < 3) continue;
        const diff = Math.abs(v.symmetry.difference);
        const mid = Math.abs(((v.left.mean as number) + (v.right.mean as number)) / 2);
        const pctLimit = v.symmetry.indexPct === null ? null : (c.minDifferencePct / 100) * mid;
        // The difference must exceed the smallest detectable difference (where one is published)
        // and, where a ratio makes sense, minDifferencePct of the mean; both in the variable's unit.
        const limits = [v.sdd?.value, pctLimit ?? undefined].filter((x): x is number => x !== undefined);
        if (limits.length === 0) continue;
        const threshold = Math.max(...limits);
        if (!(diff > threshold)) continue;
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
        });
    }
  }
  return out;
}

/**
 * Summary stage: per variable and side, mean, SD (n − 1), n, min and max over the clean steps, and
 * the left/right symmetry: the difference L − R and, for magnitudes with a natural zero, the
 * symmetry index 100·(L − R)/mean(L, R) [clinical-variables.md]. A summary needs MIN_STEPS (7) clean
 * steps per side to count as stable [Dingenen 2018: ~6.3 steps for a stable mean]; with fewer it is
 * still computed and `enoughSteps` says so.
 */
import { MIN_STEPS, type GaitVariable, type LengthUnit } from './schema';
import type { Step } from './steps';
import type { VariableDefinition } from './tables/variables';
import type { Side } from './types';

type SideSummary = GaitVariable['left'];

export function describe(values: readonly number[]): {
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
} {
  const n = values.length;
  if (n === 0) return { mean: null, sd: null, min: null, max: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
  return { mean, sd, min: Math.min(...values), max: Math.max(...values) };
}

function sideSummary(def: VariableDefinition, steps: readonly Step[], side: Side): SideSummary {
  const mine = steps.filter((s) => s.side === side);
  const values = mine
    .map((s) => ({ s, v: s.values[def.id] }))
    .filter((x): x is { s: Step; v: number } => typeof x.v === 'number' && Number.isFinite(x.v))
    .map(({ s, v }) => {
      // The frame where the value is read, so the UI can jump to it.
      const e =
        (def.event === 'toe-off'
          ? s.to
          : def.event === 'midstance'
            ? s.ms
            : def.event === 'late-swing'
              ? s.ls
              : s.ic) ?? s.ic;
      return { step: s.index, frame: e.at, t: e.t, value: v, clean: s.clean };
    });
  const clean = values.filter((x) => x.clean).map((x) => x.value);
  const d = describe(clean);
  return { side, ...d, n: clean.length, enoughSteps: clean.length >= MIN_STEPS, values };
}

export function summarise(
  defs: readonly VariableDefinition[],
  steps: readonly Step[],
  frameOf: (at: number) => number,
  lengthUnit: LengthUnit,
): GaitVariable[] {
  return defs.map((def) => {
    const left = sideSummary(def, steps, 'left');
    const right = sideSummary(def, steps, 'right');
    for (const s of [left, right]) s.values = s.values.map((v) => ({ ...v, frame: frameOf(v.frame) }));
    let symmetry: GaitVariable['symmetry'] = null;
    if (left.mean !== null && right.mean !== null) {
      const difference = left.mean - right.mean;
      const mid = (left.mean + right.mean) / 2;
      symmetry = { difference, indexPct: def.symmetryIndex && mid !== 0 ? (100 * difference) / mid : null };
    }
    return {
      id: def.id,
      label: def.label,
      view: def.view,
      event: def.event,
      unit: def.unit === 'length' ? lengthUnit : def.unit,
      definition: def.definition,
      reference: def.reference ? { text: def.reference.text, source: def.reference.source } : null,
      sdd: def.sdd ? { value: def.sdd.value, source: def.sdd.source } : null,
      left,
      right,
      symmetry,
    };
  });
}

/**
 * Cadence, steps/min: two steps per stride, from the stride times (one foot's initial contact to
 * its next), pooled over both feet. Stride times do not depend on finding the other foot's
 * contacts, whose errors would otherwise enter twice; strides more than 25% from the median (a
 * missed contact) are left out, and each stride is weighted by the lower confidence of its two
 * contacts (in a side view the far foot is often half hidden). `n` is the number of strides.
 */
export function cadence(steps: readonly Step[]): { value: number | null; n: number } {
  const strides = steps.flatMap((s) =>
    s.nextIc ? [{ d: s.nextIc.t - s.ic.t, w: Math.min(s.ic.confidence, s.nextIc.confidence) }] : [],
  );
  if (strides.length === 0) return { value: null, n: 0 };
  const sorted = strides.map((x) => x.d).sort((a, b) => a - b);
  const med = sorted[sorted.length >> 1] as number;
  const ok = strides.filter((g) => Math.abs(g.d - med) <= 0.25 * med && g.w > 0);
  const wsum = ok.reduce((a, b) => a + b.w, 0);
  if (ok.length === 0 || !(wsum > 0)) return { value: null, n: 0 };
  const mean = ok.reduce((a, b) => a + b.w * b.d, 0) / wsum;
  return { value: 120 / mean, n: ok.length };
}

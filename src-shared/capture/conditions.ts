/**
 * The conditions the PT picks from, taken from the session form (treadmill inclines and speeds):
 * 0 % is "flat", anything else "incline N %". The PT can still type any label.
 */
import type { Condition } from '../contract/recordings';

export interface SessionSettings {
  readonly treadmillInclinesPct: readonly number[];
  readonly treadmillSpeedsKmh: readonly number[];
  readonly shoes?: string;
}

export function conditionChoices(s: SessionSettings): Condition[] {
  const inclines = s.treadmillInclinesPct.length ? s.treadmillInclinesPct : [0];
  return inclines.map((pct) => ({
    label: pct === 0 ? 'flat' : `incline ${pct} %`,
    inclinePct: pct,
    ...(s.treadmillSpeedsKmh.length === 1 ? { speedKmh: s.treadmillSpeedsKmh[0] } : {}),
    ...(s.shoes ? { shoes: s.shoes } : {}),
  }));
}

/** The condition for a typed label: a known choice keeps its settings, a new label stands alone. */
export function conditionFor(label: string, choices: readonly Condition[], speedKmh?: number): Condition {
  const known = choices.find((c) => c.label === label.trim());
  const base: Condition = known ?? { label: label.trim() };
  return speedKmh !== undefined ? { ...base, speedKmh } : base;
}

/**
 * The conditions the PT picks from: first those planned on the session page (with the settings
 * typed for them, docs/library-layout.md "Conditions"), then the session form's treadmill inclines
 * and speeds, where 0 % is "flat" and anything else "incline N %", each with the one speed or the
 * speed typed beside its incline. A planned label the form also
 * gives keeps the form's values it does not set itself. The PT can still type any label.
 */
import type { Condition } from '../contract/recordings';
import { conditionSettings, type PlannedCondition } from '../library/conditions';

export interface SessionSettings {
  readonly treadmillInclinesPct: readonly number[];
  readonly treadmillSpeedsKmh: readonly number[];
  readonly shoes?: string;
}

function speedOf(inclinePct: number, s: SessionSettings): { speedKmh?: number } {
  const { speedKmh } = conditionSettings({ label: '', inclinePct }, s);
  return speedKmh !== undefined ? { speedKmh } : {};
}

export function conditionChoices(s: SessionSettings, planned: readonly PlannedCondition[] = []): Condition[] {
  const inclines = s.treadmillInclinesPct.length ? s.treadmillInclinesPct : [0];
  const fromForm: Condition[] = inclines.map((pct) => ({
    label: pct === 0 ? 'flat' : `incline ${pct} %`,
    inclinePct: pct,
    // The one speed, or the one typed beside this incline (src-shared/library/conditions.ts, rule 4).
    ...speedOf(pct, s),
    ...(s.shoes ? { shoes: s.shoes } : {}),
  }));
  const isPlanned = (c: Condition): boolean => planned.some((p) => p.label === c.label);
  return [
    ...planned.map((p) => ({ ...fromForm.find((c) => c.label === p.label), ...p })),
    ...fromForm.filter((c) => !isPlanned(c)),
  ];
}

/** The condition for a typed label: a known choice keeps its settings, a new label stands alone. */
export function conditionFor(label: string, choices: readonly Condition[], speedKmh?: number): Condition {
  const known = choices.find((c) => c.label === label.trim());
  const base: Condition = known ?? { label: label.trim() };
  return speedKmh !== undefined ? { ...base, speedKmh } : base;
}

/**
 * Foot-flat baseline (side view). The pose model's heel point sits on the back of the heel, above
 * the sole, while its toe point (foot index) sits near the sole: on a flat foot the heel→toe line
 * already points down by several degrees. Foot inclination and ankle dorsiflexion are therefore
 * measured relative to the same foot's angle at midstance, when the foot is flat on the belt, just
 * as Altman & Davis 2012 subtract a standing trial from the foot-strike angle.
 */
import type { AngleSet } from './angles';
import type { GaitEvent, Side } from './types';

export type FootBaseline = Record<Side, number | null>;

export function footFlatBaseline(angles: AngleSet, events: readonly GaitEvent[]): FootBaseline {
  const foot = angles['foot-inclination'];
  const out: FootBaseline = { left: null, right: null };
  if (!foot) return out;
  for (const side of ['left', 'right'] as const) {
    const values = events
      .filter((e) => e.kind === 'midstance' && e.side === side)
      .map((e) => foot[side][e.at] as number)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    if (values.length >= 3) out[side] = values[values.length >> 1] as number;
  }
  return out;
}

/** Subtracts the baseline from the foot-segment angles, in place. */
export function applyFootBaseline(angles: AngleSet, baseline: FootBaseline): void {
  for (const id of ['foot-inclination', 'ankle-dorsiflexion'] as const) {
    const a = angles[id];
    if (!a) continue;
    for (const side of ['left', 'right'] as const) {
      const b = baseline[side];
      if (b === null) continue;
      const arr = a[side];
      for (let i = 0; i < arr.length; i++) arr[i] = (arr[i] as number) - b;
    }
  }
}

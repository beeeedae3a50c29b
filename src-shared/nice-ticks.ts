/**
 * Axis ticks a reader can take a value off: a step of 1, 2 or 5 times a power of ten (the "nice
 * numbers" of Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990), the smallest such step
 * that puts at most `maxTicks` ticks over the data, and the axis widened to the ticks either side of
 * the data so the curve never runs off the labelled range. One owner for the report's printed curves
 * and Review's live charts.
 */
export interface Ticks {
  /** Axis range: the first and last tick. */
  readonly lo: number;
  readonly hi: number;
  readonly step: number;
  /** lo, lo + step, …, hi, rounded to the step's decimals (no 0.30000000000000004). */
  readonly values: readonly number[];
}

export interface TickOptions {
  /**
   * The narrowest range shown, centred on the data: a flat or single-valued series (a knee held
   * still, one frame) still gets a scale, and a 1° wobble is not blown up to fill the chart.
   */
  readonly minSpan?: number;
  /** At most this many ticks (default 6); the step is the smallest 1-2-5 step that fits. */
  readonly maxTicks?: number;
}

const MANTISSAS = [1, 2, 5] as const;

/** The ticks over [min, max]; undefined when either end is not a finite number (no data). */
export function niceTicks(min: number, max: number, options: TickOptions = {}): Ticks | undefined {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return undefined;
  const maxTicks = Math.max(2, options.maxTicks ?? 6);
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  // Widen around the middle: to minSpan, and off zero width even without one (a constant series).
  const span = Math.max(hi - lo, options.minSpan ?? 0) || Math.max(Math.abs(lo), 1);
  if (hi - lo < span) {
    const mid = (lo + hi) / 2;
    lo = mid - span / 2;
    hi = mid + span / 2;
  }
  // Start a decade below span / maxTicks so the first candidates are too fine, and walk up.
  let power = Math.floor(Math.log10(span / maxTicks)) - 1;
  for (;;) {
    for (const m of MANTISSAS) {
      const step = m * 10 ** power;
      const first = Math.floor(lo / step + 1e-9);
      const last = Math.ceil(hi / step - 1e-9);
      if (last - first + 1 <= maxTicks) return ticksOf(first, last, step, power);
    }
    power++;
  }
}

function ticksOf(first: number, last: number, step: number, power: number): Ticks {
  const decimals = Math.max(0, -power);
  const at = (k: number) => Number((k * step).toFixed(decimals)) + 0; // + 0: no "-0" label
  const values = Array.from({ length: last - first + 1 }, (_, i) => at(first + i));
  return { lo: at(first), hi: at(last), step: Number(step.toFixed(decimals)), values };
}

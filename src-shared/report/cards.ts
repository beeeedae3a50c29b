/**
 * What a spatiotemporal card on page one shows (the large numbers a PT quotes: step time, contact
 * time, cadence…), chosen here in pure code so the report page only draws it.
 *
 * A per-side variable measured on both sides is headlined by both sides together, never by one of
 * them: the card used to take the left side's mean and SD as "the" step time (e.g. 341 ms where
 * the runner's left and right steps differ by tens of ms). The headline is the mean over all steps
 * of both sides with the SD over those steps (the pooled SD, which keeps the difference between the
 * sides in the spread, as a PT timing every step by hand would see it), and each side follows with
 * its own mean ± SD, n and the 95% interval of its mean (docs/uncertainty.md §2), as the variables
 * table prints them. The interval of a side's mean is not pooled into one for the headline: its
 * systematic part (event timing, occlusion) differs by side and does not average out.
 */
import type { Stat, VariableRow } from './model';
import { fmt, fmtInterval, fmtSpread, fmtStat } from './format';

export interface CardSide {
  readonly side: 'left' | 'right';
  /** "338 ± 22 ms, n=11" */
  readonly text: string;
  /** "95% CI 290 to 386 ms", absent without an interval. */
  readonly interval?: string;
}

export interface CardFigure {
  /** The large number, "357" ('—' when nothing is measurable). */
  readonly value: string;
  /** Under it: "± 31 · n=22", with "both sides", "left only"… where it matters. */
  readonly spread: string;
  /** 95% interval of the headline mean, where it is one side's or the variable has no side. */
  readonly interval?: string;
  /** Each measured side with its spread and interval, when both sides are measured. */
  readonly sides: readonly CardSide[];
  /** Nothing to print as a number: the card says "not measurable from this view". */
  readonly notMeasurable: boolean;
}

/** Both sides' steps as one set: n-weighted mean, SD over all steps (Cochran's pooled sample SD of
 *  the union of two samples, from their means, SDs and counts). */
export function poolSides(l: Stat, r: Stat): Stat {
  const n = l.n + r.n;
  const mean = (l.n * l.mean + r.n * r.mean) / n;
  const ss =
    (l.n - 1) * l.sd ** 2 + (r.n - 1) * r.sd ** 2 + l.n * (l.mean - mean) ** 2 + r.n * (r.mean - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(Math.max(0, ss) / (n - 1)) : 0, n };
}

function sideText(s: Stat, row: VariableRow): string {
  const unit = row.unit ? ` ${row.unit}` : '';
  return `${fmtStat(s, row.decimals)}${unit}, n=${s.n}`;
}

function intervalText(s: Stat, row: VariableRow): string | undefined {
  return s.interval
    ? `95% CI ${fmtInterval(s.interval, row.decimals)}${row.unit ? ` ${row.unit}` : ''}`
    : undefined;
}

export function cardFigure(row: VariableRow): CardFigure {
  const { left, right, all } = row;
  if (left && right && left.n > 0 && right.n > 0) {
    const both = poolSides(left, right);
    const sides = (['left', 'right'] as const).map((side) => {
      const s = side === 'left' ? left : right;
      const iv = intervalText(s, row);
      return { side, text: sideText(s, row), ...(iv ? { interval: iv } : {}) };
    });
    return {
      value: fmt(both.mean, row.decimals),
      spread: `${fmtSpread(both, row.decimals)} · both sides`,
      sides,
      notMeasurable: false,
    };
  }
  const stat = all ?? left ?? right;
  if (!stat) return { value: '—', spread: '', sides: [], notMeasurable: true };
  const only = !all && (left || right) ? (left ? ' · left only' : ' · right only') : '';
  const iv = intervalText(stat, row);
  return {
    value: fmt(stat.mean, row.decimals),
    spread: `${fmtSpread(stat, row.decimals)}${only}`,
    ...(iv ? { interval: iv } : {}),
    sides: [],
    notMeasurable: false,
  };
}

/**
 * Joint angles over the gait cycle: each stride of a side (initial contact to the next initial
 * contact of the same foot) resampled to 101 points (0..100 %) by linear interpolation at the
 * events' sub-frame positions, then mean ± SD across strides, per point. Time normalisation to the
 * cycle is the convention of gait curves [Winter 2009, ch. 1]. Strides much shorter or longer than
 * the median (a missed contact), or with more than 10 % of samples missing, are left out; a side
 * with fewer than MIN_STRIDES strides left gets no curve.
 */
import type { GaitAnalysis } from '../gait/schema';
import type { CurveBand, CurveSet, Side } from './model';

export const CYCLE_POINTS = 101;
/** Fewer strides than this make a band that says more about noise than about the runner. */
export const MIN_STRIDES = 3;

/** Which per-frame angles each view draws, in the clinic's words. */
export const CURVES: Readonly<Record<'side' | 'rear', readonly { id: string; label: string }[]>> = {
  side: [
    { id: 'hip-flexion', label: 'Hip flexion' },
    { id: 'knee-flexion', label: 'Knee flexion' },
    { id: 'ankle-dorsiflexion', label: 'Ankle dorsiflexion' },
    { id: 'trunk-lean', label: 'Trunk forward lean' },
  ],
  rear: [
    { id: 'pelvic-obliquity', label: 'Pelvic obliquity' },
    { id: 'hip-adduction', label: 'Hip adduction' },
    { id: 'knee-fppa', label: 'Knee frontal plane projection' },
    { id: 'trunk-lateral-lean', label: 'Lateral trunk lean' },
  ],
};

/** values[i] at fractional index f, linear; null when a neighbour is missing. */
function at(values: readonly (number | null)[], f: number): number | null {
  const i = Math.floor(f);
  const a = values[i];
  if (a === null || a === undefined) return null;
  if (f === i) return a;
  const b = values[i + 1];
  if (b === null || b === undefined) return null;
  return a + (b - a) * (f - i);
}

interface Stride {
  readonly from: number;
  readonly to: number;
  readonly toeOff?: number;
}

export function strides(a: GaitAnalysis, side: Side): Stride[] {
  const ics = a.events
    .filter((e) => e.kind === 'initial-contact' && e.side === side)
    .sort((x, y) => x.frameF - y.frameF);
  const tos = a.events.filter((e) => e.kind === 'toe-off' && e.side === side);
  const raw: Stride[] = [];
  for (let k = 1; k < ics.length; k++) {
    const from = ics[k - 1]!.frameF;
    const to = ics[k]!.frameF;
    const toe = tos.find((e) => e.frameF > from && e.frameF < to);
    raw.push({ from, to, ...(toe ? { toeOff: toe.frameF } : {}) });
  }
  if (raw.length === 0) return [];
  const lengths = raw.map((s) => s.to - s.from).sort((x, y) => x - y);
  const median = lengths[lengths.length >> 1]!;
  return raw.filter((s) => s.to - s.from > 0.7 * median && s.to - s.from < 1.3 * median);
}

export function cycleBand(
  values: readonly (number | null)[],
  list: readonly Stride[],
): CurveBand | undefined {
  const rows: number[][] = [];
  for (const s of list) {
    const row: (number | null)[] = [];
    for (let p = 0; p < CYCLE_POINTS; p++)
      row.push(at(values, s.from + ((s.to - s.from) * p) / (CYCLE_POINTS - 1)));
    const missing = row.filter((v) => v === null).length;
    if (missing > 0.1 * CYCLE_POINTS) continue;
    // Fill short holes linearly so one missing sample does not drop a whole stride.
    rows.push(fillGaps(row));
  }
  if (rows.length < MIN_STRIDES) return undefined;
  const mean: number[] = [];
  const sd: number[] = [];
  for (let p = 0; p < CYCLE_POINTS; p++) {
    const col = rows.map((r) => r[p]!);
    const m = col.reduce((x, y) => x + y, 0) / col.length;
    mean.push(round2(m));
    sd.push(
      round2(col.length > 1 ? Math.sqrt(col.reduce((x, y) => x + (y - m) ** 2, 0) / (col.length - 1)) : 0),
    );
  }
  return { mean, sd, n: rows.length };
}

function fillGaps(row: readonly (number | null)[]): number[] {
  const known = row.flatMap((v, i) => (v === null ? [] : [i]));
  return row.map((v, i) => {
    if (v !== null) return v;
    const before = known.filter((k) => k < i).pop();
    const after = known.find((k) => k > i);
    if (before === undefined) return row[after!]!;
    if (after === undefined) return row[before]!;
    const a = row[before]!;
    const b = row[after]!;
    return a + ((b - a) * (i - before)) / (after - before);
  });
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Curves of one analysed clip. */
export function curvesOf(a: GaitAnalysis): CurveSet[] {
  const view = a.source.view;
  const bySide = { left: strides(a, 'left'), right: strides(a, 'right') };
  const toePct = [...bySide.left, ...bySide.right]
    .filter((s) => s.toeOff !== undefined)
    .map((s) => (100 * (s.toeOff! - s.from)) / (s.to - s.from));
  const toeOffPct = toePct.length ? toePct.reduce((x, y) => x + y, 0) / toePct.length : undefined;
  const out: CurveSet[] = [];
  for (const c of CURVES[view]) {
    const series = a.angles.filter((x) => x.id === c.id);
    if (series.length === 0) continue;
    const band = (side: Side): CurveBand | undefined => {
      const s = series.find((x) => x.side === side) ?? series.find((x) => x.side === 'body');
      return s ? cycleBand(s.values, bySide[side]) : undefined;
    };
    const left = band('left');
    const right = band('right');
    if (!left && !right) continue;
    out.push({
      key: c.id,
      label: c.label,
      unit: '°',
      view,
      ...(left ? { left } : {}),
      ...(right ? { right } : {}),
      ...(toeOffPct !== undefined ? { toeOffPct } : {}),
    });
  }
  return out;
}

/**
 * From one session's gait results to the timeline's numbers: the key variables of a returning runner
 * (issue 18 item 1), one side's mean with the half-width of its 95% interval, in the unit shown.
 * Cadence is derived from the stride times, which carry an uncertainty (the result's own cadence does
 * not): cadence = 120 / stride time, its interval the stride time's interval mapped through 120/x.
 */
import type { GaitAnalysis, GaitVariable } from '../gait/schema';
import type { Measurement, ProgressSide, ProgressUnit } from './types';

type SideSummary = GaitVariable['left'];

export interface KeyVariable {
  readonly id: string;
  /** The gait variable it is read from (`stride-time` for the cadence). */
  readonly from: string;
  readonly label?: string;
  readonly sides: readonly ProgressSide[];
}

/**
 * The variables the timeline follows, in the order a PT reads them: the angles at contact, pelvic
 * drop, hip extension at toe-off, trunk lean, late swing, then cadence and contact time (issue 18). Labels, units
 * and SDDs come from the gait result, so they are the report's.
 */
export const KEY_VARIABLES: readonly KeyVariable[] = [
  { id: 'foot-inclination-ic', from: 'foot-inclination-ic', sides: ['left', 'right'] },
  { id: 'tibia-inclination-ic', from: 'tibia-inclination-ic', sides: ['left', 'right'] },
  { id: 'knee-flexion-ic', from: 'knee-flexion-ic', sides: ['left', 'right'] },
  { id: 'ankle-dorsiflexion-ic', from: 'ankle-dorsiflexion-ic', sides: ['left', 'right'] },
  { id: 'pelvic-drop-ms', from: 'pelvic-drop-ms', sides: ['left', 'right'] },
  { id: 'hip-extension-to', from: 'hip-extension-to', sides: ['left', 'right'] },
  { id: 'trunk-lean-ms', from: 'trunk-lean-ms', sides: ['left', 'right'] },
  // The hamstring's stretch in late swing, by its two ingredients (issue 18 item 5): hip flexion and
  // knee extension together set how long the muscle–tendon unit is before contact [Chumanov 2011].
  { id: 'late-swing-hip-flexion', from: 'late-swing-hip-flexion', sides: ['left', 'right'] },
  { id: 'late-swing-knee-flexion', from: 'late-swing-knee-flexion', sides: ['left', 'right'] },
  // And the length they make together, through the Delp 1990 model (docs/progress.md §1): the biceps
  // femoris long head, the longest stretched of the three; the report's tables hold all three.
  { id: 'hamstring-length-ls-bflh', from: 'hamstring-length-ls-bflh', sides: ['left', 'right'] },
  { id: 'cadence', from: 'stride-time', label: 'Cadence', sides: ['both'] },
  { id: 'contact-time', from: 'contact-time', sides: ['left', 'right'] },
];

export const NO_VALUE = (why: string): Measurement => ({
  mean: null,
  sd: null,
  n: 0,
  u95: null,
  interval: null,
  missing: why,
});

export function unitOf(key: KeyVariable, v: GaitVariable): ProgressUnit {
  if (key.id === 'cadence') return 'steps/min';
  if (v.unit === 's') return 'ms';
  if (v.unit === 'ratio') return '%';
  return v.unit;
}

/** A gait side summary in the shown unit (seconds become milliseconds). */
function fromSummary(s: SideSummary, scale: number): Measurement {
  if (s.notMeasurable) return NO_VALUE(`not measurable from this view: ${s.notMeasurable.reason}`);
  if (s.mean === null || s.n === 0) return NO_VALUE('no clean steps');
  const u = s.uncertainty;
  return {
    mean: s.mean * scale,
    sd: s.sd === null ? null : s.sd * scale,
    n: s.n,
    u95: u ? ((u.interval[1] - u.interval[0]) / 2) * scale : null,
    interval: u ? [u.interval[0] * scale, u.interval[1] * scale] : null,
    missing: u ? null : 'too few steps for an interval',
  };
}

/**
 * Cadence from both feet's stride times: their means pooled by step count, the 95% half-widths
 * combined as independent (the two feet's strides are different events), then mapped through
 * 120 / T (two steps per stride). The interval is mapped end by end, so it is not quite symmetric;
 * the half-width is half its span.
 */
function cadenceOf(stride: GaitVariable): Measurement {
  const sides = [stride.left, stride.right].filter(
    (s) => !s.notMeasurable && s.mean !== null && s.n > 0 && s.uncertainty,
  );
  if (sides.length === 0) return NO_VALUE('no strides with an interval');
  const n = sides.reduce((a, s) => a + s.n, 0);
  const t = sides.reduce((a, s) => a + s.n * (s.mean as number), 0) / n;
  const halfT = Math.sqrt(sides.reduce((a, s) => a + (s.n * halfWidth(s)) ** 2, 0)) / n;
  const sdT = Math.sqrt(sides.reduce((a, s) => a + s.n * (s.sd ?? 0) ** 2, 0) / n);
  const lo = 120 / (t + halfT);
  const hi = 120 / (t - halfT);
  return {
    mean: 120 / t,
    sd: (120 / (t * t)) * sdT,
    n,
    u95: (hi - lo) / 2,
    interval: [lo, hi],
    missing: null,
  };
}

const halfWidth = (s: SideSummary): number =>
  s.uncertainty ? (s.uncertainty.interval[1] - s.uncertainty.interval[0]) / 2 : 0;

export function measure(key: KeyVariable, v: GaitVariable, side: ProgressSide): Measurement {
  if (key.id === 'cadence') return cadenceOf(v);
  if (side === 'both') return NO_VALUE('not a per-side value');
  return fromSummary(v[side], v.unit === 's' ? 1000 : v.unit === 'ratio' ? 100 : 1);
}

/** Whether a clip's numbers may enter the timeline: findings withheld means the clip is not a run in the view filed. */
export function usableClip(a: GaitAnalysis): { ok: true } | { ok: false; why: string } {
  if (!a.quality.findingsWithheld) return { ok: true };
  return { ok: false, why: a.quality.reasons.map((r) => r.message).join(' ') || 'the clip check failed' };
}

/**
 * The clip a variable is read from in one condition: one filmed in the variable's own view (pelvic
 * drop from behind, the sagittal angles from the side; times from the side clip first), with the
 * most clean steps.
 */
export function pickVariable(analyses: readonly GaitAnalysis[], id: string): GaitVariable | null {
  let best: { v: GaitVariable; score: number } | null = null;
  for (const a of analyses) {
    const v = a.variables.find((x) => x.id === id);
    if (!v) continue;
    // A view-bound variable is never read from the other view (the rear camera cannot see a sagittal angle).
    if (v.view !== 'any' && v.view !== a.source.view) continue;
    const ownView = v.view !== 'any' || a.source.view === 'side';
    const steps = v.left.n + v.right.n;
    const score = (ownView ? 1e6 : 0) + steps;
    if (!best || score > best.score) best = { v, score };
  }
  return best?.v ?? null;
}

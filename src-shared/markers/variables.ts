/**
 * Marker variables (docs/markers.md, "Variables"): sagittal pelvic tilt from ASIS and PSIS (side
 * view), rearfoot eversion from the heel-counter and lower-shank pairs (rear view), and marker knee
 * and ankle angles. Pure geometry on image points; 2D projected angles, as 2D running analysis
 * reports them [Souza 2016; Dingenen 2018].
 */
import { degrees, type Degrees } from '../units';
import type { Side } from '../gait/types';
import type {
  MarkerEvent,
  MarkerJointAngles,
  MarkerPoint,
  MarkerTrack,
  MarkerJointStep,
  PelvicTiltStep,
  RearfootEversionStep,
  RearfootMarkers,
} from './types';

const DEG = 180 / Math.PI;

/** A point is used unless the tracker lost it (predicted points carry their lowered confidence). */
const usable = (p: MarkerPoint | undefined): p is MarkerPoint => p !== undefined && p.state !== 'lost';

function frameCount(...tracks: MarkerTrack[]): number {
  return Math.min(...tracks.map((t) => t.points.length));
}

/**
 * Per frame: the ASIS–PSIS line against the image horizontal, + = anterior tilt (ASIS lower than
 * PSIS). The ASIS is always anterior, so the running direction is read from the pair itself and the
 * sign does not flip when the runner faces the other way. Level camera assumed (docs/markers.md).
 */
export function pelvicTiltSeries(asis: MarkerTrack, psis: MarkerTrack): Float64Array {
  const n = frameCount(asis, psis);
  const out = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const a = asis.points[i];
    const p = psis.points[i];
    if (!usable(a) || !usable(p)) continue;
    // Image y grows downward: ASIS lower than PSIS means a.y > p.y, a positive (anterior) tilt.
    out[i] = DEG * Math.atan2(a.y - p.y, Math.abs(a.x - p.x));
  }
  return out;
}

/**
 * Per frame, one leg: the heel-counter line (upper → lower) against the lower-shank line
 * (upper → lower), + = eversion (the heel's lower end lateral of the shank line). Rear view: the
 * runner's left is on the image left, so lateral is −x for the left leg and +x for the right.
 */
export function rearfootEversionSeries(m: RearfootMarkers, side: Side): Float64Array {
  const n = frameCount(m.heelUpper, m.heelLower, m.shankUpper, m.shankLower);
  const out = new Float64Array(n).fill(NaN);
  const lateral = side === 'right' ? 1 : -1;
  for (let i = 0; i < n; i++) {
    const hu = m.heelUpper.points[i];
    const hl = m.heelLower.points[i];
    const su = m.shankUpper.points[i];
    const sl = m.shankLower.points[i];
    if (!usable(hu) || !usable(hl) || !usable(su) || !usable(sl)) continue;
    const sx = sl.x - su.x;
    const sy = sl.y - su.y;
    const hx = hl.x - hu.x;
    const hy = hl.y - hu.y;
    // Signed angle from the shank line to the heel line; with y down, a heel line turned toward +x
    // gives a negative cross product.
    const angle = Math.atan2(sx * hy - sy * hx, sx * hx + sy * hy);
    out[i] = -lateral * DEG * angle;
  }
  return out;
}

/**
 * The five side-view markers of one leg for the joint angles: the knee angle needs the trochanter,
 * knee and malleolus; the ankle angle the knee, malleolus, heel and fifth metatarsal.
 */
export interface JointMarkers {
  readonly greaterTrochanter?: MarkerTrack;
  readonly lateralKnee: MarkerTrack;
  readonly lateralMalleolus: MarkerTrack;
  readonly heel?: MarkerTrack;
  readonly fifthMetatarsal?: MarkerTrack;
}

function angleBetween(ax: number, ay: number, bx: number, by: number): number {
  return DEG * Math.atan2(Math.abs(ax * by - ay * bx), ax * bx + ay * by);
}

/**
 * Knee flexion = 180° − trochanter–knee–malleolus angle; ankle dorsiflexion = 90° − the angle between
 * the shank (malleolus → knee) and the foot (heel → fifth metatarsal head), the definitions of the
 * landmark angles (docs/gait-methods.md) on marker points.
 */
export function markerJointAngles(m: JointMarkers): MarkerJointAngles {
  const n = frameCount(m.lateralKnee, m.lateralMalleolus);
  const knee = new Float64Array(n).fill(NaN);
  const ankle = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const h = m.greaterTrochanter?.points[i];
    const k = m.lateralKnee.points[i];
    const a = m.lateralMalleolus.points[i];
    if (!usable(k) || !usable(a)) continue;
    if (usable(h)) knee[i] = 180 - angleBetween(h.x - k.x, h.y - k.y, a.x - k.x, a.y - k.y);
    const heel = m.heel?.points[i];
    const toe = m.fifthMetatarsal?.points[i];
    if (!usable(heel) || !usable(toe)) continue;
    ankle[i] = 90 - angleBetween(k.x - a.x, k.y - a.y, toe.x - heel.x, toe.y - heel.y);
  }
  return { kneeFlexion: knee, ankleDorsiflexion: ankle };
}

/** Linear interpolation of a per-frame series at a fractional frame (NaN outside or next to a gap). */
export function sampleAt(series: Float64Array, frameF: number): number {
  const i0 = Math.floor(frameF);
  const w = frameF - i0;
  if (i0 < 0 || i0 >= series.length) return NaN;
  const a = series[i0]!;
  if (w === 0) return a;
  const b = i0 + 1 < series.length ? series[i0 + 1]! : NaN;
  return a + (b - a) * w;
}

const orNull = (v: number): Degrees | null => (Number.isFinite(v) ? degrees(v) : null);

/** The first event of this kind and side in (from, to). */
function eventBetween(
  events: readonly MarkerEvent[],
  kind: MarkerEvent['kind'],
  side: Side,
  from: number,
  to: number,
): MarkerEvent | undefined {
  return events.find((e) => e.kind === kind && e.side === side && e.frameF > from && e.frameF < to);
}

/** Extremes of the finite values on frames [from, to]; null when under 80% of them are finite. */
function extremes(
  series: Float64Array,
  from: number,
  to: number,
): { min: number; max: number; argmax: number } | null {
  let min = Infinity;
  let max = -Infinity;
  let argmax = -1;
  let finite = 0;
  const a = Math.max(0, Math.ceil(from));
  const b = Math.min(series.length - 1, Math.floor(to));
  for (let i = a; i <= b; i++) {
    const v = series[i]!;
    if (!Number.isFinite(v)) continue;
    finite++;
    if (v < min) min = v;
    if (v > max) {
      max = v;
      argmax = i;
    }
  }
  return b >= a && finite >= 0.8 * (b - a + 1) ? { min, max, argmax } : null;
}

interface Contact {
  readonly side: Side;
  readonly frameF: number;
  /** The same side's next initial contact (end of the stride), if any. */
  readonly next?: number;
}

function contacts(events: readonly MarkerEvent[], only?: Side): Contact[] {
  const ics = events
    .filter((e) => e.kind === 'initial-contact' && (only === undefined || e.side === only))
    .sort((a, b) => a.frameF - b.frameF);
  return ics.map((e) => ({
    side: e.side,
    frameF: e.frameF,
    next: ics.find((f) => f.side === e.side && f.frameF > e.frameF)?.frameF,
  }));
}

/**
 * Pelvic tilt per step: at initial contact, midstance and toe-off of the stepping leg, and its range
 * (max − min) over the stride that starts at the contact. Events come from the gait engine (or the
 * heel marker) on the same frame indices as the tracks.
 */
export function pelvicTilt(
  asis: MarkerTrack,
  psis: MarkerTrack,
  events: readonly MarkerEvent[],
): PelvicTiltStep[] {
  const series = pelvicTiltSeries(asis, psis);
  return contacts(events).map((c) => {
    const end = c.next ?? Infinity;
    const ms = eventBetween(events, 'midstance', c.side, c.frameF, end);
    const to = eventBetween(events, 'toe-off', c.side, c.frameF, end);
    const range = c.next === undefined ? null : extremes(series, c.frameF, c.next);
    return {
      side: c.side,
      contactFrame: Math.round(c.frameF),
      atContact: orNull(sampleAt(series, c.frameF)),
      atMidstance: ms ? orNull(sampleAt(series, ms.frameF)) : null,
      atToeOff: to ? orNull(sampleAt(series, to.frameF)) : null,
      rangeOverStride: range ? degrees(range.max - range.min) : null,
    };
  });
}

/** Rearfoot eversion per stance of one leg: at initial contact and its peak between contact and toe-off. */
export function rearfootEversion(
  m: RearfootMarkers,
  side: Side,
  events: readonly MarkerEvent[],
): RearfootEversionStep[] {
  const series = rearfootEversionSeries(m, side);
  return contacts(events, side).map((c) => {
    const to = eventBetween(events, 'toe-off', side, c.frameF, c.next ?? Infinity);
    const peak = to ? extremes(series, c.frameF, to.frameF) : null;
    return {
      side,
      contactFrame: Math.round(c.frameF),
      atContact: orNull(sampleAt(series, c.frameF)),
      peakInStance: peak ? degrees(peak.max) : null,
      peakFrame: peak ? peak.argmax : null,
    };
  });
}

/**
 * Marker knee and ankle angles per stance of one leg (side view): knee flexion and ankle dorsiflexion
 * at the leg's initial contact, and the largest knee flexion between that contact and its toe-off,
 * the landmark variables' events (src-shared/gait/tables/variables.ts) on marker points.
 */
export function markerJointSteps(
  m: JointMarkers,
  side: Side,
  events: readonly MarkerEvent[],
): MarkerJointStep[] {
  const { kneeFlexion, ankleDorsiflexion } = markerJointAngles(m);
  return contacts(events, side).map((c) => {
    const to = eventBetween(events, 'toe-off', side, c.frameF, c.next ?? Infinity);
    const peak = to ? extremes(kneeFlexion, c.frameF, to.frameF) : null;
    return {
      side,
      contactFrame: Math.round(c.frameF),
      kneeAtContact: orNull(sampleAt(kneeFlexion, c.frameF)),
      peakKneeInStance: peak ? degrees(peak.max) : null,
      peakKneeFrame: peak ? peak.argmax : null,
      ankleAtContact: orNull(sampleAt(ankleDorsiflexion, c.frameF)),
    };
  });
}

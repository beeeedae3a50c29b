/**
 * Calibration stage: how many pixels make a centimetre in the plane of motion, and the leg length
 * in pixels (the unit of lengths when there is no calibration).
 *
 * In order of preference: a measured known distance (two image points and their distance in cm);
 * an explicit pixels-per-cm; the patient's height, scaled through body proportions: thigh + shank +
 * trunk (hip to shoulder) = (0.245 + 0.246 + 0.288) of stature [Drillis & Contini, in Winter 2009,
 * fig. 4.1]. Segment lengths are taken as the 90th percentile of their per-frame image lengths: a
 * segment never looks longer than it is in a perpendicular view, only shorter when it turns out of
 * the image plane. Without any of these, lengths are reported in leg lengths (hip to ankle).
 */
import type { Body, Calibration, Joint, Side, Track } from './types';

const SEGMENTS_OF_STATURE = 0.245 + 0.246 + 0.288;

export interface CalibrationResult {
  readonly method: 'known-distance' | 'pixels-per-cm' | 'height' | 'leg-length';
  readonly pxPerCm: number | null;
  /** Thigh + shank, pixels (median over both legs). */
  readonly legLengthPx: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))] as number;
}

function lengths(a: Track, b: Track): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.x.length; i++) {
    const d = Math.hypot((a.x[i] as number) - (b.x[i] as number), (a.y[i] as number) - (b.y[i] as number));
    if (Number.isFinite(d)) out.push(d);
  }
  return out;
}

export function segmentLength(body: Body, side: Side, from: Joint, to: Joint, p = 0.9): number {
  return percentile(lengths(body[side][from], body[side][to]), p);
}

function trunkLengths(body: Body): number[] {
  const out: number[] = [];
  const n = body.left.hip.x.length;
  for (let i = 0; i < n; i++) {
    const hx = ((body.left.hip.x[i] as number) + (body.right.hip.x[i] as number)) / 2;
    const hy = ((body.left.hip.y[i] as number) + (body.right.hip.y[i] as number)) / 2;
    const sx = ((body.left.shoulder.x[i] as number) + (body.right.shoulder.x[i] as number)) / 2;
    const sy = ((body.left.shoulder.y[i] as number) + (body.right.shoulder.y[i] as number)) / 2;
    const d = Math.hypot(sx - hx, sy - hy);
    if (Number.isFinite(d)) out.push(d);
  }
  return out;
}

export function calibrate(body: Body, cal: Calibration | undefined): CalibrationResult {
  const leg = (side: Side): number =>
    segmentLength(body, side, 'hip', 'knee') + segmentLength(body, side, 'knee', 'ankle');
  const legs = [leg('left'), leg('right')].filter(Number.isFinite);
  const legLengthPx = legs.length ? legs.reduce((a, b) => a + b, 0) / legs.length : NaN;
  if (cal?.knownDistance) {
    const { a, b, cm } = cal.knownDistance;
    if (!(cm > 0)) throw new Error('calibration: the known distance must be more than 0 cm');
    const px = Math.hypot(a[0] - b[0], a[1] - b[1]);
    if (!(px > 0)) throw new Error('calibration: the two points of the known distance are the same point');
    return { method: 'known-distance', pxPerCm: px / cm, legLengthPx };
  }
  if (cal?.pxPerCm !== undefined) {
    if (!(cal.pxPerCm > 0)) throw new Error('calibration: pixels per cm must be more than 0');
    return { method: 'pixels-per-cm', pxPerCm: cal.pxPerCm, legLengthPx };
  }
  if (cal?.heightCm !== undefined) {
    if (!(cal.heightCm >= 50 && cal.heightCm <= 250))
      throw new Error(`calibration: height ${cal.heightCm} cm is not a plausible height (50–250 cm)`);
    const trunk = percentile(trunkLengths(body), 0.9);
    const px = legLengthPx + trunk;
    if (Number.isFinite(px) && px > 0)
      return { method: 'height', pxPerCm: px / SEGMENTS_OF_STATURE / cal.heightCm, legLengthPx };
  }
  return { method: 'leg-length', pxPerCm: null, legLengthPx };
}

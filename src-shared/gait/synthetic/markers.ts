/**
 * Skin markers on the synthetic runner (issue 15, docs/markers.md "Test clips"): where each marker of
 * the protocol sits in the image at any instant, and the designed pelvic tilt and rearfoot eversion
 * that the marker variables must recover. The runner's own model (model.ts) has neither a sagittal
 * pelvis nor a rearfoot, so both are designed here as smooth curves and the markers are placed from
 * them; every other marker sits on a joint centre or the foot line of the model, so the marker knee
 * and ankle angles equal the design's.
 */
import type { MarkerName } from '../../markers/types';
import type { GaitDesign, Side } from './design';
import { poseAt } from './model';
import { project, type CameraOptions } from './render';

export interface MarkerDesign {
  /** Mean anterior pelvic tilt (ASIS–PSIS line vs horizontal), degrees. Standing values are ~10–15°. */
  readonly tiltMeanDeg: number;
  /** Tilt oscillates twice per stride, peaking at each toe-off, with this amplitude (degrees). */
  readonly tiltAmpDeg: number;
  /** Rearfoot eversion at initial contact, peak (at 40% of stance) and at toe-off, per leg, degrees. */
  readonly eversion: Record<Side, { readonly ic: number; readonly peak: number; readonly to: number }>;
}

export const DEFAULT_MARKER_DESIGN: MarkerDesign = {
  tiltMeanDeg: 12,
  tiltAmpDeg: 3,
  eversion: { left: { ic: -3, peak: 9, to: 0 }, right: { ic: -2, peak: 6, to: -1 } },
};

/** ASIS to PSIS distance (cm) and the height of their midpoint above the hip joint centres. */
const PELVIS_DEPTH_CM = 15;
const PELVIS_MARKERS_ABOVE_HIP_CM = 8;
/** Rear view: PSIS half-separation, cm; heel-counter and lower-shank marker heights, cm. */
const PSIS_HALF_CM = 5;
const HEEL_COUNTER_CM = { lower: 2, upper: 7 } as const;
const SHANK_ABOVE_ANKLE_CM = { lower: 6, upper: 20 } as const;
/** Side view: heel and fifth-metatarsal markers above the sole line, cm; 5th MT at 70% of the foot. */
const FOOT_MARKER_UP_CM = 2;
const FIFTH_MT_FRACTION = 0.7;

const rad = (d: number): number => (d * Math.PI) / 180;

/** Designed sagittal pelvic tilt at model time t, degrees, + = anterior. */
export function designedTilt(design: GaitDesign, m: MarkerDesign, t: number): number {
  const toRight = design.icTime('right', 0) + design.contactS;
  return m.tiltMeanDeg + m.tiltAmpDeg * Math.cos((4 * Math.PI * (t - toRight)) / design.strideS);
}

/** Designed rearfoot eversion of one leg at model time t, degrees, + = eversion. */
export function designedEversion(design: GaitDesign, m: MarkerDesign, side: Side, t: number): number {
  const e = m.eversion[side];
  const u = design.stanceProgress(side, t);
  if (u !== null) {
    if (u <= 0.4) return e.ic + (e.peak - e.ic) * Math.sin((Math.PI / 2) * (u / 0.4));
    return e.peak + (e.to - e.peak) * (1 - Math.cos((Math.PI / 2) * ((u - 0.4) / 0.6)));
  }
  // Swing: back from the toe-off value to the contact value along a half cosine.
  const since = t - design.icTime(side, design.strideIndex(side, t)) - design.contactS;
  const s = since / (design.strideS - design.contactS);
  return e.to + (e.ic - e.to) * (0.5 - 0.5 * Math.cos(Math.PI * s));
}

export interface ImageXY {
  readonly x: number;
  readonly y: number;
  /** Depth as project() gives it: smaller is nearer the camera (decides which marker covers which). */
  readonly depth: number;
}

/** Image positions (pixels) of the markers of one view at model time t. */
export function markerPositions(
  design: GaitDesign,
  m: MarkerDesign,
  cam: CameraOptions,
  t: number,
): Partial<Record<MarkerName, ImageXY>> {
  const pose = poseAt(design, t);
  const p = pose.points;
  const img = (v: { x: number; y: number; z: number }): ImageXY => {
    const [x, y, depth] = project(v, cam);
    return { x, y, depth };
  };
  const out: Partial<Record<MarkerName, ImageXY>> = {};
  if (cam.view === 'side') {
    const tilt = rad(designedTilt(design, m, t));
    for (const side of ['left', 'right'] as const) {
      const hip = p[`${side}Hip`];
      const mid = { x: hip.x - 2, y: hip.y + PELVIS_MARKERS_ABOVE_HIP_CM, z: hip.z };
      const dx = (PELVIS_DEPTH_CM / 2) * Math.cos(tilt);
      const dy = (PELVIS_DEPTH_CM / 2) * Math.sin(tilt);
      // Anterior tilt: ASIS forward and down, PSIS back and up.
      out[`${side}Asis`] = img({ x: mid.x + dx, y: mid.y - dy, z: mid.z });
      out[`${side}Psis`] = img({ x: mid.x - dx, y: mid.y + dy, z: mid.z });
      out[`${side}GreaterTrochanter`] = img(hip);
      out[`${side}LateralKnee`] = img(p[`${side}Knee`]);
      out[`${side}LateralMalleolus`] = img(p[`${side}Ankle`]);
      const heel = p[`${side}Heel`];
      const toe = p[`${side}FootIndex`];
      const len = Math.hypot(toe.x - heel.x, toe.y - heel.y);
      // Foot "up": the heel→toe direction turned 90° toward +y.
      const ux = -(toe.y - heel.y) / len;
      const uy = (toe.x - heel.x) / len;
      const up = (q: { x: number; y: number; z: number }) => ({
        x: q.x + FOOT_MARKER_UP_CM * ux,
        y: q.y + FOOT_MARKER_UP_CM * uy,
        z: q.z,
      });
      out[`${side}Heel`] = img(up(heel));
      out[`${side}FifthMetatarsal`] = img(
        up({
          x: heel.x + FIFTH_MT_FRACTION * (toe.x - heel.x),
          y: heel.y + FIFTH_MT_FRACTION * (toe.y - heel.y),
          z: heel.z,
        }),
      );
    }
    return out;
  }
  // Rear view.
  const beta = rad(pose.obliquityDeg);
  const hipY = (p.leftHip.y + p.rightHip.y) / 2 + PELVIS_MARKERS_ABOVE_HIP_CM;
  out.leftPsis = img({ x: -8, y: hipY + PSIS_HALF_CM * Math.tan(beta), z: -PSIS_HALF_CM });
  out.rightPsis = img({ x: -8, y: hipY - PSIS_HALF_CM * Math.tan(beta), z: PSIS_HALF_CM });
  for (const side of ['left', 'right'] as const) {
    const knee = p[`${side}Knee`];
    const ankle = p[`${side}Ankle`];
    const shankLen = Math.hypot(knee.x - ankle.x, knee.y - ankle.y, knee.z - ankle.z);
    const along = (cm: number) => {
      const f = cm / shankLen;
      return img({
        x: ankle.x + f * (knee.x - ankle.x),
        y: ankle.y + f * (knee.y - ankle.y),
        z: ankle.z + f * (knee.z - ankle.z),
      });
    };
    out[`${side}ShankLower`] = along(SHANK_ABOVE_ANKLE_CM.lower);
    out[`${side}ShankUpper`] = along(SHANK_ABOVE_ANKLE_CM.upper);
    // Heel-counter line: the projected shank direction turned by the eversion (lateral is −x for the
    // left leg, +x for the right in a rear view), drawn up from the heel point; its length in the
    // image shrinks with the foot's pitch (cos), as a heel counter tipped toward the camera does.
    const a = img(ankle);
    const k = img(knee);
    const sl = Math.hypot(a.x - k.x, a.y - k.y);
    const sx = (a.x - k.x) / sl;
    const sy = (a.y - k.y) / sl;
    const ev = rad(designedEversion(design, m, side, t));
    const th = side === 'right' ? -ev : ev;
    const hx = sx * Math.cos(th) - sy * Math.sin(th);
    const hy = sx * Math.sin(th) + sy * Math.cos(th);
    const heel = p[`${side}Heel`];
    const toe = p[`${side}FootIndex`];
    const pitch = Math.atan2(toe.y - heel.y, toe.x - heel.x);
    const c = Math.max(0.35, Math.abs(Math.cos(pitch))) * cam.pxPerCm;
    const h = img(heel);
    // On the back of the heel counter: a little nearer the rear camera than the heel point.
    const depth = h.depth - cam.pxPerCm;
    out[`${side}HeelCounterLower`] = {
      x: h.x - hx * HEEL_COUNTER_CM.lower * c,
      y: h.y - hy * HEEL_COUNTER_CM.lower * c,
      depth,
    };
    out[`${side}HeelCounterUpper`] = {
      x: h.x - hx * HEEL_COUNTER_CM.upper * c,
      y: h.y - hy * HEEL_COUNTER_CM.upper * c,
      depth,
    };
  }
  return out;
}

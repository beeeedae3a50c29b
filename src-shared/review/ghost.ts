/**
 * Last time's skeleton drawn over today's picture (issue 18 item 2). The two visits were filmed with
 * the camera at a different distance and the runner at a different place on the belt, so last time's
 * points are placed by a stated rule before they are drawn:
 *
 *  - scale: the ratio of the runner's leg length in the two clips, leg = hip–knee + knee–ankle in
 *    image pixels, the median over every frame with a pose and the mean of both legs. A segment's
 *    length does not depend on the posture as long as the leg moves in the picture's plane (the side
 *    view's assumption), so the scale is the camera's, not a change in knee bend;
 *  - position: at the aligned contact of the stride on screen, last time's hip centre (midpoint of
 *    the hips) is put on today's. Within the stride the ghost then moves as last time's runner did
 *    (vertical oscillation, trunk, legs), so what differs is what the runner does differently;
 *  - direction (side view): when the runner faced the other way last time (toe ahead of heel in the
 *    opposite image direction), the ghost is mirrored about the hip centre so both run the same way.
 *    In the rear view the runner always runs away from the camera, so the ghost is never mirrored:
 *    toe and heel there differ in x only by the toe-out, whose sign differs between the feet, and
 *    mirroring on it would put last time's left leg on today's right.
 *
 * Points of the pose model's low confidence (overlay-tables LOW_CONFIDENCE) stay marked as such.
 */
import type { View } from '../contract/recordings';
import { Landmark, type LandmarkFrame, type LandmarkName, type LandmarkSeries } from '../pose/landmarks';
import { median } from '../stats';
import { imagePoint, type ImagePoint } from '../units';
import { LOW_CONFIDENCE, SKELETON_SEGMENTS } from './overlay-tables';

export interface GhostTransform {
  /** Today's pixels per last time's pixel. */
  readonly scale: number;
  /** −1 when last time's runner faced the other way (mirrored about the hip), else 1. */
  readonly flip: 1 | -1;
  /** Last time's hip centre at the aligned contact. */
  readonly from: ImagePoint;
  /** Today's hip centre at the aligned contact. */
  readonly to: ImagePoint;
}

export interface GhostSegment {
  readonly a: ImagePoint;
  readonly b: ImagePoint;
  readonly lowConfidence: boolean;
}

function point(f: LandmarkFrame | undefined, name: LandmarkName): ImagePoint | undefined {
  const p = f?.status === 'pose' ? f.image?.[Landmark[name]] : undefined;
  return p ? imagePoint(p[0], p[1]) : undefined;
}

const dist = (a: ImagePoint, b: ImagePoint): number => Math.hypot(a.x - b.x, a.y - b.y);

/** The hip centre of a frame (midpoint of the two hips). */
export function hipCentre(f: LandmarkFrame | undefined): ImagePoint | undefined {
  const l = point(f, 'leftHip');
  const r = point(f, 'rightHip');
  return l && r ? imagePoint((l.x + r.x) / 2, (l.y + r.y) / 2) : undefined;
}

/** Per series, once: the renderer asks on every frame drawn (a series does not change once read). */
const legs = new WeakMap<LandmarkSeries, number | undefined>();
const facings = new WeakMap<LandmarkSeries, 1 | -1 | undefined>();

/** Median leg length (hip–knee + knee–ankle, both legs averaged) over the frames with a pose, pixels. */
export function legLength(series: LandmarkSeries): number | undefined {
  if (!legs.has(series)) legs.set(series, measureLegLength(series));
  return legs.get(series);
}

function measureLegLength(series: LandmarkSeries): number | undefined {
  const lengths: number[] = [];
  for (const f of series.frames) {
    const legs: number[] = [];
    for (const side of ['left', 'right'] as const) {
      const hip = point(f, `${side}Hip`);
      const knee = point(f, `${side}Knee`);
      const ankle = point(f, `${side}Ankle`);
      if (hip && knee && ankle) legs.push(dist(hip, knee) + dist(knee, ankle));
    }
    if (legs.length) lengths.push(legs.reduce((s, x) => s + x, 0) / legs.length);
  }
  return lengths.length ? median(lengths) : undefined;
}

/** Which way the runner faces in the picture: the sign of toe minus heel in x (median over frames). */
export function facing(series: LandmarkSeries): 1 | -1 | undefined {
  if (!facings.has(series)) facings.set(series, measureFacing(series));
  return facings.get(series);
}

function measureFacing(series: LandmarkSeries): 1 | -1 | undefined {
  const dx: number[] = [];
  for (const f of series.frames) {
    for (const side of ['left', 'right'] as const) {
      const heel = point(f, `${side}Heel`);
      const toe = point(f, `${side}FootIndex`);
      if (heel && toe) dx.push(toe.x - heel.x);
    }
  }
  if (!dx.length) return undefined;
  const m = median(dx);
  return m === 0 ? undefined : m > 0 ? 1 : -1;
}

/**
 * The rule above for one stride: `today` and `earlier` are the two aligned contact frames, `view`
 * the camera both were filmed from (the earlier clips offered are of today's view). Undefined when
 * either frame has no hips or either clip no leg length.
 */
export function ghostTransform(
  today: { series: LandmarkSeries; contact: LandmarkFrame | undefined },
  earlier: { series: LandmarkSeries; contact: LandmarkFrame | undefined },
  view: View,
): GhostTransform | undefined {
  const to = hipCentre(today.contact);
  const from = hipCentre(earlier.contact);
  const lt = legLength(today.series);
  const le = legLength(earlier.series);
  if (!to || !from || !lt || !le) return undefined;
  if (view === 'rear') return { scale: lt / le, flip: 1, from, to };
  const ft = facing(today.series);
  const fe = facing(earlier.series);
  return { scale: lt / le, flip: ft !== undefined && fe !== undefined && ft !== fe ? -1 : 1, from, to };
}

export function placeGhostPoint(t: GhostTransform, p: ImagePoint): ImagePoint {
  return imagePoint(t.to.x + t.flip * t.scale * (p.x - t.from.x), t.to.y + t.scale * (p.y - t.from.y));
}

/** Last time's skeleton on one of its frames, placed on today's picture. */
export function ghostSegments(frame: LandmarkFrame | undefined, t: GhostTransform): GhostSegment[] {
  if (frame?.status !== 'pose' || !frame.image) return [];
  const out: GhostSegment[] = [];
  for (const [a, b] of SKELETON_SEGMENTS) {
    const pa = frame.image[Landmark[a]];
    const pb = frame.image[Landmark[b]];
    if (!pa || !pb) continue;
    out.push({
      a: placeGhostPoint(t, imagePoint(pa[0], pa[1])),
      b: placeGhostPoint(t, imagePoint(pb[0], pb[1])),
      lowConfidence: pa[3] < LOW_CONFIDENCE || pb[3] < LOW_CONFIDENCE,
    });
  }
  return out;
}

/**
 * Overlay and manual-tool geometry in image space (pixels, y down). Pure: the konva layers only draw
 * what these return. Angles are reported in degrees, as the PT reads them.
 */
import {
  degrees,
  imagePoint,
  pixels,
  toDegrees,
  radians,
  type Degrees,
  type ImagePoint,
  type Pixels,
} from '../units';

/** Direction of the vector p→q in screen degrees: 0 = right, 90 = down (clockwise, as konva rotates). */
export function screenAngle(p: ImagePoint, q: ImagePoint): Degrees {
  return toDegrees(radians(Math.atan2(q.y - p.y, q.x - p.x)));
}

export function distance(p: ImagePoint, q: ImagePoint): Pixels {
  return pixels(Math.hypot(q.x - p.x, q.y - p.y));
}

export function midpoint(points: readonly ImagePoint[]): ImagePoint {
  if (points.length === 0) throw new Error('midpoint of no points');
  const sx = points.reduce((s, p) => s + p.x, 0);
  const sy = points.reduce((s, p) => s + p.y, 0);
  return imagePoint(sx / points.length, sy / points.length);
}

/** The interior angle a–vertex–b, 0..180°. Undefined when a segment has no length. */
export function interiorAngle(a: ImagePoint, vertex: ImagePoint, b: ImagePoint): Degrees | undefined {
  const ux = a.x - vertex.x;
  const uy = a.y - vertex.y;
  const vx = b.x - vertex.x;
  const vy = b.y - vertex.y;
  const nu = Math.hypot(ux, uy);
  const nv = Math.hypot(vx, vy);
  if (nu === 0 || nv === 0) return undefined;
  const cos = Math.min(1, Math.max(-1, (ux * vx + uy * vy) / (nu * nv)));
  return toDegrees(radians(Math.acos(cos)));
}

/** An arc to draw at a joint: konva `Arc` with `rotation` (start) and clockwise `angle` (sweep). */
export interface ArcShape {
  readonly center: ImagePoint;
  readonly radius: Pixels;
  readonly rotation: Degrees;
  readonly sweep: Degrees;
  /** Where the value label goes: on the bisector, just outside the arc. */
  readonly labelAt: ImagePoint;
}

/**
 * The arc spanning the interior angle a–vertex–b. The radius is a third of the shorter segment (so
 * the arc stays inside the limb drawing) capped at `maxRadius`.
 */
export function angleArc(
  a: ImagePoint,
  vertex: ImagePoint,
  b: ImagePoint,
  maxRadius = 40,
): ArcShape | undefined {
  if (interiorAngle(a, vertex, b) === undefined) return undefined;
  const a1 = screenAngle(vertex, a);
  const a2 = screenAngle(vertex, b);
  let sweep = a2 - a1;
  while (sweep <= -180) sweep += 360;
  while (sweep > 180) sweep -= 360;
  const rotation = sweep >= 0 ? a1 : a2;
  const abs = Math.abs(sweep);
  const radius = Math.min(maxRadius, Math.min(distance(vertex, a), distance(vertex, b)) / 3);
  const mid = ((rotation + abs / 2) * Math.PI) / 180;
  const r = radius + 14;
  return {
    center: vertex,
    radius: pixels(radius),
    rotation: degrees(rotation),
    sweep: degrees(abs),
    labelAt: imagePoint(vertex.x + r * Math.cos(mid), vertex.y + r * Math.sin(mid)),
  };
}

/**
 * Signed angle of the line from→to against the vertical or horizontal, in −90..90°. Against the
 * vertical: + when `to` is to the right of `from` in the image (the UI mirrors for running direction).
 * Against the horizontal: + when `to` is higher in the image than `from` (y is down).
 */
export function lineAngle(
  from: ImagePoint,
  to: ImagePoint,
  against: 'vertical' | 'horizontal',
): Degrees | undefined {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (dx === 0 && dy === 0) return undefined;
  if (against === 'vertical') {
    // Orient upward or downward consistently: measure the deviation of the undirected line from vertical.
    const up = dy <= 0 ? 1 : -1;
    return toDegrees(radians(Math.atan2(dx * up, -dy * up)));
  }
  const right = dx >= 0 ? 1 : -1;
  return toDegrees(radians(Math.atan2(-dy * right, dx * right)));
}

/** Clinical value at a joint from its interior angle (see overlay-tables JointAngleSpec.value). */
export function clinicalAngle(interior: Degrees, value: 'flexion' | 'interior' | 'dorsiflexion'): Degrees {
  switch (value) {
    case 'flexion':
      return degrees(180 - interior);
    case 'dorsiflexion':
      // Shank vs foot, 0 = perpendicular [clinical-variables.md]; + = dorsiflexed (foot towards shin).
      return degrees(90 - interior);
    case 'interior':
      return interior;
  }
}

/**
 * The overlay scene for one frame: plain primitives (segments, points, arcs, reference lines) built
 * from the landmarks of that frame and the overlay toggles. The renderer's draw functions only paint
 * these (house style 9, after Excalidraw's scene split), so what is drawn is testable without a canvas.
 */
import { Landmark, type LandmarkFrame, type LandmarkName } from '../pose/landmarks';
import { degrees, imagePoint, type Degrees, type ImagePoint } from '../units';
import { angleArc, clinicalAngle, interiorAngle, lineAngle, midpoint, type ArcShape } from './geometry';
import { dotBoxes, placeLabels, type Box } from './label-placement';
import {
  JOINT_ANGLES,
  LOW_CONFIDENCE,
  REFERENCE_LINES,
  SKELETON_SEGMENTS,
  type ReferenceLineSpec,
  type View,
} from './overlay-tables';

export type Tint = 'left' | 'right' | 'centre';

export interface OverlayToggles {
  /** Master switch (`O`). */
  readonly all: boolean;
  readonly skeleton: boolean;
  readonly angles: boolean;
  readonly trunk: boolean;
  readonly tibia: boolean;
  readonly pelvis: boolean;
}

export const DEFAULT_TOGGLES: OverlayToggles = {
  all: true,
  skeleton: true,
  angles: true,
  trunk: true,
  tibia: true,
  pelvis: true,
};

export interface ScenePoint {
  readonly landmark: LandmarkName;
  readonly at: ImagePoint;
  readonly tint: Tint;
  readonly lowConfidence: boolean;
}

export type Primitive =
  | {
      readonly kind: 'segment';
      readonly a: ImagePoint;
      readonly b: ImagePoint;
      readonly tint: Tint;
      readonly lowConfidence: boolean;
    }
  | ({ readonly kind: 'point' } & ScenePoint)
  | {
      readonly kind: 'arc';
      readonly id: string;
      readonly arc: ArcShape;
      readonly tint: Tint;
      readonly value: Degrees;
      readonly label: string;
      /** Where the label is drawn (centre): the arc's label spot, moved if another label is there. */
      readonly labelAt: ImagePoint;
    }
  | {
      readonly kind: 'reference';
      readonly id: ReferenceLineSpec['id'];
      readonly from: ImagePoint;
      readonly to: ImagePoint;
      /** The vertical or horizontal through `from`, as long as the line, for comparison. */
      readonly guideTo: ImagePoint;
      readonly value: Degrees;
      readonly label: string;
      /** Where the label is drawn (centre): beside the line's end, moved if another label is there. */
      readonly labelAt: ImagePoint;
    };

const tintOf = (name: string): Tint =>
  name.startsWith('left') ? 'left' : name.startsWith('right') ? 'right' : 'centre';

/** Landmark `name` of a frame, or undefined when the frame has no pose. */
export function landmarkOf(
  frame: LandmarkFrame | undefined,
  name: LandmarkName,
): { at: ImagePoint; visibility: number } | undefined {
  const p = frame?.status === 'pose' ? frame.image?.[Landmark[name]] : undefined;
  return p ? { at: imagePoint(p[0], p[1]), visibility: p[3] } : undefined;
}

const referenceToggle: Record<ReferenceLineSpec['id'], keyof OverlayToggles> = {
  trunk: 'trunk',
  'left-tibia': 'tibia',
  'right-tibia': 'tibia',
  pelvis: 'pelvis',
};

export const formatDegrees = (d: number): string => `${Math.round(d)}°`;

/**
 * The gait engine's value of an angle on this frame (filtered, direction-proof: the numbers of the
 * curves and the report), or undefined to fall back to the value measured on the drawn points.
 */
export type AngleValueOf = (gaitId: string, side: 'left' | 'right' | 'body') => number | undefined;

/** Screen pixels between a reference line's end and its label's centre. */
const REFERENCE_LABEL_GAP_PX = 24;

/**
 * `unit` is the size of one screen pixel in video pixels (1 / the on-screen scale): labels keep their
 * screen size, so how much room they take in the picture, and so where they can go, depends on it.
 */
export function buildScene(
  frame: LandmarkFrame | undefined,
  view: View,
  toggles: OverlayToggles,
  valueOf?: AngleValueOf,
  unit = 1,
  /** Boxes the labels must leave free: the skin markers' dots, drawn above the scene (marker-labels.ts). */
  avoid: readonly Box[] = [],
): Primitive[] {
  if (!toggles.all || !frame || frame.status !== 'pose') return [];
  const out: Primitive[] = [];
  const get = (n: LandmarkName) => landmarkOf(frame, n);
  const low = (...ps: ({ visibility: number } | undefined)[]) =>
    ps.some((p) => !p || p.visibility < LOW_CONFIDENCE);

  if (toggles.skeleton) {
    for (const [a, b] of SKELETON_SEGMENTS) {
      const pa = get(a);
      const pb = get(b);
      if (!pa || !pb) continue;
      const tint = tintOf(a) === tintOf(b) ? tintOf(a) : 'centre';
      out.push({ kind: 'segment', a: pa.at, b: pb.at, tint, lowConfidence: low(pa, pb) });
    }
  }
  if (toggles.angles) {
    for (const spec of JOINT_ANGLES[view]) {
      const a = get(spec.a);
      const v = get(spec.vertex);
      const b = get(spec.b);
      if (!a || !v || !b) continue;
      if (spec.onlyWhenSeen && low(a, v, b)) continue;
      const interior = interiorAngle(a.at, v.at, b.at);
      const arc = angleArc(a.at, v.at, b.at);
      if (interior === undefined || !arc) continue;
      const value = degrees(valueOf?.(spec.gaitId, spec.side) ?? clinicalAngle(interior, spec.value));
      const label = formatDegrees(value);
      out.push({ kind: 'arc', id: spec.id, arc, tint: spec.side, value, label, labelAt: arc.labelAt });
    }
  }
  for (const spec of REFERENCE_LINES) {
    if (!spec.views.includes(view) || !toggles[referenceToggle[spec.id]]) continue;
    const from = spec.from.map(get);
    const to = spec.to.map(get);
    if (from.some((p) => !p) || to.some((p) => !p)) continue;
    const f = midpoint(from.map((p) => p!.at));
    const t = midpoint(to.map((p) => p!.at));
    const measured = lineAngle(f, t, spec.against);
    if (measured === undefined) continue;
    const g = spec.gait[view];
    const value = degrees((g && valueOf?.(g.id, g.side)) ?? measured);
    const len = Math.hypot(t.x - f.x, t.y - f.y);
    const guideTo =
      spec.against === 'vertical'
        ? imagePoint(f.x, f.y + (t.y <= f.y ? -len : len))
        : imagePoint(f.x + (t.x >= f.x ? len : -len), f.y);
    out.push({
      kind: 'reference',
      id: spec.id,
      from: f,
      to: t,
      guideTo,
      value,
      label: `${spec.label} ${formatDegrees(value)}`,
      labelAt: imagePoint(t.x + REFERENCE_LABEL_GAP_PX * unit, t.y),
    });
  }
  // No label on another: move the ones that collide (label-placement.ts).
  const labelled = out.filter((p) => p.kind === 'arc' || p.kind === 'reference');
  // Nor on a landmark's dot: the PT must see the point the value is measured on.
  const names = new Set(SKELETON_SEGMENTS.flat());
  const dots = toggles.skeleton ? [...names].flatMap((n) => get(n)?.at ?? []) : [];
  const spots = placeLabels(
    labelled.map((p) => ({ anchor: p.labelAt, text: p.label })),
    unit,
    [...avoid, ...dotBoxes(dots, unit)],
  );
  const moved = new Map(labelled.map((p, i) => [p, spots[i]!]));
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    if (p.kind !== 'arc' && p.kind !== 'reference') continue;
    const at = moved.get(p);
    if (at) out[i] = { ...p, labelAt: at };
  }
  if (toggles.skeleton) {
    // Points last so they sit above lines; low-confidence ones are marked (drawn hollow and dashed).
    for (const name of names) {
      const p = get(name);
      if (p)
        out.push({
          kind: 'point',
          landmark: name,
          at: p.at,
          tint: tintOf(name),
          lowConfidence: p.visibility < LOW_CONFIDENCE,
        });
    }
  }
  return out;
}

/**
 * Where Review's skin-marker labels go (issue 15 item 4): "R lateral malleolus 100%" sat on the
 * ankle's angle label and on its neighbours' labels, since markers are taped where the joints are.
 * The same greedy point-feature placement as the angle labels, the one placer of
 * label-placement.ts (`placeGreedy`, after Christensen, Marks & Shieber 1995), with its own spots: each label tries beside its marker (right, then left), then
 * spots in widening rings, and takes the first whose box meets no angle label, no marker dot, no
 * label placed before it and stays in the picture. A label moved away from its marker gets a leader
 * line back to it. Boxes are in video pixels; sizes are given in screen pixels times `unit` (video
 * pixels per screen pixel), so labels keep their screen size at any zoom. Pure.
 */
import type { MarkerName } from '../markers';
import { markerDefinition } from '../markers';
import { imagePoint, type ImagePoint } from '../units';
import { labelBox, placeGreedy, type Box } from './label-placement';
import type { Primitive } from './scene';

/** Marker label font size on screen (px); MarkerLayer draws with the same. */
export const MARKER_LABEL_FONT_PX = 12;
/** Marker dot radius on screen (px). */
export const MARKER_DOT_PX = 6;
/** Room around the text inside a label's box (screen px). */
export const MARKER_LABEL_PAD_PX = 3;
/** Screen px between a marker's centre and its label's near edge, when the label sits beside it. */
const GAP_PX = MARKER_DOT_PX + 4;
/** Rings of candidate spots tried before a label gives up its freedom (it then keeps its first spot). */
const RINGS = 10;

/** "R lateral malleolus": the side by its letter (the colour says it too), the site in full. */
export function markerShortLabel(name: MarkerName): string {
  const d = markerDefinition(name);
  return d.label.replace(/^Left /, 'L ').replace(/^Right /, 'R ');
}

/** The boxes of the scene's angle and reference-line labels, as drawScene paints them (video px). */
export function sceneLabelBoxes(scene: readonly Primitive[], unit: number): Box[] {
  return scene.flatMap((p) =>
    p.kind === 'arc' || p.kind === 'reference' ? [labelBox(p.label, p.labelAt, unit)] : [],
  );
}

/** The box of a marker's dot at `at` (video px), for the angle labels to leave free. */
export function markerDotBox(at: ImagePoint, unit: number): Box {
  const d = (MARKER_DOT_PX + 1) * unit;
  return { x: at.x - d, y: at.y - d, w: 2 * d, h: 2 * d };
}

export interface MarkerLabelRequest {
  /** The marker's centre, video px. */
  readonly at: ImagePoint;
  readonly text: string;
  /** The text's width on screen (px), measured in the drawing font by the caller. */
  readonly textWidthPx: number;
}

export interface MarkerLabel {
  readonly text: string;
  readonly at: ImagePoint;
  /** The label's box (text plus padding), video px. */
  readonly box: Box;
  /** Where a leader line from the marker meets the box, when the label is not beside it; else null. */
  readonly leaderTo: ImagePoint | null;
  /** No free spot was found: the label keeps its first spot and may touch another. */
  readonly crowded: boolean;
  /** Which candidate spot it took: 0 is its own, right beside the marker. */
  readonly spot: number;
}

/** The nearest point of a box to p. */
function nearestOnBox(b: Box, p: ImagePoint): ImagePoint {
  return imagePoint(Math.min(Math.max(p.x, b.x), b.x + b.w), Math.min(Math.max(p.y, b.y), b.y + b.h));
}

/** Candidate top-left corners for a w×h label of a marker at p: beside it first, then in rings. */
function* spots(p: ImagePoint, w: number, h: number, gap: number): Generator<readonly [number, number]> {
  const right = p.x + gap;
  const left = p.x - gap - w;
  const mid = p.y - h / 2;
  yield [right, mid];
  yield [left, mid];
  yield [right, p.y - gap - h];
  yield [right, p.y + gap];
  yield [left, p.y - gap - h];
  yield [left, p.y + gap];
  for (let r = 1; r <= RINGS; r++) {
    const dy = r * h * 1.1;
    const dx = r * w * 0.35;
    yield [right, mid - dy];
    yield [right, mid + dy];
    yield [left, mid - dy];
    yield [left, mid + dy];
    yield [right + dx, mid];
    yield [left - dx, mid];
    yield [right + dx, mid - dy];
    yield [left - dx, mid - dy];
    yield [right + dx, mid + dy];
    yield [left - dx, mid + dy];
  }
}

/**
 * A box for each marker's label, in request order. `avoid`: boxes already drawn (the angle labels);
 * `within`: the picture, labels stay inside it. Markers are placed top to bottom, so a column of
 * markers down a leg gets its labels stacked in the same order.
 */
export function placeMarkerLabels(
  requests: readonly MarkerLabelRequest[],
  avoid: readonly Box[],
  unit: number,
  within: Box | null = null,
): MarkerLabel[] {
  const dots = requests.map((r) => markerDotBox(r.at, unit));
  const gap = GAP_PX * unit;
  const sized = requests.map((r) => ({
    ...r,
    w: (r.textWidthPx + 2 * MARKER_LABEL_PAD_PX) * unit,
    h: (MARKER_LABEL_FONT_PX * 1.25 + 2 * MARKER_LABEL_PAD_PX) * unit,
  }));
  const placed = placeGreedy(sized, {
    candidates: function* ({ at, w, h }) {
      for (const [x, y] of spots(at, w, h, gap)) yield { x, y, w, h };
    },
    // No free spot: its first spot inside the picture, or beside its marker.
    fallback: ({ at, w, h }, first) => first ?? { x: at.x + gap, y: at.y - h / 2, w, h },
    avoid: [...avoid, ...dots],
    within,
    order: requests.map((_, i) => i).sort((a, b) => requests[a]!.at.y - requests[b]!.at.y),
  });
  return sized.map((r, i): MarkerLabel => {
    const { box, spot } = placed[i]!;
    const near = nearestOnBox(box, r.at);
    // Beside its marker a label needs no line; further away the line says whose it is.
    const far = Math.hypot(near.x - r.at.x, near.y - r.at.y) > gap * 1.5;
    return { text: r.text, at: r.at, box, leaderTo: far ? near : null, crowded: spot < 0, spot };
  });
}

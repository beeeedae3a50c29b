/**
 * Where the overlay's value labels go so that none covers another. At the feet of a side-view
 * runner the tibia and ankle labels of both legs meet ("R tibia −19°" was printed over
 * "L tibia −25°"). A greedy pass, after the point-feature label placement of cartography (each
 * label tries its preferred spot, then nearby candidate spots in widening rings, and takes the first
 * that overlaps no label placed before it) [Christensen, Marks & Shieber 1995, "An empirical study
 * of algorithms for point-feature label placement"]. Labels keep their on-screen size whatever
 * the video size, so boxes are measured in screen pixels times `unit` (video pixels per screen pixel).
 */
import { imagePoint, type ImagePoint } from '../units';

/** Label font size on screen (px); the draw functions use the same. */
export const LABEL_FONT_PX = 13;
/**
 * A generous average glyph width of the bold UI font, in ems: boxes a little wider than the text
 * only keep labels further apart, never let them touch.
 */
const GLYPH_EM = 0.62;
const PAD_PX = 4;

export interface LabelRequest {
  /** Where the label would sit with nothing around it (its centre), video pixels. */
  readonly anchor: ImagePoint;
  readonly text: string;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The box a label centred at `at` covers, in video pixels. */
export function labelBox(text: string, at: ImagePoint, unit: number): Box {
  const w = (text.length * GLYPH_EM * LABEL_FONT_PX + 2 * PAD_PX) * unit;
  const h = (LABEL_FONT_PX * 1.25 + PAD_PX) * unit;
  return { x: at.x - w / 2, y: at.y - h / 2, w, h };
}

/**
 * Half the side of the square a landmark dot keeps free, screen px: the overlay draws a point at
 * most 6 px in radius with a 2 px stroke (overlay/draw.ts). Walking a portrait clip, the trunk label
 * sat on the nose point and "L tibia" on the foot's: a label must not hide the point it measures.
 */
const DOT_CLEAR_PX = 8;

/** The boxes the skeleton's points keep free of labels, in video pixels. */
export const dotBoxes = (points: readonly ImagePoint[], unit: number): Box[] =>
  points.map((p) => ({
    x: p.x - DOT_CLEAR_PX * unit,
    y: p.y - DOT_CLEAR_PX * unit,
    w: 2 * DOT_CLEAR_PX * unit,
    h: 2 * DOT_CLEAR_PX * unit,
  }));

export const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Candidate offsets in widening rings: above and below first (labels read along a limb), then sideways. */
function* candidates(w: number, h: number): Generator<readonly [number, number]> {
  yield [0, 0];
  for (let r = 1; r <= 6; r++) {
    const dx = r * w * 0.55;
    const dy = r * h;
    yield [0, -dy];
    yield [0, dy];
    yield [dx, 0];
    yield [-dx, 0];
    yield [dx, -dy];
    yield [-dx, -dy];
    yield [dx, dy];
    yield [-dx, dy];
  }
}

/**
 * The one greedy placer (the pass above): for each item, in `order`, the first of its candidate
 * boxes that stays `within` (when given) and meets no box taken so far; the box taken joins them.
 * An item whose every candidate is taken gets `fallback(firstInside, taken)`, its first candidate
 * inside (null if none was) and the boxes taken so far (`avoid` first), and that box joins them too (a crowded picture still shows every value).
 * `spot` is the index of the candidate taken, −1 for a fallback. The angle labels (placeLabels) and
 * Review's marker labels (marker-labels.ts) differ only in their candidates, order and fallback.
 */
export interface Placed {
  readonly box: Box;
  readonly spot: number;
}

export function placeGreedy<T>(
  items: readonly T[],
  options: {
    readonly candidates: (item: T) => Iterable<Box>;
    readonly fallback: (item: T, firstInside: Box | null, taken: readonly Box[]) => Box;
    /** Boxes already drawn that no item may cover. */
    readonly avoid?: readonly Box[];
    readonly within?: Box | null;
    /** Indexes of `items` in the order they choose; default: as given. */
    readonly order?: readonly number[];
  },
): Placed[] {
  const taken: Box[] = [...(options.avoid ?? [])];
  const out = new Array<Placed>(items.length);
  for (const i of options.order ?? items.map((_, k) => k)) {
    const item = items[i]!;
    let first: Box | null = null;
    let placed: Placed | null = null;
    let spot = -1;
    for (const box of options.candidates(item)) {
      spot += 1;
      if (!inside(box, options.within ?? null)) continue;
      first ??= box;
      if (!taken.some((t) => overlaps(t, box))) {
        placed = { box, spot };
        break;
      }
    }
    placed ??= { box: options.fallback(item, first, taken), spot: -1 };
    taken.push(placed.box);
    out[i] = placed;
  }
  return out;
}

/** Whether b lies wholly inside `within` (anywhere without one). */
export const inside = (b: Box, within: Box | null): boolean =>
  !within ||
  (b.x >= within.x &&
    b.y >= within.y &&
    b.x + b.w <= within.x + within.w &&
    b.y + b.h <= within.y + within.h);

/**
 * A centre for each label, in request order (earlier requests keep their preferred spot first).
 * No two returned boxes overlap unless a label finds no free spot within six rings (then it keeps
 * its anchor: a crowded frame still shows every value).
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  unit: number,
  /** Boxes no label may cover, drawn above the labels (skin markers' dots, issue 15). */
  avoid: readonly Box[] = [],
): ImagePoint[] {
  const items = requests.map((r) => {
    const base = labelBox(r.text, r.anchor, unit);
    return { anchor: r.anchor, base, offsets: [...candidates(base.w, base.h)] };
  });
  const placed = placeGreedy(items, {
    candidates: ({ base, offsets }) =>
      offsets.map(([dx, dy]) => ({ ...base, x: base.x + dx, y: base.y + dy })),
    fallback: ({ base }) => base,
    avoid,
  });
  return items.map(({ anchor, offsets }, i) => {
    const { spot } = placed[i]!;
    if (spot < 0) return anchor;
    const [dx, dy] = offsets[spot]!;
    return imagePoint(anchor.x + dx, anchor.y + dy);
  });
}

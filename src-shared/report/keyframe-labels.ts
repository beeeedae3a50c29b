/**
 * Where the angles printed on a report key frame go ("knee 23°", "pelvis 5°"): stacked in the
 * picture's top-left corner, unless a skin marker's dot lies there. A rear clip framed on the legs,
 * as rearfoot work wants it (docs/markers.md), has the PSIS markers near the top of the picture,
 * beside the words (test/cli/rear-markers.test.ts's report: "knee FPPA 4°" ended 3 px from the
 * right PSIS dot), and a rear clip's pelvis line crosses the corner (the skeleton's segments and
 * points are avoided too, as drawn by KeyFrameFigure). The words then take the next free line down the left edge, else the right edge,
 * else the bottom corners: Review's greedy placer (src-shared/review/label-placement.ts,
 * `placeGreedy`, after Christensen, Marks & Shieber 1995) over these slots, boxes in the picture's
 * pixels. The sizes are KeyFrameFigure's and KeyFrameMarkers' (they import them from here), so the
 * boxes are what the page draws; test/report/keyframe-labels-pdf.test.ts measures the printed page.
 * Pure.
 */
import { Landmark, type LandmarkName } from '../pose/landmarks';
import { inside, overlaps, placeGreedy, type Box } from '../review/label-placement';
import { SKELETON_SEGMENTS } from '../review/overlay-tables';
import type { KeyFrame, ReportMarker } from './model';

type Crop = KeyFrame['crop'];
type Label = KeyFrame['labels'][number];

/** Font size of the printed angles: a share of the picture's width. */
export const keyFrameFontPx = (crop: Crop): number => crop.w / 15;
/** Their dark outline (painted under the glyphs, half of it outside them). */
export const keyFrameOutlinePx = (crop: Crop): number => crop.w / 160;
/** The drawing's line width: skeleton lines, and the unit of the dots. */
export const keyFrameStrokePx = (crop: Crop): number => Math.max(2, crop.w / 110);
/** A marker dot's radius, and its outline (a point placed by hand is ringed wider, in white). */
export const markerDotRadius = (stroke: number): number => stroke * 2.2;
export const markerDotOutline = (stroke: number, byHand: boolean): number => stroke * (byHand ? 0.8 : 0.5);

/** Left edge and first baseline (shares of the picture's side); baseline to baseline. */
const EDGE = 0.04;
const FIRST = 0.08;
/**
 * 0.09 is 1.35 em: the lines' boxes as Chromium lays them out (ascent and descent, about 1.16 em
 * in the report's sans-serif) and their outlines stay apart; at 0.075 (1.125 em) they overlapped,
 * the descender of "hip ext" reaching into the next line's.
 */
const STEP = 0.09;
/** A generous width of the bold sans-serif per character, em (measured: "knee FPPA 1°" 0.61 em). */
const GLYPH_EM = 0.66;
/** The same for short names in capitals: at 0.66 em a character "GT" ran over its own dot on the
 *  printed page (test/report/keyframe-labels-pdf.test.ts); the markers' names (keyframe-marker-names.ts). */
export const CAPITALS_GLYPH_EM = 0.8;
/** Ascent and descent of the sans-serif, em: the box above and below the baseline. */
const ASCENT_EM = 0.95;
const DESCENT_EM = 0.25;
/** Lines tried down each edge. */
const SLOTS = 9;

/**
 * The box a label's text covers, outline included, drawn from (x, baseline y): the angles' size by
 * default, a marker's name's (keyframe-marker-names.ts) when `em` and `outline` are given.
 */
export function keyFrameLabelBox(
  text: string,
  x: number,
  y: number,
  crop: Crop,
  em = keyFrameFontPx(crop),
  outline = keyFrameOutlinePx(crop),
  glyphEm = GLYPH_EM,
): Box {
  const o = outline / 2;
  const w = text.length * glyphEm * em;
  return { x: x - o, y: y - ASCENT_EM * em - o, w: w + 2 * o, h: (ASCENT_EM + DESCENT_EM) * em + 2 * o };
}

/** Baseline below a box's centre, in em: a text centred on a point (ascent and descent apart). */
export const CENTRED_BASELINE_EM = (ASCENT_EM - DESCENT_EM) / 2;

/** The landmarks KeyFrameFigure draws as dots: the trunk and legs, no face or fingers. */
export const KEYFRAME_POINTS = (Object.keys(Landmark) as LandmarkName[]).filter(
  (n) => Landmark[n] >= Landmark.leftShoulder && !/Pinky|Index$|Thumb/.test(n),
);
/** A landmark dot's radius and outline, in strokes (KeyFrameFigure). */
export const LANDMARK_DOT = { r: 1.3, outline: 0.4 } as const;

/**
 * The drawn skeleton as boxes: each segment (width one stroke) covered by squares 1.2 strokes wide
 * every half stroke along it, which hold a line of any direction; each point's dot with its outline.
 */
export function skeletonBoxes(landmarks: KeyFrame['landmarks'], crop: Crop): Box[] {
  if (!landmarks) return [];
  const stroke = keyFrameStrokePx(crop);
  const at = (n: LandmarkName) => landmarks[Landmark[n]];
  const square = (x: number, y: number, half: number): Box => ({
    x: x - half,
    y: y - half,
    w: 2 * half,
    h: 2 * half,
  });
  const lines = SKELETON_SEGMENTS.flatMap(([a, b]) => {
    const p = at(a);
    const q = at(b);
    if (!p || !q) return [];
    const n = Math.max(1, Math.ceil(Math.hypot(q[0] - p[0], q[1] - p[1]) / (stroke / 2)));
    return Array.from({ length: n + 1 }, (_, i) =>
      square(p[0] + ((q[0] - p[0]) * i) / n, p[1] + ((q[1] - p[1]) * i) / n, 0.6 * stroke),
    );
  });
  const dot = (LANDMARK_DOT.r + LANDMARK_DOT.outline / 2) * stroke;
  const points = KEYFRAME_POINTS.flatMap((n) => {
    const p = at(n);
    return p ? [square(p[0], p[1], dot)] : [];
  });
  return [...lines, ...points];
}

/** A marker's dot as drawn (KeyFrameMarkers), outline included. */
export function markerDotBox(m: ReportMarker, crop: Crop): Box {
  const stroke = keyFrameStrokePx(crop);
  const r = markerDotRadius(stroke) + markerDotOutline(stroke, m.byHand) / 2;
  return { x: m.x - r, y: m.y - r, w: 2 * r, h: 2 * r };
}

/**
 * Nowhere free (a runner filling the picture, arms across every edge): the slot inside the picture
 * that covers no label placed before and the fewest drawn boxes (the least of the skeleton's lines
 * and dots), else its own line of the corner (every value is still shown). `taken` holds the
 * `drawn` boxes first, then the labels placed.
 */
function leastCovered(
  slots: readonly { box: Box }[],
  own: number,
  taken: readonly Box[],
  drawn: number,
  crop: Crop,
): Box {
  const labels = taken.slice(drawn);
  const drawnBoxes = taken.slice(0, drawn);
  let best: { box: Box; hits: number } | null = null;
  for (const { box } of slots) {
    if (!inside(box, crop) || labels.some((l) => overlaps(l, box))) continue;
    const hits = drawnBoxes.filter((d) => overlaps(d, box)).length;
    if (!best || hits < best.hits) best = { box, hits };
  }
  return best?.box ?? slots[own]!.box;
}

/**
 * The labels' places: the top-left corner's lines in order where nothing is drawn there (no marker,
 * no skeleton line or point), else the first free line down the left edge, the right edge
 * (right-aligned), then up from the bottom corners. A label with no free line takes the least
 * covered (`leastCovered`).
 */
export function placeKeyFrameLabels(
  texts: readonly string[],
  crop: Crop,
  markers: readonly ReportMarker[] = [],
  landmarks: KeyFrame['landmarks'] = null,
): Label[] {
  const at = (k: number, fromBottom: boolean): number =>
    fromBottom ? crop.y + crop.h * (1 - FIRST + 0.05 - STEP * k) : crop.y + crop.h * (FIRST + STEP * k);
  const slots = (text: string): { x: number; y: number; box: Box }[] => {
    const w = keyFrameLabelBox(text, 0, 0, crop).w;
    const left = crop.x + crop.w * EDGE;
    const right = crop.x + crop.w * (1 - EDGE) - w;
    const out: { x: number; y: number }[] = [];
    for (const [x, fromBottom] of [
      [left, false],
      [right, false],
      [left, true],
      [right, true],
    ] as const)
      for (let k = 0; k < SLOTS; k++) out.push({ x, y: at(k, fromBottom) });
    return out.map((p) => ({ ...p, box: keyFrameLabelBox(text, p.x, p.y, crop) }));
  };
  const items = texts.map((text) => ({ text, slots: slots(text) }));
  const avoid = [...markers.map((m) => markerDotBox(m, crop)), ...skeletonBoxes(landmarks, crop)];
  const placed = placeGreedy(items, {
    candidates: (it) => it.slots.map((s) => s.box),
    fallback: (it, _first, taken) => leastCovered(it.slots, items.indexOf(it), taken, avoid.length, crop),
    avoid,
    within: { x: crop.x, y: crop.y, w: crop.w, h: crop.h },
  });
  return items.map((it, i) => {
    const s = it.slots.find((x) => x.box === placed[i]!.box)!;
    return { text: it.text, x: s.x, y: s.y };
  });
}

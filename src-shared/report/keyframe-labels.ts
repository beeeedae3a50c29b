/**
 * Where the angles printed on a report key frame go ("knee 23°", "pelvis 5°"): stacked in the
 * picture's top-left corner, unless a skin marker's dot lies there. A rear clip framed on the legs,
 * as rearfoot work wants it (docs/markers.md), has the PSIS markers near the top of the picture,
 * beside the words (test/cli/rear-markers.test.ts's report: "knee FPPA 4°" ended 3 px from the
 * right PSIS dot). The words then take the next free line down the left edge, else the right edge,
 * else the bottom corners: Review's greedy placer (src-shared/review/label-placement.ts,
 * `placeGreedy`, after Christensen, Marks & Shieber 1995) over these slots, boxes in the picture's
 * pixels. The sizes are KeyFrameFigure's and KeyFrameMarkers' (they import them from here), so the
 * boxes are what the page draws; test/report/keyframe-labels-pdf.test.ts measures the printed page.
 * Pure.
 */
import { placeGreedy, type Box } from '../review/label-placement';
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
/** Ascent and descent of the sans-serif, em: the box above and below the baseline. */
const ASCENT_EM = 0.95;
const DESCENT_EM = 0.25;
/** Lines tried down each edge. */
const SLOTS = 9;

/** The box a label's text covers, outline included, drawn from (x, baseline y). */
export function keyFrameLabelBox(text: string, x: number, y: number, crop: Crop): Box {
  const em = keyFrameFontPx(crop);
  const o = keyFrameOutlinePx(crop) / 2;
  const w = text.length * GLYPH_EM * em;
  return { x: x - o, y: y - ASCENT_EM * em - o, w: w + 2 * o, h: (ASCENT_EM + DESCENT_EM) * em + 2 * o };
}

/** A marker's dot as drawn (KeyFrameMarkers), outline included. */
export function markerDotBox(m: ReportMarker, crop: Crop): Box {
  const stroke = keyFrameStrokePx(crop);
  const r = markerDotRadius(stroke) + markerDotOutline(stroke, m.byHand) / 2;
  return { x: m.x - r, y: m.y - r, w: 2 * r, h: 2 * r };
}

/**
 * The labels' places: the top-left corner's lines in order where nothing is drawn there (so without
 * markers exactly the stacked corner), else the first free line down the left edge, the right edge
 * (right-aligned), then up from the bottom corners. A label with no free line keeps its corner line.
 */
export function placeKeyFrameLabels(
  texts: readonly string[],
  crop: Crop,
  markers: readonly ReportMarker[] = [],
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
  const placed = placeGreedy(items, {
    candidates: (it) => it.slots.map((s) => s.box),
    // Nowhere free: its own line of the corner (every value is still shown).
    fallback: (it) => it.slots[items.indexOf(it)]!.box,
    avoid: markers.map((m) => markerDotBox(m, crop)),
    within: { x: crop.x, y: crop.y, w: crop.w, h: crop.h },
  });
  return items.map((it, i) => {
    const { spot } = placed[i]!;
    const s = it.slots[spot >= 0 ? spot : i]!;
    return { text: it.text, x: s.x, y: s.y };
  });
}

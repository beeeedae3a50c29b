/**
 * The skin markers' names on a report key frame ("ASIS", "GT", "mall.", "heel sup"): the protocol's
 * short names (src-shared/markers/protocol.ts), without the side, which the dot's colour gives.
 * Before, the dots were drawn nameless, and a PT reading the printed page told an ASIS from a PSIS
 * only by the segments. Each name tries the places beside its dot (right, left, above, below), then
 * the same places a line further up and down, up to NEAR_LINES, and takes the first that covers no
 * marker dot, no printed angle and no name placed before it and stays in the picture: Review's greedy
 * placer (src-shared/review/label-placement.ts `placeGreedy`, after Christensen, Marks & Shieber
 * 1995). A name with no free place near its dot is left out rather than printed over something or
 * far from its marker, where it would name the wrong one; the dot's colour and its segments still
 * tell it. Names may cross a skeleton line: their dark outline keeps them legible, and a name kept
 * off every line would sit far from its dot. Boxes in the picture's pixels, the sizes KeyFrameMarkers
 * draws with; test/report/keyframe-labels-pdf.test.ts measures the printed page. Pure.
 */
import { isMarkerName, markerDefinition } from '../markers';
import { placeGreedy, type Box } from '../review/label-placement';
import {
  CAPITALS_GLYPH_EM,
  CENTRED_BASELINE_EM,
  keyFrameLabelBox,
  keyFrameStrokePx,
  markerDotBox,
  markerDotRadius,
} from './keyframe-labels';
import type { KeyFrame, ReportMarker } from './model';

type Crop = KeyFrame['crop'];
type MarkerNameLabel = NonNullable<KeyFrame['markerNames']>[number];

/** The names' font size, half the angles' (keyframe-labels.ts `keyFrameFontPx`), and its outline. */
export const markerNameFontPx = (crop: Crop): number => crop.w / 30;
export const markerNameOutlinePx = (crop: Crop): number => crop.w / 320;
/** Lines above and below the four places beside the dot tried before a name is left out. */
const NEAR_LINES = 2;

/** Room added around a name's box, em: Chromium's box of the bold sans-serif reaches 0.31 em below
 *  the baseline (measured on the printed page: "ASIS" touched a dot 1.4 px under the 0.25 em the
 *  angles' boxes allow, whose lines are spaced wider than that). */
const NAME_MARGIN_EM = 0.1;

/** The box a marker's name covers, outline and margin included, drawn from (x, baseline y). */
export const markerNameBox = (text: string, x: number, y: number, crop: Crop): Box => {
  const em = markerNameFontPx(crop);
  const room = markerNameOutlinePx(crop) + 2 * NAME_MARGIN_EM * em;
  return keyFrameLabelBox(text, x, y, crop, em, room, CAPITALS_GLYPH_EM);
};

/** "ASIS" for rightAsis; a name outside the protocol by its own words. */
const shortName = (name: string): string => (isMarkerName(name) ? markerDefinition(name).short : name);

/** A marker's name's places, as (x, baseline y): beside the dot, then a line up and down. */
function places(m: ReportMarker, text: string, crop: Crop): { x: number; y: number }[] {
  const em = markerNameFontPx(crop);
  const { w, h } = markerNameBox(text, 0, 0, crop);
  const gap = markerDotRadius(keyFrameStrokePx(crop)) * 1.4;
  const mid = m.y + CENTRED_BASELINE_EM * em;
  const beside = [
    { x: m.x + gap, y: mid },
    { x: m.x - gap - w, y: mid },
    { x: m.x - w / 2, y: m.y - gap - h / 2 + CENTRED_BASELINE_EM * em },
    { x: m.x - w / 2, y: m.y + gap + h / 2 + CENTRED_BASELINE_EM * em },
  ];
  const out = [...beside];
  for (let k = 1; k <= NEAR_LINES; k++)
    for (const p of beside.slice(0, 2)) out.push({ x: p.x, y: p.y - k * h }, { x: p.x, y: p.y + k * h });
  return out;
}

/**
 * Each marker's name where it is free, in the markers' order; `labels` are the angles already
 * placed (keyframe-labels.ts `placeKeyFrameLabels`), which the names leave free.
 */
export function placeMarkerNames(
  markers: readonly ReportMarker[],
  crop: Crop,
  labels: KeyFrame['labels'],
): MarkerNameLabel[] {
  const items = markers.map((m) => {
    const text = shortName(m.name);
    return { m, text, places: places(m, text, crop) };
  });
  const placed = placeGreedy(items, {
    candidates: (it) => it.places.map((p) => markerNameBox(it.text, p.x, p.y, crop)),
    // Nowhere free near its dot: left out. An empty box at -∞ meets no other (placeGreedy keeps it).
    fallback: () => ({ x: -Infinity, y: -Infinity, w: 0, h: 0 }),
    avoid: [
      ...markers.map((m) => markerDotBox(m, crop)),
      ...labels.map((l) => keyFrameLabelBox(l.text, l.x, l.y, crop)),
    ],
    within: { x: crop.x, y: crop.y, w: crop.w, h: crop.h },
  });
  return items.flatMap((it, i) => {
    const { spot } = placed[i]!;
    return spot < 0 ? [] : [{ name: it.m.name, text: it.text, ...it.places[spot]! }];
  });
}

/**
 * The marker protocol as data (style: tables, not names scattered through code and UI): which
 * markers a clinic tapes, in which view, and where. Pictures and the variables each marker serves:
 * docs/markers.md ("Marker protocol").
 */
import type { Side } from '../gait/types';
import type { MarkerDefinition, MarkerName, MarkerSite, MarkerView } from './types';

interface SiteRow {
  readonly site: MarkerSite;
  readonly views: readonly MarkerView[];
  readonly label: string;
  /** Printed beside the dot on the report's key frames, where the side's colour tells the side. */
  readonly short: string;
  readonly placement: string;
}

const SITES: readonly SiteRow[] = [
  {
    site: 'Asis',
    views: ['side'],
    label: 'ASIS',
    short: 'ASIS',
    placement: 'On the anterior superior iliac spine, felt at the front of the pelvis.',
  },
  {
    site: 'Psis',
    views: ['side', 'rear'],
    label: 'PSIS',
    short: 'PSIS',
    placement: 'On the posterior superior iliac spine, at the dimple above the buttock.',
  },
  {
    site: 'GreaterTrochanter',
    views: ['side'],
    label: 'greater trochanter',
    short: 'GT',
    placement: 'On the most lateral point of the greater trochanter.',
  },
  {
    site: 'LateralKnee',
    views: ['side'],
    label: 'lateral knee',
    short: 'knee',
    placement: 'On the lateral femoral epicondyle (knee joint line, outside).',
  },
  {
    site: 'LateralMalleolus',
    views: ['side'],
    label: 'lateral malleolus',
    short: 'mall.',
    placement: 'On the tip of the lateral malleolus (outer ankle bone).',
  },
  {
    site: 'Heel',
    views: ['side'],
    label: 'heel',
    short: 'heel',
    placement: 'On the shoe at the back of the heel, at the height of the fifth metatarsal marker.',
  },
  {
    site: 'FifthMetatarsal',
    views: ['side'],
    label: 'fifth metatarsal head',
    short: '5th MT',
    placement: 'On the shoe over the head of the fifth metatarsal (outer forefoot).',
  },
  {
    site: 'HeelCounterUpper',
    views: ['rear'],
    label: 'heel counter, upper',
    short: 'heel sup',
    placement: 'On the vertical midline of the heel counter, near its top edge.',
  },
  {
    site: 'HeelCounterLower',
    views: ['rear'],
    label: 'heel counter, lower',
    short: 'heel inf',
    placement: 'On the same midline, just above the sole.',
  },
  {
    site: 'ShankUpper',
    views: ['rear'],
    label: 'lower shank, upper',
    short: 'shank sup',
    placement: 'On the midline of the back of the lower leg, about 15 cm above the lower shank marker.',
  },
  {
    site: 'ShankLower',
    views: ['rear'],
    label: 'lower shank, lower',
    short: 'shank inf',
    placement: 'On the midline of the Achilles tendon, just above the heel counter.',
  },
];

const SIDE_WORD: Record<Side, string> = { left: 'Left', right: 'Right' };

/** Every marker of the protocol, left then right per site. */
export const MARKERS: readonly MarkerDefinition[] = SITES.flatMap((row) =>
  (['left', 'right'] as const).map((side): MarkerDefinition => ({
    name: `${side}${row.site}`,
    side,
    site: row.site,
    views: row.views,
    label: `${SIDE_WORD[side]} ${row.label}`,
    short: row.short,
    placement: row.placement,
  })),
);

const BY_NAME = new Map<string, MarkerDefinition>(MARKERS.map((m) => [m.name, m]));

export function markerDefinition(name: MarkerName): MarkerDefinition {
  const def = BY_NAME.get(name);
  if (def === undefined) throw new Error(`unknown marker ${name}`);
  return def;
}

export function isMarkerName(s: string): s is MarkerName {
  return BY_NAME.has(s);
}

/** The markers of one view (PSIS belongs to both). */
export function markersForView(view: MarkerView): MarkerDefinition[] {
  return MARKERS.filter((m) => m.views.includes(view));
}

/**
 * Rear-view markers of one leg that keep their order from top to bottom: the lower-shank pair, and
 * the heel-counter pair. The pairs themselves pass each other: in swing the heel comes up behind
 * the shank, over the lower-shank markers and on the synthetic runner above the upper one (at 60
 * fps the heel counter's upper marker lies above the shank's lower one on 145 of 360 leg-frames,
 * never a shank or a heel-counter marker above its own pair's upper one). The tracker keeps each
 * pair's order when its markers come close (which blob is which is otherwise a guess).
 */
export const TOP_TO_BOTTOM: readonly (readonly MarkerSite[])[] = [
  ['ShankUpper', 'ShankLower'],
  ['HeelCounterUpper', 'HeelCounterLower'],
];

/**
 * Markers on one rigid body part (or across a joint whose centre the marker sits on), per leg: the
 * distance between two of them in the image is a constraint the tracker keeps (track-segments.ts).
 * Side view: the body moves in the image plane, so each distance is fixed (the lateral knee and
 * malleolus markers sit over the joint axes: thigh = trochanter-knee, shank = knee-malleolus, the
 * foot's three markers a rigid triangle with the malleolus on the ankle's axis). Rear view: the shank
 * and the heel tilt toward and away from the camera (the foot comes up behind the shank in swing),
 * so a projected distance is only bounded by the longest seen, never more.
 */
export const SEGMENTS: readonly {
  readonly sites: readonly MarkerSite[];
  readonly kind: 'fixed' | 'atMost';
}[] = [
  { sites: ['Asis', 'Psis'], kind: 'fixed' },
  { sites: ['GreaterTrochanter', 'LateralKnee'], kind: 'fixed' },
  { sites: ['LateralKnee', 'LateralMalleolus'], kind: 'fixed' },
  { sites: ['LateralMalleolus', 'Heel', 'FifthMetatarsal'], kind: 'fixed' },
  { sites: ['ShankUpper', 'ShankLower'], kind: 'atMost' },
  { sites: ['ShankLower', 'HeelCounterUpper'], kind: 'atMost' },
  { sites: ['HeelCounterUpper', 'HeelCounterLower'], kind: 'atMost' },
];

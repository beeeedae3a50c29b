/**
 * Name suggestions for a clicked blob: where the pose landmarks put each marker site of the view,
 * ranked by distance. The landmarks are joint centres, so the sites are estimated from them with
 * fixed fractions of the segments (docs/markers.md, "Naming"); good enough to rank, never to measure.
 */
import { Landmark, type LandmarkFrame, type LandmarkName } from '../pose/landmarks';
import type { Side } from '../gait/types';
import { markersForView } from './protocol';
import type { MarkerSite, MarkerView, NameSuggestion, SuggestName } from './types';

type Pt = readonly [number, number];

function point(frame: LandmarkFrame, name: LandmarkName): Pt | null {
  const p = frame.image?.[Landmark[name]];
  return p ? [p[0], p[1]] : null;
}
const lerp = (a: Pt, b: Pt, s: number): Pt => [a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s];

/** Estimated image position of a site of one leg from the landmarks, or null. */
function siteFrom(frame: LandmarkFrame, side: Side, site: MarkerSite, view: MarkerView): Pt | null {
  const hip = point(frame, `${side}Hip`);
  const knee = point(frame, `${side}Knee`);
  const ankle = point(frame, `${side}Ankle`);
  const heel = point(frame, `${side}Heel`);
  const toe = point(frame, `${side}FootIndex`);
  const other = point(frame, side === 'left' ? 'rightHip' : 'leftHip');
  if (!hip || !knee || !ankle || !heel || !toe) return null;
  const thigh = Math.hypot(hip[0] - knee[0], hip[1] - knee[1]);
  // Forward in the image: from the heel toward the toes (side view).
  const fwd = Math.sign(toe[0] - heel[0]) || 1;
  switch (site) {
    case 'Asis':
      return [hip[0] + fwd * 0.3 * thigh, hip[1] - 0.2 * thigh];
    case 'Psis':
      if (view === 'rear' && other) return [hip[0] + 0.35 * (other[0] - hip[0]), hip[1] - 0.25 * thigh];
      return [hip[0] - fwd * 0.3 * thigh, hip[1] - 0.3 * thigh];
    case 'GreaterTrochanter':
      return hip;
    case 'LateralKnee':
      return knee;
    case 'LateralMalleolus':
      return ankle;
    case 'Heel':
      return heel;
    case 'FifthMetatarsal':
      return lerp(heel, toe, 0.75);
    case 'HeelCounterUpper':
      return lerp(heel, ankle, 0.6);
    case 'HeelCounterLower':
      return heel;
    case 'ShankUpper':
      return lerp(ankle, knee, 0.4);
    case 'ShankLower':
      return lerp(ankle, knee, 0.12);
  }
}

/**
 * The view's marker names, nearest estimated site first. Without a pose (or a landmark missing)
 * those names come last, in protocol order, with an infinite distance.
 */
export const suggestName: SuggestName = (blob, pose, view) => {
  const out: NameSuggestion[] = markersForView(view).map((m) => {
    const at = pose && pose.status === 'pose' ? siteFrom(pose, m.side, m.site, view) : null;
    return { name: m.name, distancePx: at ? Math.hypot(at[0] - blob.x, at[1] - blob.y) : Infinity };
  });
  return out.sort((a, b) => a.distancePx - b.distancePx);
};

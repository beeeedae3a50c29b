/**
 * Initial contact and toe-off from a foot's skin markers, side view (issue 15 item 3; method and
 * figures in docs/markers.md, "Marker events").
 *
 * A marker taped on the shoe keeps one image height while its part of the foot is on the belt (the
 * belt does not move vertically), so "on the ground" is read from the marker itself, as the engine
 * reads it from the pose landmarks (docs/gait-methods.md, "Gait events": each foot's own contact
 * level, vertical kinematics after Handsaker 2016 and Leitch 2011), with no landmark in between:
 *
 * - the **heel point** is the heel marker itself: it lands with the heel (rearfoot strike);
 * - the **forefoot point** is the point of the foot that stays down until toe-off, located from the
 *   heel and fifth-metatarsal markers (foot-events-pivot.ts): the 5th MT marker sits on the upper of
 *   the shoe, above and behind the point the foot rolls over at push-off, so it rises with the heel
 *   long before the toe leaves (on the synthetic runner 40% of the stance early);
 * - **initial contact** is the first of the two points to reach its stance level (a midfoot or
 *   forefoot striker lands on the forefoot first), **toe-off** the forefoot point leaving it.
 *
 * Sub-frame timing as the engine does: a landing is placed between the last frame above and the
 * first frame on the level by linear interpolation toward the level (heel-contact.ts), a lift by
 * extending the first two frames of rise back to the level. Each event says whether its markers
 * were seen (detected, or placed by the PT) on the frames it was read from: a marker coasted or
 * placed by its segment through a hidden stretch gives a position, not a measurement of the moment
 * it touched, and such an event is left to the landmarks (foot-events-choice.ts).
 */
import type { Side } from '../gait/types';
import { median } from '../stats';
import {
  groundCrossings,
  pointSeries,
  type Crossing,
  type Crossings,
  type PointSeries,
  type StanceLevel,
} from './foot-events-ground';
import { forefootPivot, type Pivot } from './foot-events-pivot';
import type { MarkerEvent, MarkerTrack } from './types';

export interface FootEventsOptions {
  /** Band under the stance level that counts as on the ground, pixels. Default 2 (as heel-contact.ts). */
  readonly bandPx?: number;
}

/** The point of the foot an event was read from. */
export type FootPoint = 'heel' | 'forefoot';

export interface FootMarkerEvent extends MarkerEvent {
  readonly kind: 'initial-contact' | 'toe-off';
  readonly by: FootPoint;
  /** Its markers detected (or placed by the PT) on the frames the crossing was read from, and one either side. */
  readonly seen: boolean;
  /** The lowest confidence of those marker points (0..1). */
  readonly confidence: number;
}

export interface FootEvents {
  readonly side: Side;
  /** Sorted by frame. */
  readonly events: readonly FootMarkerEvent[];
  readonly heel: StanceLevel | null;
  readonly forefoot: (StanceLevel & { readonly pivot: Pivot }) | null;
}

/** Seen on frames [from − 1, to + 1], and the lowest confidence there. */
function evidence(s: PointSeries, c: Crossing): { seen: boolean; confidence: number } {
  let seen = true;
  let confidence = 1;
  for (let i = c.from - 1; i <= c.to + 1; i++) {
    if (i < 0 || i >= s.y.length) continue;
    if (!s.seen[i]) seen = false;
    confidence = Math.min(confidence, s.confidence[i] ?? 0);
  }
  return { seen, confidence };
}

/**
 * The foot's contacts and toe-offs from its heel and (if tracked) fifth-metatarsal markers. Without a
 * 5th MT marker: contacts from the heel alone (a rearfoot striker's), no toe-off.
 */
export function footEvents(
  heel: MarkerTrack | undefined,
  fifth: MarkerTrack | undefined,
  side: Side,
  options: FootEventsOptions = {},
): FootEvents {
  const band = options.bandPx ?? 2;
  const heelSeries = heel ? pointSeries(heel) : null;
  const heelX = heelSeries ? groundCrossings(heelSeries.y, band) : null;
  const pivot = heel && fifth ? forefootPivot(heel, fifth, band) : null;
  const foreX = pivot ? groundCrossings(pivot.series.y, band) : null;

  type Landing = { c: Crossing; by: FootPoint; s: PointSeries };
  // A point landing while the foot's other point is already down is the foot coming flat, not a
  // contact (a rearfoot striker's forefoot, a forefoot striker's heel; also a stance whose first
  // touch fell before the clip).
  const down = (x: Crossings | null, y: Float64Array | undefined, i: number): boolean =>
    !!x && !!y && Number.isFinite(y[i]!) && y[i]! >= x.level.levelPx - band;
  const landings: Landing[] = [
    ...(heelX && heelSeries
      ? heelX.landings
          .filter((c) => !down(foreX, pivot?.series.y, c.from))
          .map((c) => ({ c, by: 'heel' as const, s: heelSeries }))
      : []),
    ...(foreX && pivot
      ? foreX.landings
          .filter((c) => !down(heelX, heelSeries?.y, c.from))
          .map((c) => ({ c, by: 'forefoot' as const, s: pivot.series }))
      : []),
  ].sort((a, b) => a.c.frameF - b.c.frameF);
  // One contact per stance: the heel's and the forefoot's landings of one stance lie within the
  // stance (under half a stride apart); the first of them is the contact.
  const heelGaps = (heelX?.landings ?? []).slice(1).map((c, k) => c.frameF - heelX!.landings[k]!.frameF);
  const foreGaps = (foreX?.landings ?? []).slice(1).map((c, k) => c.frameF - foreX!.landings[k]!.frameF);
  const gaps = heelGaps.length >= foreGaps.length ? heelGaps : foreGaps;
  const sameStance = gaps.length ? 0.5 * median(gaps) : 10;
  const events: FootMarkerEvent[] = [];
  let last = -Infinity;
  for (const l of landings) {
    if (l.c.frameF - last < sameStance) continue;
    last = l.c.frameF;
    events.push({ kind: 'initial-contact', side, frameF: l.c.frameF, by: l.by, ...evidence(l.s, l.c) });
  }
  if (foreX && pivot)
    for (const c of foreX.lifts)
      events.push({ kind: 'toe-off', side, frameF: c.frameF, by: 'forefoot', ...evidence(pivot.series, c) });
  events.sort((a, b) => a.frameF - b.frameF);
  return {
    side,
    events,
    heel: heelX?.level ?? null,
    forefoot: foreX && pivot ? { ...foreX.level, pivot: pivot.pivot } : null,
  };
}

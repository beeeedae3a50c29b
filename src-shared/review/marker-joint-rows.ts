/**
 * Marker knee and ankle angles as rows of the hybrid analysis (issue 15 item 3; docs/markers.md,
 * "Variables"): per leg with its markers, knee flexion and ankle dorsiflexion at initial contact and
 * peak knee flexion in stance, summarised as the pelvis rows (marker-variables.ts). Pure.
 */
import {
  markerJointAngles,
  markerJointSteps,
  type JointMarkers,
  type MarkerEvent,
  type MarkerTrack,
} from '../markers';
import type { Side } from '../gait/types';
import {
  contactOf,
  markerAngleSystematicDeg,
  medianLength,
  segment,
  segmentsHold,
  stepU,
  summarise,
  trackOf,
  type MarkerSideSummary,
} from './marker-uncertainty';
import type { MarkerVariableRow, RowDef } from './marker-variables';

/** A leg's joint markers: the knee and malleolus, with the trochanter, heel and 5th MT where taped. */
function jointMarkersOf(tracks: readonly MarkerTrack[], side: Side): JointMarkers | null {
  const lateralKnee = trackOf(tracks, `${side}LateralKnee`);
  const lateralMalleolus = trackOf(tracks, `${side}LateralMalleolus`);
  if (!lateralKnee || !lateralMalleolus) return null;
  return {
    greaterTrochanter: trackOf(tracks, `${side}GreaterTrochanter`),
    lateralKnee,
    lateralMalleolus,
    heel: trackOf(tracks, `${side}Heel`),
    fifthMetatarsal: trackOf(tracks, `${side}FifthMetatarsal`),
  };
}

/** Angle uncertainty of a joint from its two segments (1 px at each end of each; in quadrature). */
function jointSystematic(
  a: MarkerTrack | undefined,
  b: MarkerTrack,
  c: MarkerTrack,
  d?: MarkerTrack,
): number {
  if (!a) return NaN;
  return Math.hypot(
    markerAngleSystematicDeg(medianLength(a, b)),
    markerAngleSystematicDeg(medianLength(c, d ?? b)),
  );
}

/**
 * Marker knee and ankle rows of a side clip: per leg, its own stances (`markerJointSteps`), mean ±
 * SD with the interval and the spread rule, as the pelvis rows. A row is left out where no leg has
 * its markers: the pose landmarks' value is then the variables table's.
 */
export function jointRows(
  tracks: readonly MarkerTrack[],
  ev: readonly MarkerEvent[],
  defs: readonly RowDef[],
): MarkerVariableRow[] {
  const legs = (['left', 'right'] as const).map((side) => {
    const m = jointMarkersOf(tracks, side);
    if (!m) return null;
    const angles = markerJointAngles(m);
    const knee = jointSystematic(m.greaterTrochanter, m.lateralKnee, m.lateralKnee, m.lateralMalleolus);
    const ankle =
      m.heel && m.fifthMetatarsal
        ? jointSystematic(m.lateralKnee, m.lateralMalleolus, m.heel, m.fifthMetatarsal)
        : NaN;
    const shank = segment(m.lateralKnee, m.lateralMalleolus);
    const segments = {
      knee: m.greaterTrochanter ? [segment(m.greaterTrochanter, m.lateralKnee), shank] : [shank],
      ankle: m.heel && m.fifthMetatarsal ? [shank, segment(m.heel, m.fifthMetatarsal)] : [shank],
    };
    return { side, steps: markerJointSteps(m, side, ev), angles, knee, ankle, segments };
  });
  return defs.flatMap((d): MarkerVariableRow[] => {
    const isAnkle = d.id === 'ankle-dorsiflexion-ic';
    const of = (k: 0 | 1): MarkerSideSummary | null => {
      const leg = legs[k];
      const sys = leg ? (isAnkle ? leg.ankle : leg.knee) : NaN;
      if (!leg || !Number.isFinite(sys)) return null;
      const series = isAnkle ? leg.angles.ankleDorsiflexion : leg.angles.kneeFlexion;
      return summarise(
        leg.side,
        leg.steps.flatMap((st) => {
          const v =
            d.id === 'knee-flexion-ic'
              ? st.kneeAtContact
              : d.id === 'peak-knee-flexion-stance'
                ? st.peakKneeInStance
                : st.ankleAtContact;
          if (v === null) return [];
          // At a peak the rate is zero: tracking alone.
          const u = stepU(
            series,
            d.id === 'peak-knee-flexion-stance' ? null : contactOf(ev, leg.side, st.contactFrame),
            sys,
          );
          const at =
            d.id === 'peak-knee-flexion-stance' ? (st.peakKneeFrame ?? st.contactFrame) : st.contactFrame;
          const held = segmentsHold(isAnkle ? leg.segments.ankle : leg.segments.knee, at);
          return [{ frame: st.contactFrame, value: v, ...u, held }];
        }),
        sys,
      );
    };
    const left = of(0);
    const right = of(1);
    if (!left && !right) return [];
    return [
      {
        ...d,
        source: 'markers',
        sourceWords: isAnkle
          ? 'knee, ankle, heel and 5th metatarsal markers'
          : 'trochanter, knee and ankle markers',
        left,
        right,
      },
    ];
  });
}

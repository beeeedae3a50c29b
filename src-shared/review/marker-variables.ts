/**
 * Hybrid analysis (issue 15 item 3): where skin markers were tracked, their variables per step —
 * sagittal pelvic tilt (side view: at initial contact, midstance, toe-off, and its range over the
 * stride) and rearfoot eversion (rear view: at initial contact and its peak in stance) — summarised
 * as mean ± SD over steps with the 95% interval of the mean, each row saying where its numbers came
 * from. The pose model has no landmark for either (its hips are joint centres, its heel one point:
 * docs/markers-app.md), so without markers the row says what to tape. One function for the review
 * and the report (house style 14). Pure.
 *
 * Events: the gait engine's, on the same clip (a rear clip's come from its side clip through the
 * session clock, src-shared/review/analyse.ts). Per-step values: the marker core
 * (src-shared/markers/variables.ts).
 */
import type { GaitEventJson } from '../gait/schema';
import type { EventKind, Side } from '../gait/types';
import {
  pelvicTilt,
  pelvicTiltSeries,
  rearfootEversion,
  rearfootEversionSeries,
  type MarkerEvent,
  type MarkerTrack,
  type RearfootMarkers,
} from '../markers';
import { jointRows } from './marker-joint-rows';
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

export {
  markerAngleSystematicDeg,
  MARKER_STEP_SD_DEG,
  type MarkerNotMeasurable,
  type MarkerSideSummary,
  type MarkerStepValue,
} from './marker-uncertainty';

export type MarkerVariableId =
  | 'pelvic-tilt-ic'
  | 'pelvic-tilt-ms'
  | 'pelvic-tilt-to'
  | 'pelvic-tilt-range'
  | 'rearfoot-eversion-ic'
  | 'rearfoot-eversion-peak'
  | 'knee-flexion-ic'
  | 'peak-knee-flexion-stance'
  | 'ankle-dorsiflexion-ic';

/** Where a row's numbers come from. */
export type ValueSource = 'markers' | 'landmarks' | 'none';

export interface MarkerVariableRow {
  readonly id: MarkerVariableId;
  readonly label: string;
  readonly view: 'side' | 'rear';
  readonly definition: string;
  readonly source: ValueSource;
  /** The source in the clinic's words ("ASIS and PSIS markers", or what to tape when none). */
  readonly sourceWords: string;
  readonly left: MarkerSideSummary | null;
  readonly right: MarkerSideSummary | null;
}

export interface RowDef {
  readonly id: MarkerVariableId;
  readonly label: string;
  readonly view: 'side' | 'rear';
  readonly definition: string;
}

/** The marker variables as data (style 7), in report order. */
export const MARKER_VARIABLES: readonly RowDef[] = [
  {
    id: 'pelvic-tilt-ic',
    label: 'Pelvic tilt at initial contact',
    view: 'side',
    definition: 'ASIS–PSIS line vs horizontal; + = anterior tilt.',
  },
  {
    id: 'pelvic-tilt-ms',
    label: 'Pelvic tilt at midstance',
    view: 'side',
    definition: 'ASIS–PSIS line vs horizontal; + = anterior tilt.',
  },
  {
    id: 'pelvic-tilt-to',
    label: 'Pelvic tilt at toe-off',
    view: 'side',
    definition: 'ASIS–PSIS line vs horizontal; + = anterior tilt.',
  },
  {
    id: 'pelvic-tilt-range',
    label: 'Pelvic tilt range over the stride',
    view: 'side',
    definition: 'Largest minus smallest tilt from a contact to the next contact of the same foot.',
  },
  // The joint angles the pose landmarks also give (the variables table); here from markers where
  // a leg has them (docs/markers.md, "Variables"), each row only where some leg has its markers.
  {
    id: 'knee-flexion-ic',
    label: 'Knee flexion at initial contact (markers)',
    view: 'side',
    definition: '180° − trochanter–knee–malleolus angle at initial contact.',
  },
  {
    id: 'peak-knee-flexion-stance',
    label: 'Peak knee flexion in stance (markers)',
    view: 'side',
    definition: 'Largest marker knee flexion between initial contact and toe-off.',
  },
  {
    id: 'ankle-dorsiflexion-ic',
    label: 'Ankle dorsiflexion at initial contact (markers)',
    view: 'side',
    definition:
      'Shank (malleolus → knee) vs shoe (heel → 5th metatarsal) at initial contact; 0 = perpendicular, + = dorsiflexion.',
  },
  {
    id: 'rearfoot-eversion-ic',
    label: 'Rearfoot eversion at initial contact',
    view: 'rear',
    definition: 'Heel-counter line vs lower-shank line; + = eversion.',
  },
  {
    id: 'rearfoot-eversion-peak',
    label: 'Peak rearfoot eversion in stance',
    view: 'rear',
    definition: 'Largest heel-counter vs lower-shank angle from contact to toe-off; + = eversion.',
  },
];

/**
 * The gait engine's events as the marker core takes them: fractional CLIP frames. `frameF` is
 * fractional within the analysed (trimmed) series and `frame` the clip frame the engine shows the
 * event on (the first frame in contact, the last before toe-off), so `frame − frameF` lies within
 * one frame of the trim's start. That start is the integer every event agrees with.
 */
export function markerEvents(events: readonly GaitEventJson[]): MarkerEvent[] {
  const votes = new Map<number, number>();
  for (const e of events) {
    const d = e.frame - e.frameF;
    for (const k of new Set([Math.floor(d), Math.ceil(d)])) votes.set(k, (votes.get(k) ?? 0) + 1);
  }
  let offset = 0;
  let best = -1;
  for (const [k, v] of votes)
    if (v > best || (v === best && Math.abs(k) < Math.abs(offset))) {
      offset = k;
      best = v;
    }
  return events.map((e) => ({
    kind: e.kind,
    side: e.side,
    frameF: e.frameF + offset,
    ...(e.templateSd === undefined ? {} : { templateSd: e.templateSd }),
  }));
}

/** The first event of a kind on a side between two frames (the step's midstance or toe-off). */
function eventIn(
  events: readonly MarkerEvent[],
  kind: EventKind,
  side: Side,
  from: number,
  to: number,
): MarkerEvent | null {
  return events.find((e) => e.kind === kind && e.side === side && e.frameF > from && e.frameF < to) ?? null;
}

/** The ASIS–PSIS pair a side view shows best (the near side's, most often found). */
function pelvisPair(tracks: readonly MarkerTrack[]): { asis: MarkerTrack; psis: MarkerTrack } | null {
  const pairs = (['left', 'right'] as const).flatMap((s) => {
    const asis = trackOf(tracks, `${s}Asis`);
    const psis = trackOf(tracks, `${s}Psis`);
    if (!asis || !psis) return [];
    const found = asis.points.filter((p, i) => p.state !== 'lost' && psis.points[i]?.state !== 'lost').length;
    return [{ asis, psis, found }];
  });
  pairs.sort((a, b) => b.found - a.found);
  return pairs[0] ?? null;
}

function rearfootOf(tracks: readonly MarkerTrack[], side: Side): RearfootMarkers | null {
  const heelUpper = trackOf(tracks, `${side}HeelCounterUpper`);
  const heelLower = trackOf(tracks, `${side}HeelCounterLower`);
  const shankUpper = trackOf(tracks, `${side}ShankUpper`);
  const shankLower = trackOf(tracks, `${side}ShankLower`);
  return heelUpper && heelLower && shankUpper && shankLower
    ? { heelUpper, heelLower, shankUpper, shankLower }
    : null;
}

const NO_PELVIS = 'not measurable from pose landmarks: tape the ASIS and PSIS (marker protocol)';
const NO_REARFOOT =
  'not measurable from pose landmarks (one heel point): tape two markers on the heel counter and two on the lower shank';

/**
 * The marker variables of one clip. `tracks` with the PT's corrections applied; `events` the clip's
 * gait events (engine or PT). A side clip gives the pelvic-tilt rows, a rear clip the rearfoot rows.
 */
export function markerVariables(
  view: 'side' | 'rear',
  tracks: readonly MarkerTrack[],
  events: readonly GaitEventJson[],
): MarkerVariableRow[] {
  return markerVariablesAt(view, tracks, markerEvents(events));
}

/**
 * The same rows from events already in clip frames (the marker core's form), for a caller that has
 * no engine result: `stridelab markers` with a gait events file. One summary for the app and the CLI.
 */
export function markerVariablesAt(
  view: 'side' | 'rear',
  tracks: readonly MarkerTrack[],
  ev: readonly MarkerEvent[],
): MarkerVariableRow[] {
  const rows = MARKER_VARIABLES.filter((d) => d.view === view);
  const empty = (d: RowDef, words: string): MarkerVariableRow => ({
    ...d,
    source: 'none',
    sourceWords: words,
    left: null,
    right: null,
  });
  if (view === 'side') {
    const pelvisRows = rows.filter((d) => d.id.startsWith('pelvic-'));
    const joints = jointRows(
      tracks,
      ev,
      rows.filter((d) => !d.id.startsWith('pelvic-')),
    );
    const pair = pelvisPair(tracks);
    if (!pair) return [...pelvisRows.map((d) => empty(d, NO_PELVIS)), ...joints];
    const steps = pelvicTilt(pair.asis, pair.psis, ev);
    const sys = markerAngleSystematicDeg(medianLength(pair.asis, pair.psis));
    const pick: Record<string, (s: (typeof steps)[number]) => number | null> = {
      'pelvic-tilt-ic': (s) => s.atContact,
      'pelvic-tilt-ms': (s) => s.atMidstance,
      'pelvic-tilt-to': (s) => s.atToeOff,
      'pelvic-tilt-range': (s) => s.rangeOverStride,
    };
    const side = pair.asis.name.startsWith('left') ? 'left' : 'right';
    const pelvisSegment = [segment(pair.asis, pair.psis)];
    const series = pelvicTiltSeries(pair.asis, pair.psis);
    // Where each row's value is read (for its timing uncertainty); the range has no event.
    const readAt = (id: MarkerVariableId, s: (typeof steps)[number]): MarkerEvent | null => {
      const ic = contactOf(ev, s.side, s.contactFrame);
      if (id === 'pelvic-tilt-range') return null;
      if (id === 'pelvic-tilt-ic') return ic;
      const next = ev.find(
        (e) => e.kind === 'initial-contact' && e.side === s.side && e.frameF > ic.frameF,
      )?.frameF;
      return eventIn(
        ev,
        id === 'pelvic-tilt-ms' ? 'midstance' : 'toe-off',
        s.side,
        ic.frameF,
        next ?? Infinity,
      );
    };
    const pelvis = pelvisRows.map((d): MarkerVariableRow => {
      const of = (foot: Side): MarkerSideSummary =>
        summarise(
          foot,
          steps.flatMap((s) => {
            const v = s.side === foot ? pick[d.id]!(s) : null;
            if (v === null) return [];
            const at = readAt(d.id, s);
            // A range is the difference of two tracked frames.
            const tracking = d.id === 'pelvic-tilt-range' ? Math.SQRT2 * sys : sys;
            return [
              {
                frame: s.contactFrame,
                value: v,
                ...stepU(series, at, tracking),
                held: segmentsHold(pelvisSegment, Math.round(at?.frameF ?? s.contactFrame)),
              },
            ];
          }),
          sys,
        );
      return {
        ...d,
        source: 'markers',
        sourceWords: `${side === 'left' ? 'left' : 'right'} ASIS and PSIS markers`,
        left: of('left'),
        right: of('right'),
      };
    });
    return [...pelvis, ...joints];
  }
  const perSide = (['left', 'right'] as const).map((side) => {
    const m = rearfootOf(tracks, side);
    if (!m) return null;
    const steps = rearfootEversion(m, side, ev);
    const sys = Math.hypot(
      markerAngleSystematicDeg(medianLength(m.heelUpper, m.heelLower)),
      markerAngleSystematicDeg(medianLength(m.shankUpper, m.shankLower)),
    );
    // Checked against their lengths in stance, where the values are read (segment: not the clip's).
    const stance = steps.flatMap((st) => [st.contactFrame, ...(st.peakFrame === null ? [] : [st.peakFrame])]);
    const segments = [segment(m.heelUpper, m.heelLower, stance), segment(m.shankUpper, m.shankLower, stance)];
    return { steps, sys, series: rearfootEversionSeries(m, side), side, segments };
  });
  if (!perSide[0] && !perSide[1]) return rows.map((d) => empty(d, NO_REARFOOT));
  return rows.map((d) => {
    const of = (k: 0 | 1): MarkerSideSummary | null => {
      const s = perSide[k];
      if (!s) return null;
      const atContact = d.id === 'rearfoot-eversion-ic';
      return summarise(
        s.side,
        s.steps.flatMap((st) => {
          const v = atContact ? st.atContact : st.peakInStance;
          if (v === null) return [];
          // At a peak the rate is zero: tracking alone.
          const u = stepU(s.series, atContact ? contactOf(ev, s.side, st.contactFrame) : null, s.sys);
          const at = atContact ? st.contactFrame : (st.peakFrame ?? st.contactFrame);
          return [{ frame: st.contactFrame, value: v, ...u, held: segmentsHold(s.segments, at) }];
        }),
        s.sys,
      );
    };
    return {
      ...d,
      source: 'markers',
      sourceWords: 'heel-counter and lower-shank markers',
      left: of(0),
      right: of(1),
    };
  });
}

/**
 * Marker events into the gait engine (issue 15 item 3, docs/markers.md "Marker events"): the hook the
 * one gait orchestration (src-shared/review/analyse.ts) gives `analyzeGait` as `chooseEvents`. The
 * engine detects its landmark events as always; this takes them, finds each foot's events from its
 * heel and fifth-metatarsal markers (foot-events.ts), chooses per foot (foot-events-choice.ts) and
 * hands back the events every step variable is then read at. Midstance and late swing stay the
 * engine's (the markers say nothing about the pelvis or the thigh).
 *
 * Frames: the engine's events sit on positions in the analysed (trimmed) series, `tl.frame` gives each
 * position's clip frame; marker tracks are indexed by clip frame (types.ts).
 */
import { makeEvent } from '../gait/eventFrame';
import type { GaitEvent, Side, Timeline } from '../gait/types';
import { footEvents, type FootEvents } from './foot-events';
import {
  chooseFootEvents,
  type ChosenEvent,
  type EventChoice,
  type FrameEventAt,
} from './foot-events-choice';
import type { MarkerName, MarkerTrack } from './types';

/** Fractional clip frame of a fractional series position. */
export function clipFrameOf(tl: Timeline, pos: number): number {
  const n = tl.frame.length;
  const i = Math.max(0, Math.min(n - 1, Math.floor(pos)));
  const j = Math.min(n - 1, i + 1);
  const a = tl.frame[i]!;
  return j === i ? a : a + (tl.frame[j]! - a) * (pos - i);
}

/** Fractional series position of a fractional clip frame; null outside the series. */
export function positionOf(tl: Timeline, frameF: number): number | null {
  const n = tl.frame.length;
  if (n === 0 || frameF < tl.frame[0]! || frameF > tl.frame[n - 1]!) return null;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (tl.frame[mid]! <= frameF) lo = mid;
    else hi = mid;
  }
  const a = tl.frame[lo]!;
  const b = tl.frame[hi]!;
  return b > a ? lo + (frameF - a) / (b - a) : lo;
}

/** Each foot's marker events from the clip's tracks (side view). */
export function feetFromTracks(tracks: readonly MarkerTrack[]): FootEvents[] {
  const by = (name: MarkerName): MarkerTrack | undefined => tracks.find((t) => t.name === name);
  return (['left', 'right'] as const satisfies readonly Side[]).map((side) =>
    footEvents(by(`${side}Heel`), by(`${side}FifthMetatarsal`), side),
  );
}

export interface MarkerEventHook {
  /** For `GaitInput.chooseEvents`. */
  readonly choose: (detected: readonly GaitEvent[], tl: Timeline) => GaitEvent[];
  /** The last choice made (after the engine ran); null before, or without foot markers. */
  choice(): EventChoice | null;
}

/** The hook for a side clip's tracks; null where no foot has a heel marker. */
export function markerEventHook(tracks: readonly MarkerTrack[]): MarkerEventHook | null {
  if (!tracks.some((t) => t.name === 'leftHeel' || t.name === 'rightHeel')) return null;
  const feet = feetFromTracks(tracks);
  let last: EventChoice | null = null;
  return {
    choice: () => last,
    choose: (detected, tl) => {
      const footKinds = detected.filter((e) => e.kind === 'initial-contact' || e.kind === 'toe-off');
      const landmark: FrameEventAt[] = footKinds.map((e) => ({
        kind: e.kind as FrameEventAt['kind'],
        side: e.side,
        frameF: clipFrameOf(tl, e.atF),
      }));
      const choice = chooseFootEvents(feet, landmark);
      const out: GaitEvent[] = detected.filter((e) => e.kind === 'midstance' || e.kind === 'late-swing');
      const events: ChosenEvent[] = [];
      for (const c of choice.events) {
        if (c.source === 'landmarks') {
          out.push(footKinds[c.landmarkIndex!]!);
          events.push(c);
          continue;
        }
        const pos = positionOf(tl, c.frameF);
        if (pos === null) continue; // outside the trim
        out.push(makeEvent(tl, c.kind, c.side, pos, Math.max(0.5, c.confidence ?? 1), 'markers'));
        events.push(c);
      }
      // Counted again within the trim (the tracks span the whole clip).
      const n = (side: Side, source: 'markers' | 'landmarks'): number =>
        events.filter((e) => e.side === side && e.source === source).length;
      last = {
        sides: choice.sides.map((s) =>
          s.use === 'markers'
            ? { ...s, fromMarkers: n(s.side, 'markers'), fallbacks: n(s.side, 'landmarks') }
            : s,
        ),
        events,
      };
      return out.sort((a, b) => a.atF - b.atF);
    },
  };
}

/**
 * "Last time vs today" (issue 18 item 2, docs/progress.md §8): which clips of the patient's earlier
 * sessions can stand beside a clip of today. Same view only (a side clip beside a side clip); the same
 * condition first, grouped as the timeline groups them (conditionKey: flat with flat, incline with
 * incline), the most recent visit first; a different speed or incline is said, never hidden.
 */
import type { FrameEvent } from '../review/analyse';
import type { LandmarkSeries } from '../pose/landmarks';
import { settingsDifference } from './compare';
import { conditionKey } from './timeline';

export interface EarlierClip {
  readonly recordingId: string;
  readonly sessionId: string;
  /** The visit's date (YYYY-MM-DD). */
  readonly date: string;
  readonly view: 'side' | 'rear';
  readonly conditionLabel: string;
  /** "11 km/h · 0 % incline", or empty when unknown. */
  readonly settings: string;
  /** Filed under the same condition group as today's clip (flat with flat, incline with incline). */
  readonly sameCondition: boolean;
  /** "speed 11 km/h then, 12 km/h now" when the treadmill settings differ; null when they agree. */
  readonly settingsDiffer: string | null;
  /** Its review copy is ready to play. */
  readonly playable: boolean;
}

/** Last time's clip as the side-by-side player needs it: its gait events and its landmarks as analysed. */
export interface LastTimeClip {
  readonly recordingId: string;
  /** Gait events on the clip's frames (the PT's corrections applied), none when not analysed. */
  readonly events: readonly FrameEvent[];
  /** Landmarks with the PT's corrections, cut to the clip's trim; null when there are none. */
  readonly series: LandmarkSeries | null;
  /** Why there are no events or landmarks, in the clinic's words. */
  readonly note?: string;
}

export interface ClipCondition {
  readonly view: 'side' | 'rear';
  readonly label: string;
  readonly speedKmh: number | null;
  readonly inclinePct: number | null;
}

export interface Candidate extends ClipCondition {
  readonly recordingId: string;
  readonly sessionId: string;
  readonly date: string;
  readonly settings: string;
  readonly playable: boolean;
}

/** Today's clip against each candidate: same view kept, same condition first, newest visit first. */
export function earlierClips(today: ClipCondition, candidates: readonly Candidate[]): EarlierClip[] {
  const key = conditionKey(today).key;
  const visit = (c: ClipCondition, date: string) => ({
    sessionId: '',
    date,
    value: { mean: null, sd: null, n: 0, u95: null, interval: null, missing: null },
    speedKmh: c.speedKmh,
    inclinePct: c.inclinePct,
  });
  return candidates
    .filter((c) => c.view === today.view)
    .map((c) => ({
      recordingId: c.recordingId,
      sessionId: c.sessionId,
      date: c.date,
      view: c.view,
      conditionLabel: c.label,
      settings: c.settings,
      sameCondition: conditionKey(c).key === key,
      settingsDiffer: settingsDifference(visit(c, c.date), visit(today, '')),
      playable: c.playable,
    }))
    .sort(
      (a, b) =>
        Number(b.sameCondition) - Number(a.sameCondition) ||
        b.date.localeCompare(a.date) ||
        a.recordingId.localeCompare(b.recordingId),
    );
}

/**
 * The review's data beside the video: landmarks (pose engine), the PT's corrections (review
 * contract), the alignment of the two clips (sync contract) and the gait analysis, recomputed in the
 * renderer from the corrected landmarks (the gait engine is pure), so a dragged point changes the
 * events and variables at once.
 */
import type { Recording } from '../../../src-shared/contract/recordings';
import { analyzeGait, type ExternalEvent, type GaitAnalysis } from '../../../src-shared/gait';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { applyCorrections, type Correction } from '../../../src-shared/review/corrections';
import { api } from '../api/client';
import type { FrameEvent } from './model';

/** The landmark series of a recording when pose detection has finished; undefined otherwise. */
export async function loadSeries(recordingId: string): Promise<{ series?: LandmarkSeries; note?: string }> {
  const status = await api('pose:status', { recordingId });
  if (status.state !== 'done') {
    const note =
      status.state === 'running'
        ? 'Pose detection is still running: overlays and numbers appear when it is done.'
        : status.state === 'failed'
          ? `Pose detection failed: ${status.error ?? 'unknown error'}.`
          : 'Pose detection has not run on this clip: no overlays or numbers yet.';
    return { note };
  }
  return { series: await api('pose:series', { recordingId }) };
}

/**
 * Session-clock offsets of the players from the stored alignment (sync contract: tA = tB + offsetS,
 * timeScale taken as 1 over a review's few seconds). Player 0 is the reference (offset 0).
 */
export async function loadOffsets(sessionId: string, recordings: readonly Recording[]): Promise<number[]> {
  const offsets = recordings.map(() => 0);
  for (let k = 1; k < recordings.length; k++) {
    const record = await api('sync:get', {
      sessionId,
      recordingAId: recordings[0]!.id,
      recordingBId: recordings[k]!.id,
    }).catch(() => null);
    if (record) offsets[k] = record.offsetS;
  }
  return offsets;
}

export interface ClipAnalysis {
  readonly series?: LandmarkSeries;
  readonly gait?: GaitAnalysis;
  readonly error?: string;
}

/** Corrections applied, then the gait engine; rear clips take the side clip's events when given. */
export function analyseClip(
  series: LandmarkSeries | undefined,
  corrections: readonly Correction[],
  view: 'side' | 'rear',
  external?: { events: readonly ExternalEvent[]; offsetS: number },
): ClipAnalysis {
  if (!series) return {};
  const corrected = applyCorrections(series, corrections);
  try {
    const gait = analyzeGait({
      series: corrected,
      view,
      ...(view === 'rear' && external?.events.length ? { externalEvents: external } : {}),
    });
    return { series: corrected, gait };
  } catch (err) {
    return { series: corrected, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The engine's events as frame events of the clip (late swing is not a navigation target). */
export function frameEvents(gait: GaitAnalysis | undefined): FrameEvent[] {
  if (!gait) return [];
  return gait.events
    .filter((e) => e.kind !== 'late-swing')
    .map((e) => ({ foot: e.side, kind: e.kind as FrameEvent['kind'], frame: e.frame }));
}

export function externalEvents(gait: GaitAnalysis | undefined): ExternalEvent[] {
  return (gait?.events ?? [])
    .filter((e) => e.source === 'detected')
    .map((e) => ({ kind: e.kind, side: e.side, t: e.t, confidence: e.confidence }));
}

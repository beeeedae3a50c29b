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

export interface AnalysisInputs {
  readonly view: 'side' | 'rear';
  /** The recording's trim, frames [start, end): analysed as the gait service and the report do. */
  readonly trim: { readonly startFrame: number; readonly endFrame: number };
  /** The patient's height scales the picture when no calibration is given (gait service's rule). */
  readonly heightCm?: number;
}

/**
 * Corrections applied, trimmed, then the gait engine, with the inputs the gait service uses for the
 * report (src-main/services/gait/analyze-recording.ts), so the review shows the report's numbers;
 * rear clips take the side clip's events when given.
 */
export function analyseClip(
  series: LandmarkSeries | undefined,
  corrections: readonly Correction[],
  inputs: AnalysisInputs,
  external?: { events: readonly ExternalEvent[]; offsetS: number },
): ClipAnalysis {
  if (!series) return {};
  const corrected = applyCorrections(series, corrections);
  const { startFrame, endFrame } = inputs.trim;
  const inTrim = {
    ...corrected,
    frames: corrected.frames.filter((f) => f.index >= startFrame && f.index < endFrame),
  };
  try {
    const gait = analyzeGait({
      series: inTrim,
      view: inputs.view,
      cutoffHz: 'auto',
      ...(inputs.heightCm ? { calibration: { heightCm: inputs.heightCm } } : {}),
      ...(inputs.view === 'rear' && external?.events.length ? { externalEvents: external } : {}),
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

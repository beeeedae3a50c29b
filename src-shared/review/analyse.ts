/**
 * The review's gait analysis of its clips: the PT's corrections applied, the clip trimmed, then the
 * gait engine with the inputs the gait service uses for the report
 * (src-main/services/gait/analyze-recording.ts), so the review shows the report's numbers and a
 * dragged point changes events and variables at once. Pure: runs in the review's worker.
 */
import { analyzeGait, type ExternalEvent, type GaitAnalysis } from '../gait';
import type { LandmarkSeries } from '../pose/landmarks';
import type { AnalysisClip } from './analysis-protocol';
import { applyCorrections, type Correction } from './corrections';
import type { Foot, GaitEventKind } from './navigation';

/** A gait event on a frame of one clip. */
export interface FrameEvent {
  readonly foot: Foot;
  readonly kind: GaitEventKind;
  readonly frame: number;
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

/** One clip: corrections applied, trimmed, analysed; a rear clip takes a side clip's events when given. */
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

/**
 * Every clip of the review analysed: side clips first, as their events drive rear clips (the rear
 * view cannot see contacts well; the gait service does the same for the report).
 */
export function analyseClips(
  clips: readonly AnalysisClip[],
  seriesOf: (recordingId: string) => LandmarkSeries | undefined,
  corrections: Readonly<Record<string, readonly Correction[]>>,
): ClipAnalysis[] {
  const out: ClipAnalysis[] = clips.map(() => ({}));
  const order = clips
    .map((_, j) => j)
    .sort((a, b) => Number(clips[a]!.view !== 'side') - Number(clips[b]!.view !== 'side'));
  let side: { k: number; gait: GaitAnalysis } | undefined;
  for (const j of order) {
    const c = clips[j]!;
    const external =
      c.view === 'rear' && side
        ? { events: externalEvents(side.gait), offsetS: clips[side.k]!.offset - c.offset }
        : undefined;
    out[j] = analyseClip(
      seriesOf(c.recordingId),
      corrections[c.recordingId] ?? [],
      { view: c.view, trim: c.trim, ...(c.heightCm ? { heightCm: c.heightCm } : {}) },
      external,
    );
    const gait = out[j]!.gait;
    if (c.view === 'side' && gait && !side) side = { k: j, gait };
  }
  return out;
}

export function externalEvents(gait: GaitAnalysis | undefined): ExternalEvent[] {
  return (gait?.events ?? [])
    .filter((e) => e.source === 'detected')
    .map((e) => ({ kind: e.kind, side: e.side, t: e.t, confidence: e.confidence }));
}

/**
 * The one path from landmarks to a clip's gait analysis (house style 14): the PT's corrections
 * applied, the clip cut to its trim, the patient's height for centimetres, then the gait engine; a
 * rear clip takes its events from the side clip of its condition, moved into its own time, since a
 * rear camera cannot see midstance by its clinical definition. The review's worker, the gait service
 * (src-main/services/gait/analyze-recording.ts: the report and the queue) and `stridelab analyze`
 * (src-main/services/report/pipeline.ts) all call these functions, so they cannot drift apart.
 * Pure: runs in a worker as well as in main.
 */
import { analyzeGait, GaitInputError, type EventEdit, type ExternalEvent, type GaitAnalysis } from '../gait';
import { markerEventHook } from '../markers/foot-events-engine';
import { eventSourceWords, type EventChoice } from '../markers/foot-events-choice';
import type { MarkerTrack } from '../markers/types';
import type { GaitFlag } from '../gait/schema';
import { frameTiming } from '../media/timestamps';
import { eventInRear } from '../sync/mapping';
import type { LandmarkSeries } from '../pose/landmarks';
import type { AnalysisClip } from './analysis-protocol';
import { tooShortToAnalyse } from './clip-length';
import { applyCorrections, type Correction } from './corrections';
import type { Foot, GaitEventKind } from './navigation';

/** A gait event on a frame of one clip. */
export interface FrameEvent {
  readonly foot: Foot;
  readonly kind: GaitEventKind;
  readonly frame: number;
  /** Placed or moved by the PT (review:setEventEdits), not by the detector. */
  readonly corrected?: boolean;
}

export interface ClipAnalysis {
  readonly series?: LandmarkSeries;
  readonly gait?: GaitAnalysis;
  readonly error?: string;
  /** With `error`: the clip as trimmed is too short (the queue's outcome, src-shared/analysis/outcome.ts). */
  readonly tooShort?: boolean;
  /** Side clip with foot markers: which events came from them, per foot, and why (foot-events-choice.ts). */
  readonly eventChoice?: EventChoice;
}

export interface AnalysisInputs {
  readonly view: 'side' | 'rear';
  /** The recording's trim, frames [start, end): analysed as the gait service and the report do. */
  readonly trim: { readonly startFrame: number; readonly endFrame: number };
  /** The patient's height scales the picture when no calibration is given (gait service's rule). */
  readonly heightCm?: number;
  /** Low-pass cutoff: residual analysis ('auto', the default), none, or a frequency in Hz. */
  readonly cutoffHz?: 'auto' | 'none' | number;
  /** The PT's corrections of the clip's gait events, applied after detection. */
  readonly eventEdits?: readonly EventEdit[];
  /** Side clip: its tracked skin markers; the feet's heel and 5th MT markers give the contacts and
   *  toe-offs where they do better than the landmarks (docs/markers.md "Marker events"). */
  readonly markerTracks?: readonly MarkerTrack[];
}

/** What the screens say about the events of a side clip with foot markers: the flag the report
 *  lists and Review's events panel shows, each foot's source and, where the markers were not used, why. */
export function eventSourceFlag(choice: EventChoice): GaitFlag {
  const words = (['left', 'right'] as const).map((side) => {
    const s = choice.sides.find((x) => x.side === side);
    return `${side}: ${eventSourceWords(s)}${s && s.use === 'landmarks' ? ` (${s.reason})` : ''}`;
  });
  return {
    code: 'events-from-markers',
    severity: 'info',
    message: `Gait events: ${words.join('; ')}.`,
  };
}

/** No trim: the whole clip (the CLI, which has no Review to set one). */
export const WHOLE_CLIP: AnalysisInputs['trim'] = { startFrame: 0, endFrame: Number.MAX_SAFE_INTEGER };

/** The series as analysed: corrections applied (what the overlays draw), and cut to the trim. */
export function preparedSeries(
  series: LandmarkSeries,
  corrections: readonly Correction[],
  trim: AnalysisInputs['trim'],
): { corrected: LandmarkSeries; inTrim: LandmarkSeries } {
  const corrected = applyCorrections(series, corrections);
  return {
    corrected,
    inTrim: {
      ...corrected,
      frames: corrected.frames.filter((f) => f.index >= trim.startFrame && f.index < trim.endFrame),
    },
  };
}

/** Why a clip (as trimmed) is too short to analyse, in the PT's words, or null. */
export function tooShort(inTrim: LandmarkSeries, trimmed: boolean): string | null {
  const times = inTrim.frames.map((f) => f.t);
  if (times.length === 0) return null;
  // The span the frames cover: first to last, plus the last frame's own interval.
  const spanS = times[times.length - 1]! - times[0]! + frameTiming(times).medianInterval;
  return tooShortToAnalyse(spanS, trimmed);
}

/**
 * One clip: corrections applied, trimmed, analysed; a rear clip takes a side clip's events when given.
 * Input the engine refuses (too few frames, no steps…) comes back as `error` in words; anything else
 * is a bug and is thrown.
 */
export function analyseClip(
  series: LandmarkSeries | undefined,
  corrections: readonly Correction[],
  inputs: AnalysisInputs,
  external?: { events: readonly ExternalEvent[]; offsetS: number },
): ClipAnalysis {
  if (!series) return {};
  const { corrected, inTrim } = preparedSeries(series, corrections, inputs.trim);
  const trimmed = inTrim.frames.length < corrected.frames.length;
  const short = tooShort(inTrim, trimmed);
  if (short) return { series: corrected, error: short, tooShort: true };
  const hook =
    inputs.view === 'side' && inputs.markerTracks?.length ? markerEventHook(inputs.markerTracks) : null;
  try {
    const analysed = analyzeGait({
      series: inTrim,
      view: inputs.view,
      cutoffHz: inputs.cutoffHz ?? 'auto',
      ...(inputs.heightCm ? { calibration: { heightCm: inputs.heightCm } } : {}),
      ...(inputs.view === 'rear' && external?.events.length ? { externalEvents: external } : {}),
      ...(inputs.eventEdits?.length ? { eventEdits: inputs.eventEdits } : {}),
      ...(hook ? { chooseEvents: hook.choose } : {}),
    });
    const eventChoice = hook?.choice() ?? undefined;
    const flag = eventChoice ? eventSourceFlag(eventChoice) : null;
    const gait = flag ? { ...analysed, flags: [...analysed.flags, flag] } : analysed;
    return { series: corrected, gait, ...(eventChoice ? { eventChoice } : {}) };
  } catch (err) {
    if (err instanceof GaitInputError) return { series: corrected, error: err.message };
    throw err;
  }
}

/**
 * The side clip's events that drive a rear clip, in the rear clip's time (`toRear` maps a side-clip
 * time to the rear clip's). Only events the side clip detected itself (from its landmarks or its foot
 * markers): never events it was given, nor the PT's corrections.
 */
export function eventsForRear(
  side: GaitAnalysis,
  toRear: (tSide: number) => number,
): { events: ExternalEvent[]; offsetS: 0 } {
  return { events: externalEvents(side).map((e) => eventInRear(e, toRear)), offsetS: 0 };
}

/** The engine's events as frame events of the clip (late swing is not a navigation target). */
export function frameEvents(gait: GaitAnalysis | undefined): FrameEvent[] {
  if (!gait) return [];
  return gait.events
    .filter((e) => e.kind !== 'late-swing')
    .map((e) => ({
      foot: e.side,
      kind: e.kind as FrameEvent['kind'],
      frame: e.frame,
      ...(e.source === 'corrected' && { corrected: true }),
    }));
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
    // Session clock: t_session = t_clip + offset, so t_rear = t_side + offset_side − offset_rear.
    const shift = side ? clips[side.k]!.offset - c.offset : 0;
    const external = c.view === 'rear' && side ? eventsForRear(side.gait, (t) => t + shift) : undefined;
    out[j] = analyseClip(
      seriesOf(c.recordingId),
      corrections[c.recordingId] ?? [],
      {
        view: c.view,
        trim: c.trim,
        ...(c.heightCm ? { heightCm: c.heightCm } : {}),
        ...(c.eventEdits?.length ? { eventEdits: c.eventEdits } : {}),
        ...(c.markerTracks?.length ? { markerTracks: c.markerTracks } : {}),
      },
      external,
    );
    const gait = out[j]!.gait;
    if (c.view === 'side' && gait && !side) side = { k: j, gait };
  }
  return out;
}

/** A clip's own events as events for another clip: a template spread (frames) goes in seconds. */
export function externalEvents(gait: GaitAnalysis | undefined): ExternalEvent[] {
  const fps = gait?.source.fps ?? 0;
  return (gait?.events ?? [])
    .filter((e) => e.source === 'detected' || e.source === 'markers')
    .map((e) => ({
      kind: e.kind,
      side: e.side,
      t: e.t,
      confidence: e.confidence,
      ...(e.templateSd === undefined || !(fps > 0) ? {} : { templateSdS: e.templateSd / fps }),
    }));
}

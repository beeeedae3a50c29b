/**
 * Messages between the review and its gait-analysis worker (house style 3, after Signal's worker
 * protocol): readonly discriminated unions with a sequence number; errors cross as plain
 * {name, message, stack}. The worker keeps each clip's landmark series (sent once, they are large)
 * and re-runs the analysis of every clip when the corrections change.
 */
import type { EventEdit } from '../gait/event-edits';
import type { GaitAnalysis } from '../gait/schema';
import type { MarkerTrack } from '../markers/types';
import type { LandmarkSeries } from '../pose/landmarks';
import type { Correction } from './corrections';

export interface AnalysisClip {
  readonly recordingId: string;
  readonly view: 'side' | 'rear';
  readonly trim: { readonly startFrame: number; readonly endFrame: number };
  readonly heightCm?: number;
  /** Session-clock offset of the clip (seconds): a rear clip takes a side clip's events through it. */
  readonly offset: number;
  /** The PT's corrections of this clip's gait events (review:eventEdits). */
  readonly eventEdits?: readonly EventEdit[];
  /** Side clip: its tracked skin markers, whose foot markers may give its events (analyse.ts). */
  readonly markerTracks?: readonly MarkerTrack[];
}

export type ToAnalysisWorker =
  | {
      readonly type: 'series';
      readonly seq: number;
      readonly recordingId: string;
      readonly series: LandmarkSeries | null;
    }
  | {
      readonly type: 'analyse';
      readonly seq: number;
      readonly clips: readonly AnalysisClip[];
      readonly corrections: Readonly<Record<string, readonly Correction[]>>;
    };

export interface WorkerError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export interface ClipResult {
  /** The corrected, untrimmed series (what the overlays draw). */
  readonly series?: LandmarkSeries;
  readonly gait?: GaitAnalysis;
  /** Why there is no analysis, in the PT's words. */
  readonly error?: string;
}

export type FromAnalysisWorker =
  | { readonly type: 'analysed'; readonly seq: number; readonly results: readonly ClipResult[] }
  | { readonly type: 'error'; readonly seq: number; readonly error: WorkerError };

export function toWorkerError(err: unknown): WorkerError {
  if (err instanceof Error)
    return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { name: 'Error', message: String(err) };
}

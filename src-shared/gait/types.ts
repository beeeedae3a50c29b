/**
 * Types shared by the gait engine's stages. Inside the engine, trajectories are plain arrays in an
 * oriented, y-up pixel frame (see orient.ts); the branded units of src-shared/units.ts mark the
 * values that leave the engine.
 */
import type { LandmarkSeries } from '../pose/landmarks';

export type GaitView = 'side' | 'rear';
import type { EventEdit } from './event-edits';

export type Side = 'left' | 'right';
export const SIDES: readonly Side[] = ['left', 'right'];
export const other = (s: Side): Side => (s === 'left' ? 'right' : 'left');

export type EventKind = 'initial-contact' | 'toe-off' | 'midstance' | 'late-swing';
export const EVENT_KINDS: readonly EventKind[] = ['initial-contact', 'toe-off', 'midstance', 'late-swing'];

/** Joints the engine reads, per side. */
export type Joint = 'shoulder' | 'hip' | 'knee' | 'ankle' | 'heel' | 'toe';
export const JOINTS: readonly Joint[] = ['shoulder', 'hip', 'knee', 'ankle', 'heel', 'toe'];

/**
 * One point's trajectory in the oriented frame: pixels, y up. Side view: x = forward (running
 * direction). Rear view: x = toward the patient's right. NaN where the point is missing.
 */
export interface Track {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Visibility 0..1 (0 where missing). */
  readonly v: Float64Array;
}

export interface Body {
  readonly left: Record<Joint, Track>;
  readonly right: Record<Joint, Track>;
}

/** The clip's timing: one entry per frame of the series. */
export interface Timeline {
  /** Seconds from the start of the clip (true timestamps). */
  readonly t: Float64Array;
  /** Frame index of each entry (presentation order). */
  readonly frame: Int32Array;
  /** Nominal frame rate, Hz. */
  readonly fps: number;
}

export interface Calibration {
  /** Pixels per centimetre in the plane of motion, measured from a known distance. */
  readonly pxPerCm?: number;
  /** Two image points a known distance apart (e.g. marks on the treadmill). */
  readonly knownDistance?: {
    readonly a: readonly [number, number];
    readonly b: readonly [number, number];
    readonly cm: number;
  };
  /** The patient's height, cm: scales the image from body proportions. */
  readonly heightCm?: number;
}

/** An event from another clip (the side view), to drive a rear-view analysis. */
export interface ExternalEvent {
  readonly kind: EventKind;
  readonly side: Side;
  /** Seconds, in the other clip's time. */
  readonly t: number;
  readonly confidence?: number;
  /** Its template spread (GaitEvent.templateSd) in seconds: the two clips' frame rates can differ,
   *  so it crosses in time and becomes the rear clip's frames where the events are mapped. */
  readonly templateSdS?: number;
}

export interface GaitInput {
  readonly series: LandmarkSeries;
  readonly view: GaitView;
  readonly calibration?: Calibration;
  /** Overall −3 dB cutoff: 'auto' (residual analysis, default), a number in Hz, or 'none'. */
  readonly cutoffHz?: 'auto' | 'none' | number;
  /**
   * Rear view: use these events (from the side view) instead of detecting them. `offsetS` maps the
   * other clip's time to this one's: t_this = t_other + offsetS.
   */
  readonly externalEvents?: { readonly events: readonly ExternalEvent[]; readonly offsetS: number };
  /** The PT's corrections of initial contacts and toe-offs, applied in order after detection. */
  readonly eventEdits?: readonly EventEdit[];
  /**
   * Side view: events from another instrument where it does better (skin markers: issue 15,
   * src-shared/markers/foot-events-engine.ts). Given the detected events, returns those to use;
   * applied after detection, before the PT's corrections.
   */
  readonly chooseEvents?: (detected: readonly GaitEvent[], tl: Timeline) => readonly GaitEvent[];
}

/** A detected event. `frameF` is the sub-frame position (fractional frame) used for timing. */
export interface GaitEvent {
  readonly kind: EventKind;
  readonly side: Side;
  /** Index into the series' frames (position, not the frame's `index` field). */
  readonly at: number;
  /** Sub-frame position, fractional index into the series' frames. */
  readonly atF: number;
  /** Seconds (interpolated between frame timestamps). */
  readonly t: number;
  readonly confidence: number;
  /** 'corrected': placed by the PT (event-edits.ts); 'markers': read from the foot's skin markers
   *  (src-shared/markers/foot-events.ts, given through `GaitInput.chooseEvents`). */
  readonly source: 'detected' | 'external' | 'corrected' | 'markers';
  /** A contact or toe-off placed from its foot's stride template (noisy landmarks): how far that
   *  template's reading moves on a bootstrap of its strides, frames (eventsTemplateSpread.ts), a
   *  shift of the foot's every such event together (docs/uncertainty.md §8). An 'external' event:
   *  the side clip's spread, in this clip's frames (mapExternalEvents). */
  readonly templateSd?: number;
}

/**
 * What the uncertainty stage reads (the cleaned and unfiltered tracks, the angles, the view) and
 * what it gives per step. Method: docs/uncertainty.md; the stage itself: uncertainty.ts.
 */
import type { AngleSet } from './angles';
import type { BiasVector } from './timing-bias';
import type { Body, GaitView, Side, Timeline } from './types';
import type { UpperBody } from './upper-body';

export interface UncertaintyContext {
  /** Cleaned (filtered) tracks; `v` is the pose model's visibility per frame. */
  readonly body: Body;
  readonly angles: AngleSet;
  readonly timeline: Timeline;
  readonly view: GaitView;
  /** The same tracks before the low-pass filter (gaps filled): the filter's residual. */
  readonly unfiltered: Body;
  /** The filter's cutoff, Hz; null when the tracks were not filtered. */
  readonly cutoffHz: number | null;
  /** Landmark noise from residual analysis, pixels: the point noise where nothing was filtered
   *  (null: not estimated, taken as 0). */
  readonly noiseRmsPx: number | null;
  readonly legLengthPx: number;
  /** Pixels per cm when calibrated; lengths are then in cm, otherwise in % of the leg length. */
  readonly pxPerCm: number | null;
  /** Side view: the leg nearer the camera (the other one is partly hidden). */
  readonly nearSide: Side | null;
  /** Arms and head (upper-body.ts), as the steps were read with. */
  readonly upper?: UpperBody;
}

export interface StepUncertainty {
  /** Standard uncertainty of the step's value, in the variable's unit. */
  readonly u: number;
  /** The part that does not average over steps (a foot's event timing bias, and occlusion). */
  readonly systematic: number;
  /** The timing bias part, signed per foot and event kind (timing-bias.ts): what a mean keeps. */
  readonly bias: BiasVector;
  /** Times only: the random timing part, signed per event (`kind:side:frame`). Left and right
   *  step time share every contact (one foot's contact ends its step and starts the other's), so
   *  their means are correlated through these (summary.ts, for L − R). */
  readonly events?: Readonly<Record<string, number>>;
  /** The occlusion part alone (a bias of the far leg: it adds no spread between steps). */
  readonly occlusion: number;
  /** Mean visibility (0..1) of the points the value is read from, at the frame it is read; null
   *  for times, which come from the events alone. */
  readonly visibility: number | null;
}

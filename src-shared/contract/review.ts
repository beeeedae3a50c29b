/**
 * Contract: what the PT adds while reviewing. Hand corrections of landmarks (stored beside the model's
 * output, never over it), manual measurements (Kinovea-like tools), and key frames marked for the
 * report. The report and the gait engine read corrections and key frames through these same calls.
 */
import { z } from 'zod';
import { call, event } from './define';
import { LandmarkNameSchema, type Correction } from '../review/corrections';
import { MEASUREMENT_TOOLS, type Measurement } from '../review/measure';
import type { KeyFrameMark } from '../review/key-frames';

const Id = z.string().min(1, 'is required').max(64);
const Frame = z.number().int('must be a whole frame number').min(0, 'cannot be negative');
/** Pixels of the displayed frame; a generous bound, the service checks against the clip's size. */
const Coord = z.number().finite().min(-100_000).max(100_000);
const Point = z.tuple([Coord, Coord]);
const Text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const OverlaysSchema = z.object({
  skeleton: z.boolean(),
  angles: z.boolean(),
  trunk: z.boolean(),
  tibia: z.boolean(),
  pelvis: z.boolean(),
});

export const MeasurementInputSchema = z.object({
  /** Given to restore a deleted measurement (undo) or to update one; omitted to create. */
  id: z.uuid('is not a valid id').optional(),
  sessionId: Id,
  recordingId: Id,
  frame: Frame,
  tool: z.enum(MEASUREMENT_TOOLS),
  points: z.array(Point).min(1, 'needs at least one point').max(3, 'takes at most three points'),
  text: Text(500).optional(),
  /** Real length of a calibration line, cm (a marker on the treadmill, a ruler in the picture). */
  lengthCm: z.number().positive('must be positive').max(1000, 'must be at most 1000 cm').optional(),
});
export type MeasurementInput = z.output<typeof MeasurementInputSchema>;

export const KeyFrameInputSchema = z.object({
  id: z.uuid('is not a valid id').optional(),
  sessionId: Id,
  recordingId: Id,
  frame: Frame,
  label: Text(120).min(1, 'is required'),
  event: z.enum(['IC', 'MS', 'TO']).optional(),
  side: z.enum(['left', 'right']).optional(),
  overlays: OverlaysSchema,
});
export type KeyFrameInput = z.output<typeof KeyFrameInputSchema>;

const EditKind = z.enum(['initial-contact', 'toe-off'], { message: 'must be initial-contact or toe-off' });
const EditSide = z.enum(['left', 'right'], { message: 'must be left or right' });
/** One correction of a gait event (src-shared/gait/event-edits.ts), in the clip's frame numbers. */
export const EventEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('move'), kind: EditKind, side: EditSide, from: Frame, to: Frame }),
  z.object({ op: z.literal('delete'), kind: EditKind, side: EditSide, frame: Frame }),
  z.object({ op: z.literal('add'), kind: EditKind, side: EditSide, frame: Frame }),
]);
export type EventEditInput = z.output<typeof EventEditSchema>;

/** A clip's events in the hand-label format (docs/gait-methods.md; the shared labels' README). */
export interface EventLabelsFile {
  readonly video: string;
  readonly fps: number;
  readonly frames: number;
  readonly frame_index: '0-based decode order';
  readonly source: string;
  readonly events: readonly {
    readonly kind: 'initial-contact' | 'toe-off';
    readonly side: 'left' | 'right';
    readonly frame: number;
    readonly confidence: 'sure' | 'unsure';
  }[];
}

export const reviewCalls = {
  /** Every hand correction of a recording. */
  'review:corrections': call(z.object({ recordingId: Id })).returns<Correction[]>(),
  /** Place a landmark by hand on one frame (replaces an earlier correction of the same point). */
  'review:correct': call(
    z.object({ recordingId: Id, frame: Frame, landmark: LandmarkNameSchema, x: Coord, y: Coord }),
  ).returns<Correction>(),
  /** Give the point back to the model. */
  'review:uncorrect': call(
    z.object({ recordingId: Id, frame: Frame, landmark: LandmarkNameSchema }),
  ).returns<{
    removed: boolean;
  }>(),
  'review:measurements': call(z.object({ sessionId: Id })).returns<Measurement[]>(),
  'review:saveMeasurement': call(MeasurementInputSchema).returns<Measurement>(),
  'review:deleteMeasurement': call(z.object({ id: Id })).returns<{ deleted: boolean }>(),
  /** Key frames of a session, in recording and frame order. */
  'review:keyFrames': call(z.object({ sessionId: Id })).returns<KeyFrameMark[]>(),
  'review:saveKeyFrame': call(KeyFrameInputSchema).returns<KeyFrameMark>(),
  'review:deleteKeyFrame': call(z.object({ id: Id })).returns<{ deleted: boolean }>(),
  /** The PT's corrections of a recording's gait events, in the order they apply. */
  'review:eventEdits': call(z.object({ recordingId: Id })).returns<EventEditInput[]>(),
  /** Replace them (the review keeps undo/redo as whole lists); an empty list gives the detector's events back. */
  'review:setEventEdits': call(
    z.object({ recordingId: Id, edits: z.array(EventEditSchema).max(2000, 'are too many (at most 2000)') }),
  ).returns<EventEditInput[]>(),
  /**
   * The clip's initial contacts and toe-offs as the analysis uses them (corrections applied), in the
   * hand-label format, so a clinic's corrections become test data. Written to the exports folder.
   */
  'review:exportEvents': call(z.object({ recordingId: Id })).returns<{
    fileName: string;
    downloadUrl: string;
    labels: EventLabelsFile;
  }>(),
} as const;

export const reviewEvents = {
  /** Corrections, measurements or key frames of a session changed: recompute, redraw, re-read. */
  'review:changed': event(
    z.object({
      sessionId: z.string(),
      recordingId: z.string(),
      kind: z.enum(['corrections', 'measurements', 'keyFrames', 'events']),
    }),
  ),
} as const;

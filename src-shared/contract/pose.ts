/**
 * Contract: pose detection on a recording (MediaPipe Pose Landmarker, offline, every frame).
 * `pose:start` returns at once; the run goes on in main, reporting `pose:progress`; `pose:status`
 * tells where it stands (and is how a reopened session finds results without re-running);
 * `pose:cancel` stops it, leaving nothing that looks complete. Only recording ids cross.
 */
import { z } from 'zod';
import type { LandmarkSeries } from '../pose/landmarks';
import { call, event } from './define';

const Id = z.string().min(1, 'is required').max(64);
export const PoseModelSchema = z.enum(['lite', 'full', 'heavy']);

/** A point on a frame of the recording (pixels of the displayed frame): "this person". */
export const PersonPickSchema = z.object({
  frame: z.number().int().min(0, 'cannot be negative'),
  x: z.number().finite(),
  y: z.number().finite(),
});
export type PersonPick = z.infer<typeof PersonPickSchema>;

export type PoseState = 'none' | 'running' | 'done' | 'failed' | 'cancelled';

export interface PoseStatus {
  readonly recordingId: string;
  readonly model: z.infer<typeof PoseModelSchema>;
  readonly state: PoseState;
  /** While running. */
  readonly progress: PoseProgressPayload | null;
  /** When done: frames with the chosen person, and the runs of frames without. */
  readonly summary: {
    readonly frames: number;
    readonly framesWithPose: number;
    /** Inclusive [first, last] frame indices where no person was found. */
    readonly noPoseRanges: readonly (readonly [number, number])[];
    readonly pick: PersonPick | null;
    readonly createdAt: string;
  } | null;
  /** When failed: a plain message for the PT. */
  readonly error: string | null;
}

const Target = z.object({ recordingId: Id, model: PoseModelSchema.default('full') });

export const poseCalls = {
  /** Start detection (or reuse stored results unless `force`). Returns the status right away. */
  'pose:start': call(Target.extend({ force: z.boolean().default(false) })).returns<PoseStatus>(),
  'pose:status': call(Target).returns<PoseStatus>(),
  'pose:cancel': call(Target).returns<{ cancelled: boolean }>(),
  /** The chosen person's landmarks for every frame (stridelab.landmarks/1). */
  'pose:series': call(Target).returns<LandmarkSeries>(),
  /** Follow another person (the one at this point) or, with `pick: null`, the default (the runner). No re-run. */
  'pose:pick': call(Target.extend({ pick: PersonPickSchema.nullable() })).returns<PoseStatus>(),
} as const;

const PoseProgressSchema = z.object({
  recordingId: z.string(),
  model: PoseModelSchema,
  framesDone: z.number().int(),
  totalFrames: z.number().int(),
  /** The run's pace now (its share of the process's pose rate); null before the rate exists. */
  fps: z.number().nullable(),
  /** The process's one time left for this run (services/pose/time-left.ts); null while estimating. */
  secondsLeft: z.number().nullable(),
  /** "second pass on the runner's region" while that pass runs (docs/pose-engine.md); else absent. */
  stage: z.string().max(200).optional(),
});
export type PoseProgressPayload = z.infer<typeof PoseProgressSchema>;

export const poseEvents = {
  'pose:progress': event(PoseProgressSchema),
  /** The run ended: done, failed or cancelled (payload = the final status). */
  'pose:finished': event(
    z.object({
      recordingId: z.string(),
      model: PoseModelSchema,
      state: z.enum(['done', 'failed', 'cancelled']),
      error: z.string().nullable(),
    }),
  ),
} as const;

/**
 * The landmark series: what the pose engine writes for one clip and what the gait engine reads.
 * One schema for the CLI's JSON (`stridelab pose --out`), the library's stored results and the
 * gait engine's input, so landmarks from other tools can be analysed too. Documented in
 * docs/landmarks-schema.md.
 *
 * BlazePose topology, 33 points [Bazarevsky et al. 2020, "BlazePose: On-device Real-time Body Pose
 * tracking"]. Image coordinates are in pixels of the displayed (rotation-corrected) frame.
 */
import { z } from 'zod';

export const LANDMARK_COUNT = 33;

/** BlazePose landmark indices, by name. Data, not numbers scattered through the code. */
export const Landmark = {
  nose: 0,
  leftEyeInner: 1,
  leftEye: 2,
  leftEyeOuter: 3,
  rightEyeInner: 4,
  rightEye: 5,
  rightEyeOuter: 6,
  leftEar: 7,
  rightEar: 8,
  mouthLeft: 9,
  mouthRight: 10,
  leftShoulder: 11,
  rightShoulder: 12,
  leftElbow: 13,
  rightElbow: 14,
  leftWrist: 15,
  rightWrist: 16,
  leftPinky: 17,
  rightPinky: 18,
  leftIndex: 19,
  rightIndex: 20,
  leftThumb: 21,
  rightThumb: 22,
  leftHip: 23,
  rightHip: 24,
  leftKnee: 25,
  rightKnee: 26,
  leftAnkle: 27,
  rightAnkle: 28,
  leftHeel: 29,
  rightHeel: 30,
  leftFootIndex: 31,
  rightFootIndex: 32,
} as const;
export type LandmarkName = keyof typeof Landmark;

/** [x px, y px, z (model units, relative depth), visibility 0..1, presence 0..1] */
export const ImageLandmarkSchema = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]);
/** [x m, y m, z m] relative to the hip centre, as the model's world landmarks. */
export const WorldLandmarkSchema = z.tuple([z.number(), z.number(), z.number()]);

export const LandmarkFrameSchema = z.object({
  /** Zero-based index of the frame in presentation order. */
  index: z.number().int().nonnegative(),
  /** Presentation time of the frame, seconds from the start of the clip (true timestamp, VFR-safe). */
  t: z.number().nonnegative(),
  status: z.enum(['pose', 'no-pose']),
  /** 33 image landmarks when status is 'pose'. */
  image: z.array(ImageLandmarkSchema).length(LANDMARK_COUNT).optional(),
  /** 33 world landmarks when status is 'pose'. */
  world: z.array(WorldLandmarkSchema).length(LANDMARK_COUNT).optional(),
});
export type LandmarkFrame = z.infer<typeof LandmarkFrameSchema>;

export const LandmarkSeriesSchema = z.object({
  schema: z.literal('stridelab.landmarks/1'),
  source: z.object({
    /** File name only (never a full path: the JSON may leave the clinic's machine). */
    file: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** Nominal frame rate; true timing is in each frame's `t`. */
    fps: z.number().positive(),
    frameCount: z.number().int().nonnegative(),
    durationS: z.number().nonnegative(),
    variableFrameRate: z.boolean().default(false),
  }),
  model: z.object({
    name: z.enum(['lite', 'full', 'heavy', 'external']),
    version: z.string().optional(),
  }),
  frames: z.array(LandmarkFrameSchema),
});
export type LandmarkSeries = z.infer<typeof LandmarkSeriesSchema>;

/**
 * Why a file is not a landmark series, every problem said (the first `max`, then how many more),
 * each where it is in the file, a frame by its number: "frame 12, t: …; source.fps: …". A file with
 * several faults (another tool's export, a hand edit) used to be told its first, fixed and handed
 * in again to be told the next. Said by every reader of the schema (gait, sync, the report).
 */
export function landmarkProblems(issues: readonly z.core.$ZodIssue[], max = 5): string {
  const where = (path: readonly PropertyKey[]): string => {
    if (path[0] === 'frames' && typeof path[1] === 'number')
      return [`frame ${path[1]}`, path.slice(2).map(String).join('.')].filter(Boolean).join(', ');
    return path.map(String).join('.') || 'the file';
  };
  const said = issues.slice(0, max).map((i) => `${where(i.path)}: ${i.message}`);
  const more = issues.length - said.length;
  return [...said, ...(more > 0 ? [`and ${more} more`] : [])].join('; ');
}

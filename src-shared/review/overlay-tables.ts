/**
 * What the overlays draw, as data (house style 7): skeleton segments, the joint angles shown per view
 * and the reference lines. Names are BlazePose landmarks (src-shared/pose/landmarks.ts). The clinical
 * meaning of each value follows docs clinical-variables.md (side view: knee flexion = 180° − the
 * hip-knee-ankle angle; rear view: knee frontal plane projection angle, pelvis vs horizontal).
 */
import type { LandmarkName } from '../pose/landmarks';

export type Side = 'left' | 'right';
export type View = 'side' | 'rear';

/** Segments of the drawn skeleton: the lower body and trunk that running analysis reads. */
export const SKELETON_SEGMENTS: readonly (readonly [LandmarkName, LandmarkName])[] = [
  ['leftShoulder', 'rightShoulder'],
  ['leftShoulder', 'leftElbow'],
  ['leftElbow', 'leftWrist'],
  ['rightShoulder', 'rightElbow'],
  ['rightElbow', 'rightWrist'],
  ['leftShoulder', 'leftHip'],
  ['rightShoulder', 'rightHip'],
  ['leftHip', 'rightHip'],
  ['leftHip', 'leftKnee'],
  ['leftKnee', 'leftAnkle'],
  ['leftAnkle', 'leftHeel'],
  ['leftHeel', 'leftFootIndex'],
  ['leftAnkle', 'leftFootIndex'],
  ['rightHip', 'rightKnee'],
  ['rightKnee', 'rightAnkle'],
  ['rightAnkle', 'rightHeel'],
  ['rightHeel', 'rightFootIndex'],
  ['rightAnkle', 'rightFootIndex'],
];

/** Landmarks drawn as draggable points (the ones corrections matter for). */
export const EDITABLE_LANDMARKS: readonly LandmarkName[] = [
  'nose',
  'leftShoulder',
  'rightShoulder',
  'leftElbow',
  'rightElbow',
  'leftWrist',
  'rightWrist',
  'leftHip',
  'rightHip',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
  'leftHeel',
  'rightHeel',
  'leftFootIndex',
  'rightFootIndex',
];

/**
 * A joint angle shown as an arc at `vertex`: the angle between vertex→a and vertex→b, turned into the
 * clinical value by `value(interior)`.
 */
export interface JointAngleSpec {
  readonly id: string;
  readonly label: string;
  readonly side: Side;
  readonly a: LandmarkName;
  readonly vertex: LandmarkName;
  readonly b: LandmarkName;
  readonly value: 'flexion' | 'interior' | 'dorsiflexion';
  /** The gait engine's angle for this joint (src-shared/gait/tables/angles.ts): its filtered, direction-proof value is shown when there is one. */
  readonly gaitId: string;
  /** Not drawn where one of its points is below LOW_CONFIDENCE (a far arm behind the trunk: the
   *  pose model's guess would be drawn as a number). */
  readonly onlyWhenSeen?: boolean;
}

const perSide = (
  id: string,
  label: string,
  a: string,
  vertex: string,
  b: string,
  value: JointAngleSpec['value'],
  gaitId: string,
): JointAngleSpec[] =>
  (['left', 'right'] as const).map((side) => ({
    id: `${side}-${id}`,
    label,
    side,
    a: `${side}${a}` as LandmarkName,
    vertex: `${side}${vertex}` as LandmarkName,
    b: `${side}${b}` as LandmarkName,
    value,
    gaitId,
  }));

/** Joints that matter per view [Souza 2016]: sagittal hip/knee/ankle and the elbows; posterior knee
 *  FPPA (the rear view's arm crossover is read against the trunk line, the body's midline). */
export const JOINT_ANGLES: Readonly<Record<View, readonly JointAngleSpec[]>> = {
  side: [
    ...perSide('hip', 'hip', 'Shoulder', 'Hip', 'Knee', 'flexion', 'hip-flexion'),
    ...perSide('knee', 'knee', 'Hip', 'Knee', 'Ankle', 'flexion', 'knee-flexion'),
    ...perSide('ankle', 'ankle', 'Knee', 'Ankle', 'FootIndex', 'dorsiflexion', 'ankle-dorsiflexion'),
    // The arms' carriage (issue 19 item 5): elbow flexion as the report's 'elbow-flexion' defines it
    // (180° − shoulder–elbow–wrist; src-shared/gait/arms.ts), read on the drawn points.
    ...perSide('elbow', 'elbow', 'Shoulder', 'Elbow', 'Wrist', 'flexion', 'elbow-flexion').map((a) => ({
      ...a,
      onlyWhenSeen: true,
    })),
  ],
  rear: [...perSide('knee-fppa', 'knee FPPA', 'Hip', 'Knee', 'Ankle', 'flexion', 'knee-fppa')],
};

/** A reference line between two points (or mid-points of pairs) measured against vertical or horizontal. */
export interface ReferenceLineSpec {
  readonly id: 'trunk' | 'left-tibia' | 'right-tibia' | 'pelvis';
  readonly label: string;
  readonly from: readonly LandmarkName[];
  readonly to: readonly LandmarkName[];
  readonly against: 'vertical' | 'horizontal';
  readonly views: readonly View[];
  /** The gait engine's angle per view, and which of its series (a side, or the body). */
  readonly gait: Partial<Record<View, { readonly id: string; readonly side: 'left' | 'right' | 'body' }>>;
}

export const REFERENCE_LINES: readonly ReferenceLineSpec[] = [
  {
    id: 'trunk',
    label: 'trunk',
    from: ['leftHip', 'rightHip'],
    to: ['leftShoulder', 'rightShoulder'],
    against: 'vertical',
    views: ['side', 'rear'],
    gait: { side: { id: 'trunk-lean', side: 'body' }, rear: { id: 'trunk-lateral-lean', side: 'body' } },
  },
  {
    id: 'left-tibia',
    label: 'L tibia',
    from: ['leftKnee'],
    to: ['leftAnkle'],
    against: 'vertical',
    views: ['side'],
    gait: { side: { id: 'tibia-inclination', side: 'left' } },
  },
  {
    id: 'right-tibia',
    label: 'R tibia',
    from: ['rightKnee'],
    to: ['rightAnkle'],
    against: 'vertical',
    views: ['side'],
    gait: { side: { id: 'tibia-inclination', side: 'right' } },
  },
  {
    id: 'pelvis',
    label: 'pelvis',
    from: ['leftHip'],
    to: ['rightHip'],
    against: 'horizontal',
    views: ['rear'],
    gait: { rear: { id: 'pelvic-obliquity', side: 'body' } },
  },
];

/**
 * Below this visibility a landmark is drawn as uncertain (hollow, dashed). 0.5 is MediaPipe's own
 * default `minPoseDetectionConfidence`/tracking threshold, the level at which it considers a pose found.
 */
export const LOW_CONFIDENCE = 0.5;

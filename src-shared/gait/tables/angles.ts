/**
 * Angle definitions, as data (house style 7). Each angle is one of a few geometric primitives on
 * named joints; angles.ts (the stage) evaluates them per frame on the oriented, y-up trajectories.
 * Definitions follow clinical-variables.md [Souza 2016; Dingenen 2018].
 */
import type { GaitView, Joint } from '../types';

/**
 * Geometric primitives (oriented frame: side view x forward; rear view x toward the patient's right;
 * y up in both):
 * - `flexion`: 180° − the angle at `b` between b→a and b→c.
 * - `from-vertical-down`: segment from→to vs the downward vertical, + when `to` is forward (side)
 *   or medial (rear, sign by the side).
 * - `from-vertical-up`: segment from→to vs the upward vertical, + when `to` is forward.
 * - `from-horizontal`: segment from→to vs horizontal, + when `to` is higher.
 * - `dorsiflexion`: 90° − the angle between the shank (ankle→knee) and the foot (heel→toe).
 * - `segment-difference`: angle `a` minus angle `b` (both by id).
 */
export type AnglePrimitive =
  | { readonly kind: 'flexion'; readonly a: Joint; readonly b: Joint; readonly c: Joint }
  | {
      readonly kind: 'from-vertical-down';
      readonly from: Joint;
      readonly to: Joint;
      readonly medial?: boolean;
    }
  | { readonly kind: 'from-vertical-up-centre'; readonly from: 'hip-centre'; readonly to: 'shoulder-centre' }
  | { readonly kind: 'from-horizontal'; readonly from: Joint; readonly to: Joint }
  | { readonly kind: 'dorsiflexion' }
  | { readonly kind: 'hip-line' }
  | { readonly kind: 'segment-difference'; readonly a: AngleId; readonly b: AngleId };

export type AngleId =
  | 'hip-flexion'
  | 'knee-flexion'
  | 'ankle-dorsiflexion'
  | 'foot-inclination'
  | 'tibia-inclination'
  | 'trunk-lean'
  | 'pelvic-obliquity'
  | 'hip-adduction'
  | 'shank-frontal'
  | 'knee-fppa'
  | 'trunk-lateral-lean';

export interface AngleDefinition {
  readonly id: AngleId;
  readonly view: GaitView;
  /** Per side (left and right series) or one series for the body. */
  readonly perSide: boolean;
  readonly label: string;
  readonly definition: string;
  readonly primitive: AnglePrimitive;
}

export const ANGLES: readonly AngleDefinition[] = [
  {
    id: 'hip-flexion',
    view: 'side',
    perSide: true,
    label: 'Hip flexion (thigh vs vertical)',
    definition: 'Thigh (hip→knee) vs the vertical; + = knee ahead of the hip (flexion), − = extension.',
    primitive: { kind: 'from-vertical-down', from: 'hip', to: 'knee' },
  },
  {
    id: 'knee-flexion',
    view: 'side',
    perSide: true,
    label: 'Knee flexion',
    definition: '180° − the hip-knee-ankle angle.',
    primitive: { kind: 'flexion', a: 'hip', b: 'knee', c: 'ankle' },
  },
  {
    id: 'ankle-dorsiflexion',
    view: 'side',
    perSide: true,
    label: 'Ankle dorsiflexion',
    definition: 'Shank (ankle→knee) vs foot (heel→toe), 0 = perpendicular, + = dorsiflexion.',
    primitive: { kind: 'dorsiflexion' },
  },
  {
    id: 'foot-inclination',
    view: 'side',
    perSide: true,
    label: 'Foot inclination',
    definition: 'Heel→toe line vs horizontal (the belt); + = toes up.',
    primitive: { kind: 'from-horizontal', from: 'heel', to: 'toe' },
  },
  {
    id: 'tibia-inclination',
    view: 'side',
    perSide: true,
    label: 'Tibia inclination',
    definition: 'Knee→ankle line vs vertical; + = ankle ahead of the knee.',
    primitive: { kind: 'from-vertical-down', from: 'knee', to: 'ankle' },
  },
  {
    id: 'trunk-lean',
    view: 'side',
    perSide: false,
    label: 'Trunk forward lean',
    definition: 'Hip centre → shoulder centre vs vertical; + = forward.',
    primitive: { kind: 'from-vertical-up-centre', from: 'hip-centre', to: 'shoulder-centre' },
  },
  {
    id: 'pelvic-obliquity',
    view: 'rear',
    perSide: false,
    label: 'Pelvic obliquity',
    definition:
      'Hip-to-hip line vs horizontal; + = left hip higher. Pelvic drop at a midstance is + when the swing side is lower.',
    primitive: { kind: 'hip-line' },
  },
  {
    id: 'hip-adduction',
    view: 'rear',
    perSide: true,
    label: 'Hip adduction',
    definition: 'Thigh (hip→knee) vs vertical; + = knee toward the midline.',
    primitive: { kind: 'from-vertical-down', from: 'hip', to: 'knee', medial: true },
  },
  {
    id: 'shank-frontal',
    view: 'rear',
    perSide: true,
    label: 'Shank frontal inclination',
    definition: 'Shank (knee→ankle) vs vertical; + = ankle toward the midline.',
    primitive: { kind: 'from-vertical-down', from: 'knee', to: 'ankle', medial: true },
  },
  {
    id: 'knee-fppa',
    view: 'rear',
    perSide: true,
    label: 'Knee frontal plane projection angle',
    definition:
      'Thigh vs shank in the image; + = valgus (knee medial to the hip–ankle line). Not related to 3D knee abduction: a 2D projection only.',
    primitive: { kind: 'segment-difference', a: 'hip-adduction', b: 'shank-frontal' },
  },
  {
    id: 'trunk-lateral-lean',
    view: 'rear',
    perSide: false,
    label: 'Lateral trunk lean',
    definition:
      'Hip centre → shoulder centre vs vertical; + = toward the patient\u2019s right (reported toward the stance side per step).',
    primitive: { kind: 'from-vertical-up-centre', from: 'hip-centre', to: 'shoulder-centre' },
  },
];

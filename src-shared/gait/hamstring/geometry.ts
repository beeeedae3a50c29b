/**
 * The hamstrings' published geometry: the Delp et al. (1990) lower-limb model [Delp 1990: IEEE Trans
 * Biomed Eng 37:757–767] as OpenSim publishes it in gait2392, right leg, copied as printed from
 * opensim-org/opensim-models, Models/Gait2392_Simbody/gait2392_thelen2003muscle.osim (commit
 * 84b487c4e3245359a64381e01f01b9cf4772d457, 2023-12-01; docs/progress.md §1 cites it). Metres, in
 * each body's frame: x forward, y up, z to the right (OpenSim's convention), unscaled (the generic
 * adult of the model). Only ratios to the standing length are read from it, so no scaling to the
 * runner is needed (a uniform scale cancels in the ratio).
 *
 * None of the three paths touches the femur: each runs from the ischial tuberosity (pelvis) to the
 * tibia, so the femur enters only through the hip centre and the knee's kinematics. Their path wrap
 * sets are empty in the model.
 */
import type { Metres, Radians } from '../../units';

export type HamstringMuscle = 'semimembranosus' | 'semitendinosus' | 'biceps-femoris-long-head';

export const HAMSTRING_MUSCLES: readonly HamstringMuscle[] = [
  'semimembranosus',
  'semitendinosus',
  'biceps-femoris-long-head',
];

export interface Vec3 {
  readonly x: Metres;
  readonly y: Metres;
  readonly z: Metres;
}

export type Body = 'pelvis' | 'tibia';

export interface PathPoint {
  /** The model's point name. */
  readonly name: string;
  readonly body: Body;
  readonly at: Vec3;
  /** A ConditionalPathPoint: in the path only while knee_angle_r lies in this range (radians, the
   *  model's sign: flexion negative). */
  readonly activeKneeAngle?: readonly [Radians, Radians];
}

const v = (x: number, y: number, z: number): Vec3 => ({ x: x as Metres, y: y as Metres, z: z as Metres });
const range = (lo: number, hi: number): readonly [Radians, Radians] => [lo as Radians, hi as Radians];

/** Path points, origin to insertion, as in the .osim file (`semimem_r`, `semiten_r`, `bifemlh_r`). */
export const HAMSTRING_PATHS: Readonly<Record<HamstringMuscle, readonly PathPoint[]>> = {
  semimembranosus: [
    { name: 'semimem_r-P1', body: 'pelvis', at: v(-0.1192, -0.09747, 0.07151) },
    {
      name: 'semimem_r-P2',
      body: 'tibia',
      at: v(-0.0348, -0.03519, -0.01891),
      activeKneeAngle: range(-0.558505, 0.174533),
    },
    { name: 'semimem_r-P3', body: 'tibia', at: v(-0.027, -0.04771, -0.01957) },
  ],
  semitendinosus: [
    { name: 'semiten_r-P1', body: 'pelvis', at: v(-0.12635, -0.10988, 0.06039) },
    {
      name: 'semiten_r-P2',
      body: 'tibia',
      at: v(-0.04203, -0.02859, -0.02277),
      activeKneeAngle: range(-0.331613, 0.174533),
    },
    { name: 'semiten_r-P3', body: 'tibia', at: v(-0.03322, -0.05282, -0.02288) },
    { name: 'semiten_r-P4', body: 'tibia', at: v(-0.0113, -0.0746, -0.0245) },
    { name: 'semiten_r-P5', body: 'tibia', at: v(0.0027, -0.0956, -0.0193) },
  ],
  'biceps-femoris-long-head': [
    { name: 'bifemlh_r-P1', body: 'pelvis', at: v(-0.12596, -0.10257, 0.06944) },
    { name: 'bifemlh_r-P2', body: 'tibia', at: v(-0.0301, -0.036, 0.02943) },
    { name: 'bifemlh_r-P3', body: 'tibia', at: v(-0.0234, -0.0563, 0.0343) },
  ],
};

/** Hip joint centre in the pelvis frame (hip_r's `pelvis_offset` translation); the femur's origin.
 *  Its rotation hip_flexion_r is about the z axis, + = flexion. */
export const HIP_CENTRE_IN_PELVIS: Vec3 = v(-0.0707, -0.0661, 0.0835);

/**
 * The knee (knee_r, a CustomJoint): the tibia rotates about z by knee_angle_r (flexion negative,
 * range −120° to +10°) and its origin translates in the femur frame with that angle along x and y,
 * each a SimmSpline of knee_angle_r (radians → metres) [Delp 1990, after Yamaguchi & Zajac 1989's
 * planar knee]. Knots as printed.
 */
export const KNEE_TRANSLATION_X = {
  x: [
    -2.0944, -1.74533, -1.39626, -1.0472, -0.698132, -0.349066, -0.174533, 0.197344, 0.337395, 0.490178,
    1.52146, 2.0944,
  ],
  y: [
    -0.0032, 0.00179, 0.00411, 0.0041, 0.00212, -0.001, -0.0031, -0.005227, -0.005435, -0.005574, -0.005435,
    -0.00525,
  ],
} as const;
export const KNEE_TRANSLATION_Y = {
  x: [-2.0944, -1.22173, -0.523599, -0.349066, -0.174533, 0.159149, 2.0944],
  y: [-0.4226, -0.4082, -0.399, -0.3976, -0.3966, -0.395264, -0.396],
} as const;

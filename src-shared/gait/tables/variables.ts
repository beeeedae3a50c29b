/**
 * Every clinical variable the engine reports, as data: which view, at which event, unit, reference
 * range with its source, smallest detectable difference (SDD), and whether a left/right symmetry
 * index makes sense (only for magnitudes with a natural zero: a 2° vs 1° trunk lean is not "67%
 * asymmetric"). From clinical-variables.md.
 */
import type { HamstringMuscle } from '../hamstring/geometry';
import type { EventKind, GaitView } from '../types';
import type { AngleId } from './angles';
import { ARM_VARIABLES } from './arm-variables';
import type { SourceId } from './references';

export type VariableUnit = 'deg' | 'length' | 's' | 'ratio';

/** How a per-step value is taken; implemented in steps.ts. */
export type Extractor =
  | {
      readonly kind: 'angle-at';
      readonly angle: AngleId;
      readonly event: EventKind;
      readonly negate?: boolean;
    }
  | { readonly kind: 'stance-peak'; readonly angle: AngleId }
  | { readonly kind: 'late-swing-min'; readonly angle: AngleId }
  /** Greatest hamstring length / standing length from late swing to contact (hamstring/). */
  | { readonly kind: 'hamstring-late-swing'; readonly muscle: HamstringMuscle }
  | { readonly kind: 'toward-stance-side'; readonly angle: AngleId; readonly event: EventKind }
  | { readonly kind: 'pelvic-drop' }
  | { readonly kind: 'overstride' }
  | { readonly kind: 'base-of-support' }
  | { readonly kind: 'timing'; readonly what: 'step' | 'stride' | 'contact' | 'flight' | 'duty-factor' }
  | { readonly kind: 'vertical-oscillation' }
  /** Arm measures per stride (arms.ts, tables/arm-variables.ts). */
  | { readonly kind: 'arm'; readonly what: 'swing' | 'elbow' | 'crossover' }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface VariableDefinition {
  readonly id: string;
  readonly label: string;
  /** The view it is measured in; 'any' for spatiotemporal values. */
  readonly view: GaitView | 'any';
  /** The event it is read at ('stance' = over the stance phase, 'stride' = over the stride). */
  readonly event: EventKind | 'stance' | 'stride';
  readonly unit: VariableUnit;
  readonly definition: string;
  readonly extract: Extractor;
  readonly reference?: { readonly text: string; readonly source: SourceId };
  /** Smallest detectable difference, in the variable's unit (the upper figure of the published range). */
  readonly sdd?: { readonly value: number; readonly source: SourceId };
  readonly symmetryIndex: boolean;
  /** The limb it is read from, for the words of 'not measurable' (default: the leg). */
  readonly limb?: 'leg' | 'arm';
  /**
   * How much a steady runner's value varies from step to step (SD), before any measurement error:
   * the yardstick for an implausible spread (docs/uncertainty.md). Degrees; % of the mean for times
   * and ratios; % of the leg length for lengths.
   */
  readonly stepSd: StepSd;
}

/**
 * A steady runner's step-to-step SD. StrideLab defaults, from the hand-labelled treadmill clip
 * (docs/uncertainty.md: 2–3° for the sagittal angles at an event, under 3% for step and stride
 * times): the upper figure is used, so that only a spread well beyond a runner's own is called
 * implausible.
 */
export type StepSd = { readonly deg: number } | { readonly pctOfMean: number } | { readonly pctLeg: number };

const ANGLE_SD: StepSd = { deg: 3 };
const TIME_SD: StepSd = { pctOfMean: 3 };

/**
 * The hamstrings' stretch in late swing (issue 18 item 5; docs/progress.md §1): musculotendon length
 * from the late-swing hip and knee angles through the Delp 1990 model's geometry (gait2392), over the
 * standing length. Step-to-step SD: the angles' 3° through the model's slopes (about 0.0024 per degree
 * of hip, 0.0015 per degree of knee) is under 1% of the length, taken as 1%.
 */
const HAMSTRING_VARIABLES: readonly VariableDefinition[] = (
  [
    ['biceps-femoris-long-head', 'biceps femoris long head', 'bflh', '109.5'],
    ['semitendinosus', 'semitendinosus', 'st', '108.1'],
    ['semimembranosus', 'semimembranosus', 'sm', '107.4'],
  ] as const
).map(([muscle, name, short, sprint]) => ({
  id: `hamstring-length-ls-${short}`,
  label: `Hamstring length in late swing, % of standing (${name})`,
  view: 'side' as const,
  event: 'late-swing' as const,
  unit: 'ratio' as const,
  definition: `Greatest ${name} muscle–tendon length from peak thigh flexion to initial contact, as a share of its length standing upright, from the hip and knee angles through the Delp 1990 model; pelvis taken at its standing tilt.`,
  extract: { kind: 'hamstring-late-swing' as const, muscle },
  // Sprinting's peak through a scaled model of the same origin: what the muscle reaches at its most.
  reference: { text: `Sprinting, peak in late swing: ${sprint}% of standing`, source: 'thelen2005' as const },
  symmetryIndex: false,
  stepSd: { pctOfMean: 1 },
}));

export const VARIABLES: readonly VariableDefinition[] = [
  {
    id: 'foot-inclination-ic',
    label: 'Foot inclination at initial contact',
    view: 'side',
    event: 'initial-contact',
    unit: 'deg',
    definition: 'Heel→toe line vs the belt at initial contact; + = toes up.',
    extract: { kind: 'angle-at', angle: 'foot-inclination', event: 'initial-contact' },
    reference: { text: 'Higher = more braking', source: 'souza2016' },
    sdd: { value: 2.5, source: 'dingenen2018' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'tibia-inclination-ic',
    label: 'Tibia inclination at initial contact',
    view: 'side',
    event: 'initial-contact',
    unit: 'deg',
    definition: 'Knee→ankle line vs vertical at initial contact; + = ankle ahead of the knee.',
    extract: { kind: 'angle-at', angle: 'tibia-inclination', event: 'initial-contact' },
    reference: { text: 'Near vertical favoured', source: 'souza2016' },
    sdd: { value: 4.8, source: 'dingenen2018' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'overstride-ic',
    label: 'Overstride (heel ahead of pelvis) at initial contact',
    view: 'side',
    event: 'initial-contact',
    unit: 'length',
    definition: 'Horizontal heel-to-pelvis-centre distance at initial contact; + = heel ahead.',
    extract: { kind: 'overstride' },
    reference: { text: 'Poor reproducibility: read with the tibia inclination', source: 'souza2016' },
    symmetryIndex: false,
    stepSd: { pctLeg: 2.5 },
  },
  {
    id: 'knee-flexion-ic',
    label: 'Knee flexion at initial contact',
    view: 'side',
    event: 'initial-contact',
    unit: 'deg',
    definition: '180° − hip-knee-ankle angle at initial contact.',
    extract: { kind: 'angle-at', angle: 'knee-flexion', event: 'initial-contact' },
    reference: { text: 'Injured runners land with a straighter knee', source: 'bramah2018' },
    // Damsted 2015: within-day 95% prediction interval of a repeated 2D reading, 3–8° (the upper
    // figure, as for the other SDDs: a prediction interval of a retest is what an SDD bounds).
    sdd: { value: 8, source: 'damsted2015' },
    symmetryIndex: true,
    stepSd: ANGLE_SD,
  },
  {
    id: 'ankle-dorsiflexion-ic',
    label: 'Ankle dorsiflexion at initial contact',
    view: 'side',
    event: 'initial-contact',
    unit: 'deg',
    definition: 'Shank vs foot at initial contact; 0 = perpendicular, + = dorsiflexion.',
    extract: { kind: 'angle-at', angle: 'ankle-dorsiflexion', event: 'initial-contact' },
    reference: { text: 'Injured runners land more dorsiflexed', source: 'bramah2018' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'peak-knee-flexion-stance',
    label: 'Peak knee flexion in stance',
    view: 'side',
    event: 'midstance',
    unit: 'deg',
    definition: 'Largest knee flexion between initial contact and toe-off.',
    extract: { kind: 'stance-peak', angle: 'knee-flexion' },
    reference: { text: 'About 45°; below 40° in some knee-pain groups', source: 'souza2016' },
    sdd: { value: 3.8, source: 'dingenen2018' },
    symmetryIndex: true,
    stepSd: ANGLE_SD,
  },
  {
    id: 'hip-extension-to',
    label: 'Hip extension at toe-off',
    view: 'side',
    event: 'toe-off',
    unit: 'deg',
    definition: 'Thigh vs vertical at toe-off; + = knee behind the hip.',
    extract: { kind: 'angle-at', angle: 'hip-flexion', event: 'toe-off', negate: true },
    reference: { text: 'About 10° is typical of a compact stride', source: 'souza2016' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'trunk-lean-ms',
    label: 'Trunk forward lean at midstance',
    view: 'side',
    event: 'midstance',
    unit: 'deg',
    definition: 'Hip centre → shoulder centre vs vertical at midstance; + = forward.',
    extract: { kind: 'angle-at', angle: 'trunk-lean', event: 'midstance' },
    reference: { text: '3.6 ± 2.8° (upright group) vs 10.8 ± 2.2° (flexed group)', source: 'tengPowers' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'late-swing-hip-flexion',
    label: 'Peak hip flexion in late swing',
    view: 'side',
    event: 'late-swing',
    unit: 'deg',
    definition:
      'Largest thigh flexion before initial contact: with the knee extension, the hamstring at its longest.',
    extract: { kind: 'angle-at', angle: 'hip-flexion', event: 'late-swing' },
    reference: { text: 'Relevant to hamstring strain and tendinopathy', source: 'souza2016' },
    symmetryIndex: true,
    stepSd: ANGLE_SD,
  },
  {
    id: 'late-swing-knee-flexion',
    label: 'Least knee flexion in late swing',
    view: 'side',
    event: 'late-swing',
    unit: 'deg',
    definition: 'Smallest knee flexion between peak swing knee flexion and initial contact.',
    extract: { kind: 'late-swing-min', angle: 'knee-flexion' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  ...HAMSTRING_VARIABLES,
  {
    id: 'pelvic-drop-ms',
    label: 'Contralateral pelvic drop at midstance',
    view: 'rear',
    event: 'midstance',
    unit: 'deg',
    definition: 'Hip-to-hip line vs horizontal at the stance leg\u2019s midstance; + = swing side lower.',
    extract: { kind: 'pelvic-drop' },
    reference: { text: 'Each +1° raised the odds of the injured group by about 80%', source: 'bramah2018' },
    sdd: { value: 2.8, source: 'dingenen2018' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'hip-adduction-ms',
    label: 'Hip adduction at midstance',
    view: 'rear',
    event: 'midstance',
    unit: 'deg',
    definition: 'Thigh vs vertical at midstance; + = knee toward the midline.',
    extract: { kind: 'angle-at', angle: 'hip-adduction', event: 'midstance' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'knee-fppa-ms',
    label: 'Knee frontal plane projection angle at midstance',
    view: 'rear',
    event: 'midstance',
    unit: 'deg',
    definition:
      'Thigh vs shank in the image at midstance; + = valgus. A 2D projection: not 3D knee abduction.',
    extract: { kind: 'angle-at', angle: 'knee-fppa', event: 'midstance' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'trunk-lateral-lean-ms',
    label: 'Lateral trunk lean at midstance',
    view: 'rear',
    event: 'midstance',
    unit: 'deg',
    definition: 'Trunk line vs vertical at midstance; + = toward the stance side.',
    extract: { kind: 'toward-stance-side', angle: 'trunk-lateral-lean', event: 'midstance' },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'base-of-support-ms',
    label: 'Base of support (foot from midline) at midstance',
    view: 'rear',
    event: 'midstance',
    unit: 'length',
    definition: 'Heel lateral to the body midline (pelvis centre) at midstance; < 0 = crosses the midline.',
    extract: { kind: 'base-of-support' },
    reference: {
      text: 'Crossing the midline is linked to tibial stress fracture and ITB syndrome',
      source: 'souza2016',
    },
    symmetryIndex: false,
    stepSd: { pctLeg: 2 },
  },
  {
    id: 'heel-eversion',
    label: 'Heel eversion',
    view: 'rear',
    event: 'stance',
    unit: 'deg',
    definition: 'Heel counter vs shank in stance.',
    extract: {
      kind: 'unavailable',
      reason: 'needs markers on the heel counter: the pose model has one heel point',
    },
    symmetryIndex: false,
    stepSd: ANGLE_SD,
  },
  {
    id: 'step-time',
    label: 'Step time',
    view: 'any',
    event: 'initial-contact',
    unit: 's',
    definition: 'From the other foot\u2019s initial contact to this foot\u2019s.',
    extract: { kind: 'timing', what: 'step' },
    symmetryIndex: true,
    stepSd: TIME_SD,
  },
  {
    id: 'stride-time',
    label: 'Stride time',
    view: 'any',
    event: 'initial-contact',
    unit: 's',
    definition: 'From one initial contact to the next of the same foot.',
    extract: { kind: 'timing', what: 'stride' },
    symmetryIndex: true,
    stepSd: TIME_SD,
  },
  {
    id: 'contact-time',
    label: 'Ground contact time',
    view: 'any',
    event: 'stance',
    unit: 's',
    definition: 'From initial contact to toe-off.',
    extract: { kind: 'timing', what: 'contact' },
    symmetryIndex: true,
    stepSd: TIME_SD,
  },
  {
    id: 'flight-time',
    label: 'Flight time',
    view: 'any',
    event: 'toe-off',
    unit: 's',
    definition:
      'From this foot\u2019s toe-off to the other foot\u2019s initial contact (negative = double support, walking).',
    extract: { kind: 'timing', what: 'flight' },
    symmetryIndex: false,
    stepSd: TIME_SD,
  },
  {
    id: 'duty-factor',
    label: 'Duty factor',
    view: 'any',
    event: 'stride',
    unit: 'ratio',
    definition: 'Contact time / stride time.',
    extract: { kind: 'timing', what: 'duty-factor' },
    symmetryIndex: true,
    stepSd: TIME_SD,
  },
  {
    id: 'vertical-oscillation',
    label: 'Vertical oscillation',
    view: 'any',
    event: 'stride',
    unit: 'length',
    definition:
      'Peak-to-peak rise and fall of the head (side view; the pelvis centre from behind) over the stride that starts at this foot\u2019s initial contact, drift removed, from a fit of the stride.',
    extract: { kind: 'vertical-oscillation' },
    symmetryIndex: true,
    stepSd: { pctLeg: 0.6 },
  },
  ...ARM_VARIABLES,
];

export const variableById = (id: string): VariableDefinition | undefined =>
  VARIABLES.find((v) => v.id === id);

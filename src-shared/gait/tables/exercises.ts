/**
 * The exercise library, as data with stable ids: findings link to these ids, and the clinic can
 * edit names and instructions (or add exercises) without touching the engine. Starts with the
 * hamstring-focused plan of clinical-variables.md. Dosage and progression are starting points from
 * the cited protocol (strength work: 1–3 sets of 8–12 for novices, 2–3 days a week [ACSM 2009];
 * tendon-friendly order for proximal hamstring tendinopathy: isometrics → slow heavy loading in
 * little hip flexion → more hip flexion → faster loading → running [Goom 2016]). The app suggests;
 * the PT decides and edits.
 */
import { z } from 'zod';

export const ExerciseSchema = z.object({
  /** Stable id: never renamed once findings or reports refer to it. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  category: z.enum(['eccentric-hamstring', 'glute', 'core', 'gait-retraining', 'return-to-run']),
  instructions: z.string(),
  source: z.string().optional(),
  /** How much, how often: sets × repetitions (or time), sessions a week. */
  dosage: z.string().optional(),
  /** When and how to make it harder (or what to do when symptoms flare). */
  progression: z.string().optional(),
  /** The exercise in the runner's words, for the patient page of the report. */
  plain: z.string().optional(),
  /** Where the dosage and progression come from (short citation). */
  dosageSource: z.string().optional(),
});
export type Exercise = z.infer<typeof ExerciseSchema>;

export const DEFAULT_EXERCISES: readonly Exercise[] = [
  {
    id: 'backward-treadmill-eccentric',
    name: 'Backward treadmill eccentric hamstring exercise',
    category: 'eccentric-hamstring',
    instructions: 'Walk backward on an inclined treadmill, controlling knee extension with the hamstrings.',
    source: 'Cushman & Rho 2015',
    dosage: '3 × 5 min at a slow walk on a moderate incline, 3 times a week',
    progression: 'Add incline or time while pain during and the morning after stays at or below 3/10.',
    plain: 'Walk backwards slowly up a sloped treadmill, letting the back of your thighs control each step.',
    dosageSource: 'StrideLab starting point, progressed by symptoms as in Cushman & Rho 2015',
  },
  {
    id: 'nordic-curl',
    name: 'Nordic hamstring curl',
    category: 'eccentric-hamstring',
    instructions: 'Kneeling, ankles held; lower the trunk forward slowly under hamstring control.',
    dosage: '2 × 5, once a week in week 1; build to 3 sets of 12-10-8, 3 times a week by week 5',
    progression:
      'Lower more slowly, then hold a weight; in tendon pain start only after slow heavy hamstring work is settled.',
    plain: 'Kneel with your ankles held and lower yourself forward as slowly as you can.',
    dosageSource: 'Mjolsnes 2004; Goom 2016',
  },
  {
    id: 'single-leg-rdl',
    name: 'Single-leg Romanian deadlift',
    category: 'eccentric-hamstring',
    instructions: 'Hinge at the hip on one leg, pelvis level, back neutral; return under control.',
    dosage: '3 × 8–12 each leg, 2–3 times a week',
    progression:
      'Add a weight in the opposite hand; hinge deeper (more hip flexion) only once it is pain-free.',
    plain: 'Stand on one leg and tip forward from the hips with a flat back, then stand tall again.',
    dosageSource: 'ACSM 2009; Goom 2016',
  },
  {
    id: 'swiss-ball-curl',
    name: 'Swiss-ball hamstring curl',
    category: 'eccentric-hamstring',
    instructions: 'Supine, heels on the ball, hips lifted; curl the ball in and roll it out slowly.',
    dosage: '3 × 8–12, 2–3 times a week',
    progression: 'Two legs to one leg; slower on the way out.',
    plain: 'Lying on your back with heels on a ball, lift your hips and roll the ball in and out.',
    dosageSource: 'ACSM 2009',
  },
  {
    id: 'glute-bridge',
    name: 'Glute bridge',
    category: 'glute',
    instructions: 'Supine, knees bent; lift the pelvis by squeezing the glutes, without arching the back.',
    dosage: '3 × 10–15, with a 2-second hold at the top, 3 times a week',
    progression: 'Move to the single-leg bridge once 3 × 15 is easy.',
    plain: 'Lying on your back with knees bent, squeeze your buttocks to lift your hips.',
    dosageSource: 'ACSM 2009',
  },
  {
    id: 'single-leg-bridge',
    name: 'Single-leg bridge',
    category: 'glute',
    instructions: 'As the bridge, on one leg, keeping the pelvis level.',
    dosage: '3 × 8–12 each leg, 2–3 times a week',
    progression: 'Feet further away or on a step, then add a weight on the hips.',
    plain: 'The same bridge on one leg, keeping your hips level.',
    dosageSource: 'ACSM 2009',
  },
  {
    id: 'plank-leg-lift',
    name: 'Plank with leg lifts',
    category: 'core',
    instructions: 'Front plank; lift one leg at a time without letting the pelvis drop or rotate.',
    dosage: '3 × 20–30 s, lifting each leg in turn, 3 times a week',
    progression: 'Longer holds, then a slower leg lift, then a side plank.',
    plain: 'Hold a plank on your forearms and lift one leg at a time without your hips tipping.',
    dosageSource: 'ACSM 2009',
  },
  {
    id: 'cadence-retraining',
    name: 'Cadence retraining (+5–10%)',
    category: 'gait-retraining',
    instructions:
      'Run to a metronome 5–10% above the current step rate; shorter steps land closer to the body.',
    source: 'Heiderscheit 2011',
    dosage:
      "Within your usual runs: a few minutes at a time to a metronome set 5–10% above today's step rate",
    progression: 'Longer bouts each week; then run without the metronome and check the rate now and then.',
    plain: 'Take slightly shorter, quicker steps, to a beat on your phone or watch.',
    dosageSource: 'Heiderscheit 2011; Barton 2016',
  },
  {
    id: 'arm-swing-drill',
    name: 'Arm swing drill with mirror feedback',
    category: 'gait-retraining',
    instructions:
      'Standing tall in front of a mirror, elbows bent about 90°, swing the arms from the shoulders forward and back, hands passing the hips and not crossing the midline; then marching, then easy running in front of the mirror.',
    source: 'Willy 2012 (mirror feedback in gait retraining)',
    dosage: '2–3 × 30 s before easy runs (no published dosage for arm drills: StrideLab default)',
    progression:
      'Standing, then marching, then a few minutes of easy running with the mirror, then without it.',
    plain:
      'In front of a mirror, swing your arms forward and back from the shoulders, hands brushing your hips.',
    dosageSource: 'StrideLab default; mirror feedback as in Willy 2012',
  },
  {
    id: 'graded-return-to-run',
    name: 'Graded return to run',
    category: 'return-to-run',
    instructions: 'Walk-run intervals, increasing running time while symptoms stay settled.',
    dosage: 'Walk-run intervals (e.g. 1 min run / 1 min walk × 10) every other day',
    progression:
      'Lengthen the running bouts when pain during and the day after stays at or below 3/10; speed and hills last.',
    plain: 'Mix walking and running, and run a little more each week while it stays comfortable.',
    dosageSource: 'Goom 2016',
  },
];

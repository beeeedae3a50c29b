/**
 * The exercise library, as data with stable ids: findings link to these ids, and the clinic can
 * edit names and instructions (or add exercises) without touching the engine. Starts with the
 * hamstring-focused plan of clinical-variables.md. The app suggests; the PT decides and edits.
 */
import { z } from 'zod';

export const ExerciseSchema = z.object({
  /** Stable id: never renamed once findings or reports refer to it. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  category: z.enum(['eccentric-hamstring', 'glute', 'core', 'gait-retraining', 'return-to-run']),
  instructions: z.string(),
  source: z.string().optional(),
});
export type Exercise = z.infer<typeof ExerciseSchema>;

export const DEFAULT_EXERCISES: readonly Exercise[] = [
  {
    id: 'backward-treadmill-eccentric',
    name: 'Backward treadmill eccentric hamstring exercise',
    category: 'eccentric-hamstring',
    instructions: 'Walk backward on an inclined treadmill, controlling knee extension with the hamstrings.',
    source: 'Cushman & Rho 2015',
  },
  {
    id: 'nordic-curl',
    name: 'Nordic hamstring curl',
    category: 'eccentric-hamstring',
    instructions: 'Kneeling, ankles held; lower the trunk forward slowly under hamstring control.',
  },
  {
    id: 'single-leg-rdl',
    name: 'Single-leg Romanian deadlift',
    category: 'eccentric-hamstring',
    instructions: 'Hinge at the hip on one leg, pelvis level, back neutral; return under control.',
  },
  {
    id: 'swiss-ball-curl',
    name: 'Swiss-ball hamstring curl',
    category: 'eccentric-hamstring',
    instructions: 'Supine, heels on the ball, hips lifted; curl the ball in and roll it out slowly.',
  },
  {
    id: 'glute-bridge',
    name: 'Glute bridge',
    category: 'glute',
    instructions: 'Supine, knees bent; lift the pelvis by squeezing the glutes, without arching the back.',
  },
  {
    id: 'single-leg-bridge',
    name: 'Single-leg bridge',
    category: 'glute',
    instructions: 'As the bridge, on one leg, keeping the pelvis level.',
  },
  {
    id: 'plank-leg-lift',
    name: 'Plank with leg lifts',
    category: 'core',
    instructions: 'Front plank; lift one leg at a time without letting the pelvis drop or rotate.',
  },
  {
    id: 'cadence-retraining',
    name: 'Cadence retraining (+5–10%)',
    category: 'gait-retraining',
    instructions:
      'Run to a metronome 5–10% above the current step rate; shorter steps land closer to the body.',
    source: 'Heiderscheit 2011',
  },
  {
    id: 'graded-return-to-run',
    name: 'Graded return to run',
    category: 'return-to-run',
    instructions: 'Walk-run intervals, increasing running time while symptoms stay settled.',
  },
];

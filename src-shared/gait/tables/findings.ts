/**
 * Finding rules, as data. A rule fires when its condition holds on a side's summary (mean over clean
 * steps) or on the left/right difference, beyond the variable's SDD and with its whole 95% interval
 * (findings.ts, docs/uncertainty.md). Thresholds are StrideLab defaults, not validated cut-offs
 * (none exist [Souza 2016]); each names what it rests on. Each rule links to exercise ids from the
 * exercise library (exercises.ts).
 */
import type { SourceId } from './references';

export type Comparison = '>' | '<';

export type FindingCondition =
  /** A side's mean of a variable compared with a threshold. */
  | { readonly kind: 'side-mean'; readonly variable: string; readonly op: Comparison; readonly value: number }
  /** Any variable whose left/right difference, 95% interval included, exceeds both its SDD and
   *  `minDifferencePct` of its mean. */
  | { readonly kind: 'asymmetry'; readonly minDifferencePct: number };

export interface FindingRule {
  readonly id: string;
  readonly title: string;
  readonly condition: FindingCondition;
  /** Why the threshold is what it is. */
  readonly basis: { readonly text: string; readonly source: SourceId };
  readonly exercises: readonly string[];
  /**
   * For the runner, in plain words: what was seen (`plain`), and one sentence to think of while
   * running (`cue`), with what the cue rests on. Cues are external-focus, one at a time, as in
   * gait retraining [Barton 2016]; the PT edits them in the report.
   */
  readonly plain: string;
  readonly cue: { readonly text: string; readonly source: SourceId };
}

export const DEFAULT_FINDING_RULES: readonly FindingRule[] = [
  {
    id: 'contralateral-pelvic-drop',
    title: 'Contralateral pelvic drop',
    condition: { kind: 'side-mean', variable: 'pelvic-drop-ms', op: '>', value: 5 },
    basis: {
      text: 'Greater drop in injured runners; each +1° raised the odds by ~80% [Bramah 2018]; default 5°.',
      source: 'bramah2018',
    },
    exercises: ['single-leg-bridge', 'glute-bridge', 'plank-leg-lift'],
    plain: 'Your hips dip on the side of the leg in the air while the other foot is on the ground.',
    cue: { text: 'Run tall and level: keep your belt buckle level, knees apart.', source: 'noehren2011' },
  },
  {
    id: 'overstride',
    title: 'Overstride (landing with the shank inclined forward)',
    condition: { kind: 'side-mean', variable: 'tibia-inclination-ic', op: '>', value: 8 },
    basis: {
      text: 'A near-vertical tibia at contact is favoured [Souza 2016]; default 8°.',
      source: 'souza2016',
    },
    exercises: ['cadence-retraining'],
    plain: 'Your foot lands far in front of your body, which brakes each step.',
    // What Heiderscheit 2011 measured as the step rate rose 5-10%: shorter steps and less braking
    // impulse. It did not report where the foot lands relative to the hips, so the cue asks for the
    // quicker, shorter steps, not for a foot placement (it said "land under your hips"; docs/report.md).
    cue: { text: 'Quicker, shorter steps: a few more steps each minute.', source: 'heiderscheit2011' },
  },
  {
    id: 'limited-hip-extension',
    title: 'Limited hip extension at toe-off',
    condition: { kind: 'side-mean', variable: 'hip-extension-to', op: '<', value: 5 },
    basis: { text: 'About 10° is typical [Souza 2016]; default: below 5°.', source: 'souza2016' },
    exercises: ['glute-bridge', 'single-leg-bridge', 'single-leg-rdl'],
    plain:
      'Your leg does not swing far behind you before it leaves the ground, so the back of the thigh does more of the work.',
    cue: { text: 'Push the ground away behind you with your buttock.', source: 'barton2016' },
  },
  {
    id: 'forward-trunk-lean',
    title: 'Forward trunk lean',
    condition: { kind: 'side-mean', variable: 'trunk-lean-ms', op: '>', value: 10 },
    basis: {
      text: 'Flexed-trunk group 10.8 ± 2.2° vs 3.6 ± 2.8° [Teng & Powers]; default 10°.',
      source: 'tengPowers',
    },
    exercises: ['plank-leg-lift', 'single-leg-rdl'],
    plain: 'You bend forward at the waist while running.',
    cue: { text: 'Run tall: head up, chest proud, lean from the ankles.', source: 'barton2016' },
  },
  {
    id: 'stiff-knee-stance',
    title: 'Stiff knee in stance',
    condition: { kind: 'side-mean', variable: 'peak-knee-flexion-stance', op: '<', value: 40 },
    basis: {
      text: 'About 45° typical; below 40° in some knee-pain groups [Souza 2016].',
      source: 'souza2016',
    },
    // No drill: the library's one gait drill, cadence +5–10%, LOWERS peak knee flexion in stance
    // [Heiderscheit 2011: peak knee flexion fell with step rate, P < 0.01], so it would deepen this
    // finding; none of StrideLab's sources tests a drill that raises it (docs/report.md).
    exercises: [],
    plain:
      'Your knee stays quite straight while your foot is on the ground, so it absorbs less of the landing.',
    // Barton 2016's soft-landing cue; no source measured its effect on stance knee flexion.
    cue: { text: 'Soft knees: land quietly and let the knee bend.', source: 'barton2016' },
  },
  {
    id: 'extended-knee-landing',
    title: 'Landing with an extended knee',
    condition: { kind: 'side-mean', variable: 'knee-flexion-ic', op: '<', value: 10 },
    basis: {
      text: 'Injured runners land with a straighter knee [Bramah 2018]; default 10°.',
      source: 'bramah2018',
    },
    // Cadence +5–10% is offered to unload the knee (less knee energy absorption, shorter steps, less
    // braking [Heiderscheit 2011]), not to bend it at contact: no step-rate source StrideLab cites
    // reports knee flexion at contact, and peak stance knee flexion falls (docs/report.md).
    exercises: ['cadence-retraining', 'backward-treadmill-eccentric'],
    plain: 'Your knee is nearly straight when your foot lands.',
    // A soft-landing cue, of the kind Barton 2016 reviews to reduce impact loading; no source
    // measured its effect on knee flexion at contact, and none reports where the knee lands (it
    // said 'under you' until the fifteenth session).
    cue: { text: 'Land softly, with a bent knee.', source: 'barton2016' },
  },
  {
    id: 'dorsiflexed-ankle-landing',
    title: 'Landing with a dorsiflexed ankle',
    condition: { kind: 'side-mean', variable: 'ankle-dorsiflexion-ic', op: '>', value: 15 },
    basis: {
      text: 'Injured runners land more dorsiflexed [Bramah 2018]; default 15°.',
      source: 'bramah2018',
    },
    // Cadence retraining lowered ankle dorsiflexion at contact after 6 weeks [Hafer 2015, 6 runners]
    // and lowers the foot strike angle [Anderson 2022, meta-analysis] (docs/report.md).
    exercises: ['cadence-retraining'],
    plain: 'Your toes point up a lot as your heel lands, so the shin takes the landing.',
    // A soft-landing cue, of the kind Barton 2016 reviews to reduce impact loading. It read "…, closer
    // to under your body.": no source StrideLab cites reports where the foot lands (docs/report.md).
    cue: { text: 'Quiet feet: land as softly and quietly as you can.', source: 'barton2016' },
  },
  {
    id: 'asymmetry',
    title: 'Left/right asymmetry',
    condition: { kind: 'asymmetry', minDifferencePct: 10 },
    basis: {
      text: 'Difference larger than the smallest detectable difference and than 10% of the mean, with its whole 95% interval (StrideLab default).',
      source: 'stridelabDefault',
    },
    exercises: ['single-leg-bridge', 'single-leg-rdl', 'graded-return-to-run'],
    plain: "Your left and right steps differ by more than the camera's measurement error.",
    cue: { text: 'Even steps: make both feet sound the same on the belt.', source: 'barton2016' },
  },
  {
    id: 'arm-crossover',
    title: 'Arms crossing the midline',
    condition: { kind: 'side-mean', variable: 'arm-crossover', op: '<', value: 0 },
    basis: {
      text: 'The wrist crosses the body midline in every stride (whole 95% interval past it). No published cut-off or injury link; coaches advise against it (StrideLab default: 0 cm).',
      source: 'stridelabDefault',
    },
    exercises: ['arm-swing-drill'],
    plain: 'Your hands swing across the front of your body instead of forward and back.',
    cue: { text: 'Hands brush your hips: swing forward and back, not across.', source: 'barton2016' },
  },
];

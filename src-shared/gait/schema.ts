/**
 * The gait result, `stridelab.gait/1`: what analyzeGait returns, the CLI writes (`stridelab gait
 * --out`), the library stores and the report reads. Documented in docs/gait-schema.md. Times are
 * seconds from the start of the clip; `frame` is the frame's index in presentation order.
 */
import { z } from 'zod';

const Side = z.enum(['left', 'right']);
const View = z.enum(['side', 'rear']);
const Num = z.number();
const NullableNum = z.number().nullable();

export const GaitEventSchema = z.object({
  kind: z.enum(['initial-contact', 'toe-off', 'midstance', 'late-swing']),
  side: Side,
  frame: z.number().int().nonnegative(),
  t: Num,
  /** Sub-frame position (fractional frame index) used for the timing values. */
  frameF: Num,
  confidence: z.number().min(0).max(1),
  source: z.enum(['detected', 'external', 'corrected', 'markers']),
  /** A contact or toe-off placed from its foot's stride template: that template's bootstrap spread,
   *  frames (GaitEvent.templateSd); on an external event, the side clip's, in this clip's frames;
   *  absent elsewhere. Read again by the marker variables. */
  templateSd: Num.optional(),
});

export const UnitSchema = z.enum(['deg', 'cm', '%leg', 's', 'ratio']);

export const StepValueSchema = z.object({
  step: z.number().int().nonnegative(),
  frame: z.number().int().nonnegative(),
  t: Num,
  value: Num,
  clean: z.boolean(),
  /** Standard uncertainty of this step's value, in the variable's unit (docs/uncertainty.md). */
  u: NullableNum,
});

/** The uncertainty of a mean (or of a left − right difference), GUM style (docs/uncertainty.md). */
export const MeanUncertaintySchema = z.object({
  /** SD over steps / √n. */
  random: Num,
  /** What does not average over steps (event timing against the frame interval). */
  systematic: Num,
  /** Combined standard uncertainty. */
  combined: Num,
  /** Coverage factor for 95% (Student's t, effective degrees of freedom). */
  k: Num,
  /** 95% interval: value ± k·combined. */
  interval: z.tuple([Num, Num]),
});

export const SideSummarySchema = z.object({
  side: Side,
  mean: NullableNum,
  sd: NullableNum,
  n: z.number().int().nonnegative(),
  min: NullableNum,
  max: NullableNum,
  /** At least MIN_STEPS clean steps [Dingenen 2018]. */
  enoughSteps: z.boolean(),
  /** Uncertainty of the mean; null below two clean steps. */
  uncertainty: MeanUncertaintySchema.nullable(),
  /** Set when the camera cannot measure this side's value (a hidden far leg, an implausible
   *  spread): the report shows the reason and the remedy instead of a number. */
  notMeasurable: z.object({ reason: z.string(), remedy: z.string() }).nullable(),
  values: z.array(StepValueSchema),
});

export const VariableSchema = z.object({
  id: z.string(),
  label: z.string(),
  view: z.enum(['side', 'rear', 'any']),
  event: z.string(),
  unit: UnitSchema,
  definition: z.string(),
  reference: z.object({ text: z.string(), source: z.string() }).nullable(),
  sdd: z.object({ value: Num, source: z.string() }).nullable(),
  left: SideSummarySchema,
  right: SideSummarySchema,
  symmetry: z
    .object({
      /** left mean − right mean, in the variable's unit. */
      difference: Num,
      /** 100·(L−R)/mean(L,R); null where a ratio makes no sense (values around zero). */
      indexPct: NullableNum,
      /** Uncertainty of the difference; null when either side has no uncertainty. */
      uncertainty: MeanUncertaintySchema.nullable(),
    })
    .nullable(),
});

export const FlagSchema = z.object({
  code: z.enum([
    'no-steps',
    'too-few-steps',
    'low-confidence-side',
    'camera-not-perpendicular',
    'frame-rate-too-low',
    'variable-frame-rate',
    'missing-poses',
    'direction-uncertain',
    'near-far-uncertain',
    'uncalibrated',
    'walking',
    'external-events',
    'wrong-view',
    'not-running',
    'not-measurable',
    'events-corrected',
    /** Side view: contacts and toe-offs read from the feet's skin markers (src-shared/markers/foot-events-choice.ts). */
    'events-from-markers',
    /** Side view: the near hip or wrist hidden by something in front (camera-advice.ts). */
    'hidden-by-rails',
    /** A foot's contacts or toe-offs its stride template cannot time to the frame (eventsTemplateSpread.ts). */
    'event-timing-uncertain',
  ]),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  side: Side.optional(),
  values: z.record(z.string(), Num).optional(),
});

export const FindingSchema = z.object({
  id: z.string(),
  title: z.string(),
  side: z.enum(['left', 'right', 'both']),
  /** Fewer than MIN_STEPS clean steps behind the evidence. */
  provisional: z.boolean(),
  /** Per-side rules: value = the side's mean. Asymmetry (side 'both'): value = left − right, and
   *  the rule fires when |value| > threshold. */
  evidence: z.array(
    z.object({
      variableId: z.string(),
      label: z.string(),
      side: z.enum(['left', 'right', 'both']),
      value: Num,
      sd: NullableNum,
      n: z.number().int(),
      unit: UnitSchema,
      op: z.enum(['>', '<']),
      threshold: Num,
      /** 95% interval of `value` (docs/uncertainty.md): the rule fires only when it excludes the threshold. */
      interval: z.tuple([Num, Num]).nullable(),
      /** The variable's smallest detectable difference, where published. */
      sdd: NullableNum,
    }),
  ),
  basis: z.object({ text: z.string(), source: z.string() }),
  exercises: z.array(z.object({ id: z.string(), name: z.string() })),
  /** For the runner: what was seen in plain words, and one cue to think of while running, with
   *  its source (tables/findings.ts). Optional: analyses stored before they existed lack them. */
  plain: z.string().optional(),
  cue: z.object({ text: z.string(), source: z.string() }).optional(),
});

/**
 * Whether the clip is what it was filed as (running, in this view) before any finding is drawn
 * from it (quality.ts). When it is not, `findingsWithheld` is true, `findings` is empty and
 * `reasons` say why in the clinic's words.
 */
export const ClipQualitySchema = z.object({
  findingsWithheld: z.boolean(),
  reasons: z.array(
    z.object({
      code: z.enum(['wrong-view', 'walking', 'not-moving', 'no-steps', 'no-person']),
      message: z.string(),
    }),
  ),
  /** What the runner was doing, from the steps found. */
  activity: z.enum(['running', 'walking', 'standing', 'unknown']),
  /** The view filed, and the view the landmark geometry shows ('unknown' when it cannot tell). */
  view: z.object({
    filed: View,
    detected: z.enum(['side', 'rear', 'unknown']),
    hipWidth: NullableNum,
    ankleSwing: NullableNum,
  }),
});

export const GaitAnalysisSchema = z.object({
  schema: z.literal('stridelab.gait/1'),
  engine: z.object({ version: z.string() }),
  source: z.object({
    file: z.string(),
    view: View,
    fps: Num,
    width: z.number().int(),
    height: z.number().int(),
    frameCount: z.number().int(),
    durationS: Num,
  }),
  orientation: z.object({
    facing: z.enum(['image-right', 'image-left']).nullable(),
    nearSide: Side.nullable(),
    labelsSwapped: z.boolean(),
    directionAgreement: Num,
    nearSideAgreement: Num,
  }),
  calibration: z.object({
    method: z.enum(['known-distance', 'pixels-per-cm', 'height', 'leg-length']),
    pxPerCm: NullableNum,
    legLengthPx: Num,
    lengthUnit: z.enum(['cm', '%leg']),
    /** Side view: each foot's heel→toe angle at midstance (foot flat), subtracted from foot
     *  inclination and ankle dorsiflexion; null when not measured. */
    footFlatDeg: z.object({ left: NullableNum, right: NullableNum }),
  }),
  filter: z.object({
    method: z.literal('butterworth-zero-lag-4th-order'),
    cutoffHz: NullableNum,
    choice: z.enum(['residual-analysis', 'user', 'none', 'noise-free']),
    noiseRmsPx: NullableNum,
  }),
  gait: z.enum(['running', 'walking', 'unknown']),
  events: z.array(GaitEventSchema),
  footStrike: z.object({
    left: z.object({ rearfoot: z.number().int(), midfoot: z.number().int(), forefoot: z.number().int() }),
    right: z.object({ rearfoot: z.number().int(), midfoot: z.number().int(), forefoot: z.number().int() }),
  }),
  cadence: z.object({ value: NullableNum, unit: z.literal('steps/min'), n: z.number().int() }),
  variables: z.array(VariableSchema),
  unavailable: z.array(z.object({ id: z.string(), label: z.string(), reason: z.string() })),
  findings: z.array(FindingSchema),
  flags: z.array(FlagSchema),
  quality: ClipQualitySchema,
  /** Per-frame joint angles (degrees, cleaned), for curves and overlays; null where missing. */
  angles: z.array(
    z.object({ id: z.string(), side: z.enum(['left', 'right', 'body']), values: z.array(NullableNum) }),
  ),
});

export type GaitAnalysis = z.infer<typeof GaitAnalysisSchema>;
export type GaitVariable = z.infer<typeof VariableSchema>;
export type GaitFlag = z.infer<typeof FlagSchema>;
export type GaitFinding = z.infer<typeof FindingSchema>;
export type GaitEventJson = z.infer<typeof GaitEventSchema>;
export type GaitMeanUncertainty = z.infer<typeof MeanUncertaintySchema>;
export type GaitClipQuality = z.infer<typeof ClipQualitySchema>;
export type LengthUnit = 'cm' | '%leg';

export const ENGINE_VERSION = '1.0.0';
/** Steps per side for a stable mean [Dingenen 2018: ~6.3 steps]. */
export const MIN_STEPS = 7;

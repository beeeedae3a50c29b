/**
 * The gait engine's public entry: a pipeline of pure stages (house style 6),
 *   landmarks (px) → orient → calibrate → clean (gap fill + zero-lag Butterworth) → joint angles
 *   → gait events → foot-flat baseline → per-step variables → summaries + spatiotemporal
 *   → quality flags → findings,
 * each stage in its own file with its method cited there. Methods: docs/gait-methods.md; result
 * schema: docs/gait-schema.md.
 */
import { applyEventEdits, eventEditFlags, sequenceFlags } from './event-edits';
import { eventSequenceProblems } from './event-sequence';
import { landmarkProblems, LandmarkSeriesSchema } from '../pose/landmarks';
import { computeAngles } from './angles';
import { calibrate } from './calibrate';
import { clean } from './clean';
import { checkClip } from './clip-check';
import { detectEvents, makeEvent } from './events';
import { applyFindings } from './findings';
import { applyFootBaseline, footFlatBaseline } from './footBaseline';
import { orient } from './orient';
import { qualityFlags } from './quality';
import { upperBody } from './upper-body';
import { railCheck } from './camera-advice';
import { ENGINE_VERSION, type GaitAnalysis, type LengthUnit } from './schema';
import { buildSteps, variablesFor } from './steps';
import { cadence, summarise } from './summary';
import { DEFAULT_EXERCISES, type Exercise } from './tables/exercises';
import { DEFAULT_FINDING_RULES, type FindingRule } from './tables/findings';
import { VARIABLES } from './tables/variables';
import type { ExternalEvent, GaitEvent, GaitInput, Timeline } from './types';
import { frameInterval } from './uncertainty-points';

export interface AnalyzeOptions {
  /** The clinic's exercise library (defaults to the built-in one). */
  readonly exercises?: readonly Exercise[];
  /** The clinic's finding rules (defaults to the built-in ones). */
  readonly findingRules?: readonly FindingRule[];
}

/** An input the engine cannot analyse, with a message for the PT. */
export class GaitInputError extends Error {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'GaitInputError';
    this.field = field;
  }
}

/** Maps events from another clip (side view) into this clip's frames: t_this = t_other + offsetS. */
export function mapExternalEvents(
  events: readonly ExternalEvent[],
  offsetS: number,
  tl: Timeline,
): GaitEvent[] {
  const n = tl.t.length;
  if (n === 0) return [];
  const t0 = tl.t[0] as number;
  const t1 = tl.t[n - 1] as number;
  const out: GaitEvent[] = [];
  for (const e of events) {
    const t = e.t + offsetS;
    if (t < t0 || t > t1) continue;
    // Fractional frame position of t by the true timestamps (binary search).
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((tl.t[mid] as number) <= t) lo = mid;
      else hi = mid;
    }
    const a = tl.t[lo] as number;
    const b = tl.t[hi] as number;
    const f = b > a ? lo + (t - a) / (b - a) : lo;
    const ev = makeEvent(tl, e.kind, e.side, f, e.confidence ?? 1, 'external');
    // The side clip's template spread, in this clip's frames: the same rule (eventTimingFrames) then
    // times a value read here as it times one read there (docs/uncertainty.md §8).
    const sd = e.templateSdS === undefined ? undefined : e.templateSdS / frameInterval(tl, ev.at);
    out.push(sd === undefined ? ev : { ...ev, templateSd: sd });
  }
  return out.sort((p, q) => p.atF - q.atF);
}

export function analyzeGait(input: GaitInput, options: AnalyzeOptions = {}): GaitAnalysis {
  const parsed = LandmarkSeriesSchema.safeParse(input.series);
  if (!parsed.success) {
    throw new GaitInputError(
      `The landmark file is not a valid stridelab.landmarks/1 series: ${landmarkProblems(parsed.error.issues)}`,
      'series',
    );
  }
  const series = parsed.data;
  if (input.view !== 'side' && input.view !== 'rear')
    throw new GaitInputError(`The view must be "side" or "rear", not "${String(input.view)}"`, 'view');
  if (series.frames.length < 10)
    throw new GaitInputError(
      `The clip has only ${series.frames.length} frames: too short to find steps.`,
      'series',
    );
  for (let i = 1; i < series.frames.length; i++) {
    if (!((series.frames[i]?.t as number) > (series.frames[i - 1]?.t as number)))
      throw new GaitInputError(
        `Frame times must increase: frame ${i} (t = ${series.frames[i]?.t} s) is not after the one before.`,
        'series.frames',
      );
  }
  if (input.externalEvents && input.view !== 'rear')
    throw new GaitInputError(
      'External events are for the rear view (driven by the side view).',
      'externalEvents',
    );

  const view = input.view;
  const oriented = orient(series, view);
  const tl = oriented.timeline;
  const cleaned = clean(oriented.body, tl.t, tl.fps, input.cutoffHz ?? 'auto');
  let cal;
  try {
    cal = calibrate(cleaned.body, input.calibration);
  } catch (e) {
    throw new GaitInputError((e as Error).message, 'calibration');
  }
  const lengthUnit: LengthUnit = cal.pxPerCm ? 'cm' : '%leg';
  const angles = computeAngles(cleaned.body, view);

  const found = input.externalEvents
    ? mapExternalEvents(input.externalEvents.events, input.externalEvents.offsetS, tl)
    : Number.isFinite(cal.legLengthPx)
      ? detectEvents(
          cleaned.body,
          cleaned.unfiltered,
          tl,
          angles,
          cal.legLengthPx,
          view,
          cleaned.report.noiseRmsPx ?? 0,
          {
            width: series.source.width,
            height: series.source.height,
            dir: view === 'side' && oriented.orientation.facing === 'image-left' ? -1 : 1,
          },
        )
      : [];
  // Events from skin markers where they do better (issue 15; docs/markers.md "Marker events").
  const chosen = input.chooseEvents && !input.externalEvents ? [...input.chooseEvents(found, tl)] : found;
  // The PT's event corrections, applied after detection so every value follows (event-edits.ts).
  const edited = applyEventEdits(chosen, input.eventEdits ?? [], tl);
  const events = edited.events;

  const footBaseline = view === 'side' ? footFlatBaseline(angles, events) : { left: null, right: null };
  applyFootBaseline(angles, footBaseline);

  // Arms and head for the arm variables and the vertical oscillation (upper-body.ts).
  const upper = upperBody(series, view, oriented.orientation);
  const frameOf = (at: number): number => tl.frame[at] ?? at;
  // A hand edit that leaves an impossible sequence stands, but is said and its steps are not clean.
  const sequence = eventSequenceProblems(
    events.map((ev) => ({ ...ev, frame: frameOf(ev.at), corrected: ev.source === 'corrected', ev })),
  );
  const suspect = new Set(sequence.flatMap((p) => p.involved.map((x) => x.ev)));
  const steps = buildSteps(
    events,
    { body: cleaned.body, angles, view, calibration: cal, lengthUnit, upper },
    suspect,
  );
  const defs = variablesFor(view);
  const variables = summarise(defs, steps, frameOf, {
    body: cleaned.body,
    unfiltered: cleaned.unfiltered,
    cutoffHz: cleaned.report.cutoffHz,
    angles,
    timeline: tl,
    view,
    noiseRmsPx: cleaned.report.noiseRmsPx,
    legLengthPx: cal.legLengthPx,
    pxPerCm: cal.pxPerCm,
    nearSide: oriented.orientation.nearSide,
    lengthUnit,
    upper,
  });
  const duty = variables.find((v) => v.id === 'duty-factor');
  const dutyMeans = [duty?.left.mean, duty?.right.mean].filter((x): x is number => typeof x === 'number');
  const gait =
    dutyMeans.length === 0
      ? 'unknown'
      : dutyMeans.reduce((a, b) => a + b, 0) / dutyMeans.length > 0.5
        ? 'walking'
        : 'running';

  const strikes = (side: 'left' | 'right'): { rearfoot: number; midfoot: number; forefoot: number } => {
    const c = { rearfoot: 0, midfoot: 0, forefoot: 0 };
    for (const s of steps) if (s.side === side && s.clean && s.footStrike) c[s.footStrike]++;
    return c;
  };

  const cad = cadence(steps.filter((s) => s.clean));
  // Findings are drawn only from a clip that shows running, in the view it was filed under.
  const clip = checkClip({
    series,
    view,
    body: cleaned.body,
    legLengthPx: cal.legLengthPx,
    initialContacts: events.filter((e) => e.kind === 'initial-contact').length,
    variables,
    cadence: cad.value,
    fps: tl.fps,
  });
  const flags = [
    ...qualityFlags({
      series,
      view,
      oriented,
      body: cleaned.body,
      timeline: tl,
      steps,
      legLengthPx: cal.legLengthPx,
      calibrated: cal.pxPerCm !== null,
      gait,
      externalEvents: !!input.externalEvents,
      clip,
      variables,
    }),
    ...eventEditFlags(edited),
    ...sequenceFlags(sequence),
    ...[railCheck(series, view, oriented.orientation.nearSide)].filter((f) => f !== null),
  ];
  const findings = clip.findingsWithheld
    ? []
    : applyFindings(
        options.findingRules ?? DEFAULT_FINDING_RULES,
        variables,
        options.exercises ?? DEFAULT_EXERCISES,
      );
  const round = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);

  return {
    schema: 'stridelab.gait/1',
    engine: { version: ENGINE_VERSION },
    source: {
      file: series.source.file,
      view,
      fps: series.source.fps,
      width: series.source.width,
      height: series.source.height,
      frameCount: series.source.frameCount,
      durationS: series.source.durationS,
    },
    orientation: {
      facing: oriented.orientation.facing,
      nearSide: oriented.orientation.nearSide,
      labelsSwapped: oriented.orientation.labelsSwapped,
      directionAgreement: oriented.orientation.directionAgreement,
      nearSideAgreement: oriented.orientation.nearSideAgreement,
    },
    calibration: {
      method: cal.method,
      pxPerCm: cal.pxPerCm,
      legLengthPx: Number.isFinite(cal.legLengthPx) ? cal.legLengthPx : 0,
      lengthUnit,
      footFlatDeg: footBaseline,
    },
    filter: {
      method: cleaned.report.method,
      cutoffHz: cleaned.report.cutoffHz,
      choice: cleaned.report.choice,
      noiseRmsPx: cleaned.report.noiseRmsPx,
    },
    // One answer to "running or walking?": the clip check's, which reads the pelvis bounce and
    // needs no event (the duty factor alone misreads a walk whose contacts were missed).
    gait: clip.activity === 'running' || clip.activity === 'walking' ? clip.activity : 'unknown',
    events: events.map((e) => ({
      kind: e.kind,
      side: e.side,
      frame: frameOf(e.at),
      t: e.t,
      frameF: e.atF,
      confidence: e.confidence,
      source: e.source,
      ...(e.templateSd === undefined ? {} : { templateSd: e.templateSd }),
    })),
    footStrike: { left: strikes('left'), right: strikes('right') },
    cadence: { value: cad.value, unit: 'steps/min', n: cad.n },
    variables,
    unavailable: VARIABLES.filter(
      (v) => v.extract.kind === 'unavailable' && (v.view === view || v.view === 'any'),
    ).map((v) => ({
      id: v.id,
      label: v.label,
      reason: v.extract.kind === 'unavailable' ? v.extract.reason : '',
    })),
    findings,
    flags,
    quality: clip,
    angles: Object.values(angles).flatMap((a): GaitAnalysis['angles'] =>
      a.def.perSide
        ? [
            { id: a.def.id, side: 'left' as const, values: Array.from(a.left, round) },
            { id: a.def.id, side: 'right' as const, values: Array.from(a.right, round) },
          ]
        : [{ id: a.def.id, side: 'body' as const, values: Array.from(a.left, round) }],
    ),
  };
}

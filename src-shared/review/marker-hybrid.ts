/**
 * Hybrid analysis (issue 15 item 3): "where a marker exists it is used; elsewhere the pose landmarks
 * are, and the report says which source each value came from". A marker variable that measures what
 * the pose landmarks also give (marker knee and ankle angles: the same definitions, read at the same
 * engine events, docs/markers.md "Variables") takes that variable's place in the clip's gait analysis,
 * side by side: the side's summary, its steps, its interval. Where the markers' side is not measurable
 * from this view (the spread or segment rule, marker-uncertainty.ts) or has no value, the landmarks'
 * side stays. Left − right is read again from the sides shown, the engine's finding rules are applied
 * again to the variables shown (findings.ts), and the "not measurable" flags list only what is still
 * not measured: every screen that reads the analysis (Review's summary, steps and "What to work on
 * first", the report's table, findings and PDF) then shows one value per variable, with its source.
 * Pelvic tilt and rearfoot eversion have no landmark counterpart: they stay marker rows of their own.
 * Pure.
 */
import { differenceUncertainty } from '../gait/interval';
import { applyFindings } from '../gait/findings';
import {
  MIN_STEPS,
  type GaitAnalysis,
  type GaitFlag,
  type GaitMeanUncertainty,
  type GaitVariable,
} from '../gait/schema';
import { DEFAULT_EXERCISES, type Exercise } from '../gait/tables/exercises';
import { DEFAULT_FINDING_RULES, type FindingRule } from '../gait/tables/findings';
import { VARIABLES } from '../gait/tables/variables';
import type { Side } from '../gait/types';
import type { MarkerTrack } from '../markers';
import { summarise, type MarkerSideSummary, type MarkerStepValue } from './marker-uncertainty';
import {
  markerEvents,
  markerVariables,
  type MarkerVariableId,
  type MarkerVariableRow,
} from './marker-variables';

/** Marker variables with a pose-landmark variable of the same id and definition: these replace it. */
export const REPLACES_LANDMARKS: ReadonlySet<MarkerVariableId> = new Set([
  'knee-flexion-ic',
  'peak-knee-flexion-stance',
  'ankle-dorsiflexion-ic',
]);

/** Where one side's value came from, and the words the screens print. */
export interface SideSource {
  readonly from: 'markers' | 'landmarks';
  readonly words: string;
}

export interface VariableSource {
  readonly left: SideSource;
  readonly right: SideSource;
}

/** By variable id; a variable not listed came from the pose landmarks. */
export type VariableSources = Readonly<Record<string, VariableSource>>;

export const LANDMARKS: SideSource = { from: 'landmarks', words: 'pose landmarks' };
const FELL_BACK: SideSource = {
  from: 'landmarks',
  words: 'pose landmarks (the markers were not measurable from this view)',
};

/** A row's source in one line, for a table cell: the same words in Review and the report; and
 *  each side's, for the per-side export (summary.csv). */
export function sourceText(s: VariableSource | undefined): {
  from: 'markers' | 'landmarks' | 'mixed';
  text: string;
  sides: { left: string; right: string };
} {
  const { left, right } = s ?? { left: LANDMARKS, right: LANDMARKS };
  const sides = { left: left.words, right: right.words };
  if (left.words === right.words) return { from: left.from, text: left.words, sides };
  return {
    from: left.from === right.from ? left.from : 'mixed',
    text: `left: ${left.words}; right: ${right.words}`,
    sides,
  };
}

export interface Hybrid {
  /** The clip's analysis with the marker values in place, its findings and flags read again. */
  readonly analysis: GaitAnalysis;
  readonly sources: VariableSources;
  /** The marker rows that stay rows of their own (pelvic tilt, rearfoot eversion). */
  readonly ownRows: readonly MarkerVariableRow[];
}

export interface HybridOptions {
  readonly findingRules?: readonly FindingRule[];
  readonly exercises?: readonly Exercise[];
}

/** A marker side that can stand in for the landmarks': a number, measurable from this view. */
const usable = (s: MarkerSideSummary | null): s is MarkerSideSummary & { mean: number } =>
  !!s && s.mean !== null && s.n > 0 && !s.notMeasurable;

/** A marker step value on the engine's step (the k-th initial contact of its foot, steps.ts). */
interface NumberedStep {
  readonly k: number;
  readonly ic: GaitAnalysis['events'][number];
  readonly value: MarkerStepValue;
}

/** Whether each of a foot's steps counts in the engine's averages, by step number (any variable). */
function engineClean(analysis: GaitAnalysis, side: Side): Map<number, boolean> {
  const clean = new Map<number, boolean>();
  for (const v of analysis.variables) for (const x of v[side].values) clean.set(x.step, x.clean);
  return clean;
}

function numbered(s: MarkerSideSummary, side: Side, analysis: GaitAnalysis): NumberedStep[] {
  const ev = markerEvents(analysis.events);
  const ics = analysis.events
    .map((e, i) => ({ e, clipF: ev[i]!.frameF }))
    .filter((x) => x.e.kind === 'initial-contact' && x.e.side === side)
    .sort((a, b) => a.clipF - b.clipF);
  return s.values.flatMap((value) => {
    let k = ics.findIndex((x) => Math.round(x.clipF) === value.frame);
    if (k < 0) k = ics.findIndex((x) => Math.abs(x.clipF - value.frame) <= 1);
    const ic = ics[k];
    return ic ? [{ k, ic: ic.e, value }] : [];
  });
}

/**
 * The marker side over the steps the engine counts: a step it leaves out of its averages (its contact
 * or toe-off uncertain, its stride far from the usual: steps.ts) is read at the same uncertain event
 * by the markers, so it is left out of theirs too, and both sources count the same steps. The mean,
 * interval and the spread and segment rules are the marker summary's (marker-uncertainty.ts), on
 * those steps.
 */
function onEngineSteps(
  s: MarkerSideSummary,
  side: Side,
  analysis: GaitAnalysis,
): { summary: MarkerSideSummary; steps: NumberedStep[] } {
  const clean = engineClean(analysis, side);
  const steps = numbered(s, side, analysis).filter((x) => clean.get(x.k) !== false);
  const summary = summarise(
    side,
    steps.map((x) => x.value),
    s.tracking,
  );
  return { summary, steps };
}

/**
 * The marker side as the engine's side summary, each value on its step so Review's step table puts
 * it there; a step whose markers were off their segment is kept but not clean (left out of the mean,
 * as the marker summary left it out).
 */
function sideSummary(
  s: MarkerSideSummary & { mean: number },
  steps: readonly NumberedStep[],
  side: Side,
  landmark: GaitVariable['left'],
): GaitVariable['left'] {
  const held = s.values.filter((v) => v.held !== false).map((v) => v.value);
  const values = steps.map(({ k, ic, value: v }) => {
    const own = landmark.values.find((x) => x.step === k);
    return {
      step: k,
      frame: own?.frame ?? ic.frame,
      t: own?.t ?? ic.t,
      value: v.value,
      clean: v.held !== false,
      u: v.u,
    };
  });
  const u = s.uncertainty;
  return {
    side,
    mean: s.mean,
    sd: s.sd,
    n: s.n,
    min: Math.min(...held),
    max: Math.max(...held),
    enoughSteps: s.n >= MIN_STEPS,
    uncertainty: u ? { ...u, interval: [u.interval[0], u.interval[1]] } : null,
    notMeasurable: null,
    values,
  };
}

/** Left − right from the sides shown; the two sides' errors taken as independent (interval.ts). */
function symmetryOf(v: GaitVariable): GaitVariable['symmetry'] {
  const { left: l, right: r } = v;
  if (l.mean === null || r.mean === null) return null;
  const difference = l.mean - r.mean;
  const mid = (l.mean + r.mean) / 2;
  const byIndex = VARIABLES.find((d) => d.id === v.id)?.symmetryIndex ?? false;
  const u =
    l.uncertainty && r.uncertainty
      ? differenceUncertainty(difference, { ...l.uncertainty, n: l.n }, { ...r.uncertainty, n: r.n })
      : null;
  const uncertainty: GaitMeanUncertainty | null = u
    ? { ...u, interval: [u.interval[0], u.interval[1]] }
    : null;
  return { difference, indexPct: byIndex && mid !== 0 ? (100 * difference) / mid : null, uncertainty };
}

/** The "not measurable" flags of the variables shown (as quality.ts words them). */
function notMeasurableFlags(flags: readonly GaitFlag[], variables: readonly GaitVariable[]): GaitFlag[] {
  const rest = flags.filter((f) => f.code !== 'not-measurable');
  const fresh = (['left', 'right'] as const).flatMap((side): GaitFlag[] => {
    const hidden = variables.filter((v) => v[side].notMeasurable);
    const first = hidden[0]?.[side].notMeasurable;
    if (!first) return [];
    return [
      {
        code: 'not-measurable',
        severity: 'warning',
        side,
        message: `Not measurable from this view on the ${side}: ${hidden.map((v) => v.label.toLowerCase()).join(', ')}. ${first.remedy}`,
        values: { variables: hidden.length },
      },
    ];
  });
  // In the engine's place: where the first such flag stood.
  const at = flags.findIndex((f) => f.code === 'not-measurable');
  return at < 0 ? [...rest, ...fresh] : [...rest.slice(0, at), ...fresh, ...rest.slice(at)];
}

/**
 * The clip's analysis with its marker rows in place (see the header). `rows`: the clip's marker
 * variables (`markerVariables` of its view). Without a usable marker side the analysis comes back
 * as it was, findings included.
 */
export function hybridAnalysis(
  analysis: GaitAnalysis,
  rows: readonly MarkerVariableRow[],
  options: HybridOptions = {},
): Hybrid {
  const sources: Record<string, VariableSource> = {};
  let replaced = false;
  const variables = analysis.variables.map((v) => {
    const row = rows.find((r) => r.id === v.id && REPLACES_LANDMARKS.has(r.id));
    if (!row || v.view !== analysis.source.view) return v;
    const pick = (side: Side): { summary: GaitVariable['left']; source: SideSource } => {
      const marker = row[side];
      if (!marker) return { summary: v[side], source: LANDMARKS };
      const { summary: m, steps } = onEngineSteps(marker, side, analysis);
      if (usable(m))
        return {
          summary: sideSummary(m, steps, side, v[side]),
          source: { from: 'markers', words: `markers (${row.sourceWords})` },
        };
      return { summary: v[side], source: m.notMeasurable ? FELL_BACK : LANDMARKS };
    };
    const left = pick('left');
    const right = pick('right');
    sources[v.id] = { left: left.source, right: right.source };
    if (left.source.from !== 'markers' && right.source.from !== 'markers') return v;
    replaced = true;
    const next = { ...v, left: left.summary, right: right.summary };
    return { ...next, symmetry: symmetryOf(next) };
  });
  const ownRows = rows.filter((r) => !REPLACES_LANDMARKS.has(r.id));
  if (!replaced) return { analysis, sources, ownRows };
  // Findings from the values shown: the engine's rules, again, over the replaced variables.
  const findings = analysis.quality.findingsWithheld
    ? []
    : applyFindings(
        options.findingRules ?? DEFAULT_FINDING_RULES,
        variables,
        options.exercises ?? DEFAULT_EXERCISES,
      );
  return {
    analysis: { ...analysis, variables, findings, flags: notMeasurableFlags(analysis.flags, variables) },
    sources,
    ownRows,
  };
}

/** A clip's hybrid analysis from its tracked markers (with the PT's corrections); none without tracks. */
export function hybridOf(
  view: 'side' | 'rear',
  tracks: readonly MarkerTrack[],
  analysis: GaitAnalysis,
  options?: HybridOptions,
): Hybrid | null {
  if (!tracks.length) return null;
  return hybridAnalysis(analysis, markerVariables(view, tracks, analysis.events), options);
}

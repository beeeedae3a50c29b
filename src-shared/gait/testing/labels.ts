/**
 * Scores the engine's gait events against events labelled by hand on a real clip (the format of
 * shared/data/labels and test/fixtures/labels: `{fps, events: [{kind, side, frame, confidence}]}`).
 * Pure, shared by the accuracy test (test/gait/accuracy.test.ts) and the accuracy benchmark
 * (scripts/bench/accuracy.ts), so both measure the same thing. Definitions: docs/gait-methods.md,
 * "Accuracy on labelled clips".
 */
import { z } from 'zod';
import { Landmark, type LandmarkSeries } from '../../pose/landmarks';
import { median } from '../../stats';
import { flexionDeg } from '../angles';
import type { GaitAnalysis } from '../schema';
import { VARIABLES } from '../tables/variables';

export const LabelFileSchema = z.object({
  video: z.string(),
  fps: z.number().positive(),
  frames: z.number().int().positive(),
  near_side: z.enum(['left', 'right']).optional(),
  /**
   * The span the labels cover (frames, inclusive), where the labeller labelled only part of a clip
   * (e.g. one pass of a walker who turns): detections outside it are not scored. Whole clip if absent.
   */
  scored_frames: z.object({ first: z.number().int().nonnegative(), last: z.number().int() }).optional(),
  events: z.array(
    z.object({
      kind: z.enum(['initial-contact', 'toe-off']),
      side: z.enum(['left', 'right']),
      frame: z.number().int().nonnegative(),
      confidence: z.enum(['sure', 'unsure']),
    }),
  ),
});
export type LabelFile = z.infer<typeof LabelFileSchema>;
type Label = LabelFile['events'][number];
type ContactKind = Label['kind'];

/** A detected event and the label it was paired with. */
export interface LabelMatch {
  readonly kind: ContactKind;
  readonly side: 'left' | 'right';
  readonly label: number;
  readonly detected: number;
  /** Detected minus labelled frame. */
  readonly error: number;
  readonly sure: boolean;
}

export interface KindScore {
  /** Sure labels (the unsure ones are ambiguous by more than a frame by their labeller's account). */
  readonly n: number;
  readonly within1: number;
  readonly hitRate: number;
  /** Frames, detected − labelled, over the sure labels that were found. */
  readonly medianFrames: number;
  readonly medianMs: number;
  readonly sdMs: number;
  readonly minFrames: number;
  readonly maxFrames: number;
  /** Labelled events (sure or not) with no detection of the same kind and side within the window. */
  readonly missed: number;
  /** Found, but more than 3 frames off. */
  readonly far: number;
}

export interface AngleAtIc {
  readonly variable: string;
  readonly side: 'left' | 'right';
  readonly n: number;
  /** Mean and SD over contacts of the angle at the detected frame minus at the labelled frame. */
  readonly meanDiff: number;
  readonly sdDiff: number;
  /** Step-to-step SD of the angle at the labelled and at the detected frames. */
  readonly sdAtLabels: number;
  readonly sdAtDetected: number;
}

export interface ClipScore {
  readonly ic: KindScore;
  readonly to: KindScore;
  /** Detected initial contacts or toe-offs that no label matches within the window. */
  readonly invented: number;
  readonly cadence: { readonly detected: number | null; readonly labelled: number; readonly error: number };
  /**
   * Contact time, detected (sub-frame TO − IC) minus labelled ((TO − IC + 1) frames, see below),
   * over stances whose both labels were found.
   */
  readonly contactTime: { readonly n: number; readonly meanErrorMs: number; readonly sdErrorMs: number };
  readonly anglesAtIc: readonly AngleAtIc[];
  readonly matches: readonly LabelMatch[];
}

const sd = (a: readonly number[]): number => {
  if (a.length < 2) return 0;
  const m = a.reduce((p, q) => p + q, 0) / a.length;
  return Math.sqrt(a.reduce((p, q) => p + (q - m) ** 2, 0) / (a.length - 1));
};
const mean = (a: readonly number[]): number => (a.length ? a.reduce((p, q) => p + q, 0) / a.length : NaN);

/** Cadence from the labelled contacts: steps over the span from the first to the last contact. */
export function labelledCadence(labels: LabelFile): number {
  const ic = labels.events
    .filter((e) => e.kind === 'initial-contact')
    .map((e) => e.frame)
    .sort((a, b) => a - b);
  if (ic.length < 2) return NaN;
  return ((ic.length - 1) * 60 * labels.fps) / ((ic[ic.length - 1] as number) - (ic[0] as number));
}

/**
 * Pairs each label with the nearest unpaired detected event of its kind and side, closest pairs
 * first, within `windowS` (0.15 s: under half the time between two contacts of one foot even at
 * 200 steps/min, so a pair is never the neighbouring stance's).
 */
export function scoreClip(result: GaitAnalysis, labels: LabelFile, windowS = 0.15): ClipScore {
  const fps = labels.fps;
  const win = windowS * fps;
  const span = labels.scored_frames;
  const matches: LabelMatch[] = [];
  let invented = 0;
  const missedBy: Record<ContactKind, number> = { 'initial-contact': 0, 'toe-off': 0 };
  for (const kind of ['initial-contact', 'toe-off'] as const) {
    for (const side of ['left', 'right'] as const) {
      const ls = labels.events.filter((e) => e.kind === kind && e.side === side);
      const ds = result.events.filter(
        (e) =>
          e.kind === kind &&
          e.side === side &&
          e.source === 'detected' &&
          (!span || (e.frame >= span.first && e.frame <= span.last)),
      );
      const pairs: [number, number, number][] = [];
      ls.forEach((l, a) =>
        ds.forEach((d, b) => {
          const err = d.frame - l.frame;
          if (Math.abs(err) <= win) pairs.push([Math.abs(err), a, b]);
        }),
      );
      pairs.sort((p, q) => p[0] - q[0]);
      const usedL = new Set<number>();
      const usedD = new Set<number>();
      for (const [, a, b] of pairs) {
        if (usedL.has(a) || usedD.has(b)) continue;
        usedL.add(a);
        usedD.add(b);
        const l = ls[a] as Label;
        const d = ds[b] as GaitAnalysis['events'][number];
        matches.push({
          kind,
          side,
          label: l.frame,
          detected: d.frame,
          error: d.frame - l.frame,
          sure: l.confidence === 'sure',
        });
      }
      missedBy[kind] += ls.length - usedL.size;
      invented += ds.length - usedD.size;
    }
  }
  const kindScore = (kind: ContactKind): KindScore => {
    const sure = labels.events.filter((e) => e.kind === kind && e.confidence === 'sure').length;
    const m = matches.filter((x) => x.kind === kind && x.sure);
    const errs = m.map((x) => x.error);
    const within1 = errs.filter((e) => Math.abs(e) <= 1).length;
    return {
      n: sure,
      within1,
      hitRate: sure ? within1 / sure : NaN,
      medianFrames: errs.length ? median(errs) : NaN,
      medianMs: errs.length ? (1000 * median(errs)) / fps : NaN,
      sdMs: (1000 * sd(errs)) / fps,
      minFrames: errs.length ? Math.min(...errs) : NaN,
      maxFrames: errs.length ? Math.max(...errs) : NaN,
      missed: missedBy[kind],
      far: matches.filter((x) => x.kind === kind && Math.abs(x.error) > 3).length,
    };
  };

  // Contact times of labelled stances: each labelled IC with the next labelled TO of its side.
  const ctErr: number[] = [];
  for (const ic of labels.events.filter((e) => e.kind === 'initial-contact')) {
    const to = labels.events
      .filter((e) => e.kind === 'toe-off' && e.side === ic.side && e.frame > ic.frame)
      .sort((a, b) => a.frame - b.frame)[0];
    if (!to) continue;
    const mi = matches.find(
      (x) => x.kind === 'initial-contact' && x.side === ic.side && x.label === ic.frame,
    );
    const mt = matches.find((x) => x.kind === 'toe-off' && x.side === ic.side && x.label === to.frame);
    if (!mi || !mt) continue;
    const di = result.events.find(
      (e) => e.kind === 'initial-contact' && e.side === ic.side && e.frame === mi.detected,
    );
    const dt = result.events.find(
      (e) => e.kind === 'toe-off' && e.side === ic.side && e.frame === mt.detected,
    );
    if (!di || !dt) continue;
    // The labels hold whole frames: the contact instant lies in the frame interval before the
    // labelled IC frame, the lift-off in the one after the labelled TO frame, so the labelled
    // stance lasted (TO − IC + 1) frames on average; the engine's contact time is sub-frame.
    ctErr.push(1000 * (dt.t - di.t - (to.frame - ic.frame + 1) / fps));
  }

  // "At initial contact" angles: the same angle series read at the detected and the labelled frames.
  const anglesAtIc: AngleAtIc[] = [];
  for (const v of VARIABLES) {
    const x = v.extract;
    if (v.view !== result.source.view || x.kind !== 'angle-at' || x.event !== 'initial-contact') continue;
    for (const side of ['left', 'right'] as const) {
      const series = result.angles.find((a) => a.id === x.angle && a.side === side)?.values;
      if (!series) continue;
      const sign = x.negate ? -1 : 1;
      const at = (f: number): number => sign * (series[f] ?? NaN);
      const ms = matches.filter((x) => x.kind === 'initial-contact' && x.side === side);
      const pairs = ms
        .map((x) => [at(x.detected), at(x.label)] as const)
        .filter(([d, l]) => Number.isFinite(d) && Number.isFinite(l));
      if (pairs.length === 0) continue;
      anglesAtIc.push({
        variable: v.id,
        side,
        n: pairs.length,
        meanDiff: mean(pairs.map(([d, l]) => d - l)),
        sdDiff: sd(pairs.map(([d, l]) => d - l)),
        sdAtLabels: sd(pairs.map(([, l]) => l)),
        sdAtDetected: sd(pairs.map(([d]) => d)),
      });
    }
  }

  const labelledCad = labelledCadence(labels);
  const cad = result.cadence.value;
  return {
    ic: kindScore('initial-contact'),
    to: kindScore('toe-off'),
    invented,
    cadence: { detected: cad, labelled: labelledCad, error: cad === null ? NaN : cad - labelledCad },
    contactTime: { n: ctErr.length, meanErrorMs: mean(ctErr), sdErrorMs: sd(ctErr) },
    anglesAtIc,
    matches,
  };
}

type Pt = readonly [number, number];

/**
 * The pose model's own hip, knee and ankle of the near leg per series frame, in image pixels: the
 * anatomical side, or the other one if the clip's labels were swapped as a whole. Undefined where
 * a point is missing.
 */
function rawNearPoints(series: LandmarkSeries, result: GaitAnalysis): { hip?: Pt; knee?: Pt; ankle?: Pt }[] {
  const near = result.orientation.nearSide;
  const left = result.orientation.labelsSwapped ? near !== 'left' : near === 'left';
  const [hip, knee, ankle] = left
    ? [Landmark.leftHip, Landmark.leftKnee, Landmark.leftAnkle]
    : [Landmark.rightHip, Landmark.rightKnee, Landmark.rightAnkle];
  const at = (f: LandmarkSeries['frames'][number], l: number): Pt | undefined => {
    const p = f.image?.[l];
    return p ? [p[0], p[1]] : undefined;
  };
  return series.frames.map((f) => ({ hip: at(f, hip), knee: at(f, knee), ankle: at(f, ankle) }));
}

/**
 * Near-leg tibia inclination (knee→ankle vs vertical, + = ankle ahead) straight from the pose
 * model's points, in the analysis' orientation, per series frame: what a PT would measure on the
 * model's drawing. NaN where a point is missing.
 */
export function rawNearTibia(series: LandmarkSeries, result: GaitAnalysis): Float64Array {
  const dir = result.orientation.facing === 'image-left' ? -1 : 1;
  return Float64Array.from(rawNearPoints(series, result), ({ knee: k, ankle: a }) =>
    k && a ? (Math.atan2(dir * (a[0] - k[0]), a[1] - k[1]) * 180) / Math.PI : NaN,
  );
}

/** Near-leg knee flexion (the engine's definition, angles.ts) straight from the model's points. */
export function rawNearKneeFlexion(series: LandmarkSeries, result: GaitAnalysis): Float64Array {
  return Float64Array.from(rawNearPoints(series, result), ({ hip: h, knee: k, ankle: a }) =>
    h && k && a ? flexionDeg(h, k, a) : NaN,
  );
}

/**
 * Whether the model's raw angle at frame i agrees with its neighbours (within 15° of their mean):
 * a tibia turns by at most ~12° a frame at 30 fps, while a knee or ankle put on the other leg
 * moves it by 30–90°. Where it does not, the raw points are wrong and the analysed series is
 * right to depart from them.
 */
export function rawLooksRight(raw: Float64Array, i: number): boolean {
  const a = raw[i - 1] as number;
  const b = raw[i] as number;
  const c = raw[i + 1] as number;
  return [a, b, c].every(Number.isFinite) && Math.abs(b - (a + c) / 2) <= 15;
}

/**
 * Two-view synchronisation: the time offset (and clock ratio) between two clips of the same movement
 * filmed by different cameras, from pose signals both cameras see (channels.ts).
 *
 * Pipeline, per candidate time scale and left/right labelling:
 *   landmarks → per-landmark signals on one uniform time grid built from each frame's true timestamp,
 *   zero-lag low-passed and differentiated (features.ts) → masked Pearson cross-correlation of each
 *   landmark with itself in the other clip over a bounded lag range (xcorr.ts), averaged per family
 *   → families combined, each weighted by how well the two views agree on it → best peak, refined
 *   below one grid sample by a parabola.
 * This is the correlation-of-keypoint-speeds approach Pose2Sim uses to synchronise cameras
 * [Pagnon, Domalain & Reveret 2022, "Pose2Sim: an open-source Python package for multiview
 * markerless kinematics", JOSS 7(77):4362], extended with per-landmark channels, masks for dropouts,
 * true timestamps, clock ratios and a confidence.
 *
 * Confidence comes from the peak height and its margin over the best DISTINCT other peak. Running
 * is periodic, so the curve has a peak every stride; per-side landmarks rule out the one-step alias,
 * and only the irregular part of the motion can rule out the one-stride alias. When it cannot, the
 * margin is small and the confidence says so.
 */
import type { LandmarkSeries } from '../pose/landmarks';
import { FAMILIES, FAST_FAMILIES, SYNC_LANDMARKS } from './channels';
import { buildFeatures, lastTime, nominalFps, type FeatureChannel, type Features } from './features';
import { dominantPeriod, timeScaleCandidates } from './period';
import { crossCorrelate, findPeaks, parabolicRefine, type ChannelPair, type LagScores } from './xcorr';
import { SyncInputError, type SyncAlternative, type SyncEstimate, type SyncLevel } from './types';

export interface SyncOptions {
  /** Only consider offsets (B after A, seconds) in this range. Default: any with enough overlap. */
  readonly searchS?: { readonly min: number; readonly max: number };
  /** Shortest overlap worth scoring, seconds. Default: 40% of the shorter clip, at least 1 s (at most 80% of it). */
  readonly minOverlapS?: number;
  /**
   * Clock ratios (B seconds → A seconds) to try. Default [1], plus the step-period ratio when both
   * clips are periodic and their periods differ by more than 3% (one of them is slow motion).
   */
  readonly timeScales?: readonly number[];
  /** Also try left/right labels swapped between the clips. Default true. */
  readonly allowLabelSwap?: boolean;
}

/** Grid rate cap: finer gains nothing after parabolic interpolation and costs time quadratically. */
const MAX_SAMPLE_HZ = 60;
/** Two peaks closer than this are one alignment (a quarter of a running step at 180 steps/min). */
const SAME_ALIGNMENT_S = 0.08;
/** A swapped labelling must beat the labels as given by this much to be believed. */
const SWAP_PREFERENCE = 0.03;
/**
 * Family weight = (its best correlation)^8: a family on which the views agree well (0.9) outweighs
 * one on which they agree loosely (0.6) about 25 to 1, so a family made unreliable by the camera
 * geometry cannot drag the peak, while two families that agree both count.
 */
const FAMILY_SHARPNESS = 8;

/**
 * A channel's weight: how far its motion stands above its jitter in BOTH clips (a hand held still
 * in one view is noise there), and zero when either clip has it for less than a third of its length.
 */
function weightOf(a: FeatureChannel, b: FeatureChannel): number {
  if (a.coverage < 1 / 3 || b.coverage < 1 / 3) return 0;
  return Math.max(0, Math.min(4, Math.min(a.snr, b.snr) - 1));
}

interface Curve {
  readonly timeScale: number;
  readonly swapped: boolean;
  readonly lags: number[];
  /** Fast families combined: where the peaks are, to a fraction of a sample. */
  readonly fast: number[];
  /** All families combined: which peak wins, and by how much. */
  readonly full: number[];
  readonly overlaps: number[];
  readonly familyWeights: Record<string, number>;
  readonly channelsUsed: number;
}

function weightedMean(families: readonly { lag: LagScores; weight: number }[], i: number): number {
  let num = 0;
  let den = 0;
  for (const f of families) {
    const s = f.lag.scores[i] as number;
    if (Number.isNaN(s) || !(f.weight > 0)) continue;
    num += f.weight * s;
    den += f.weight;
  }
  return den > 0 ? num / den : NaN;
}

function combinedCurve(
  fa: Features,
  fb: Features,
  swapped: boolean,
  minLag: number,
  maxLag: number,
  minOverlap: number,
): Omit<Curve, 'timeScale' | 'swapped'> {
  const find = (f: Features, family: string, name: string): FeatureChannel =>
    f.channels.find((c) => c.family === family && c.landmark === name) as FeatureChannel;
  const perFamily = FAMILIES.map((family) => {
    const pairs: ChannelPair[] = SYNC_LANDMARKS.map((lm) => {
      const a = find(fa, family, lm.name);
      const b = find(fb, family, swapped ? lm.mirror : lm.name);
      return { name: lm.name, a: a.values, b: b.values, weight: weightOf(a, b) };
    });
    const lag = crossCorrelate(pairs, minLag, maxLag, minOverlap);
    const best = Math.max(0, ...lag.scores.filter((s) => !Number.isNaN(s)));
    return {
      family,
      lag,
      weight: Math.pow(best, FAMILY_SHARPNESS),
      used: pairs.filter((p) => p.weight > 0).length,
    };
  });
  const fastFamilies = perFamily.filter((f) => FAST_FAMILIES.includes(f.family));
  const lags = perFamily[0]?.lag.lags ?? [];
  const fast = lags.map((_, i) => weightedMean(fastFamilies, i));
  const full = lags.map((_, i) => weightedMean(perFamily, i));
  const overlaps = lags.map((_, i) => Math.max(...fastFamilies.map((f) => f.lag.overlaps[i] ?? 0)));
  const total = perFamily.reduce((s, f) => s + f.weight, 0);
  const familyWeights = Object.fromEntries(
    perFamily.map((f) => [f.family, total > 0 ? Math.round((100 * f.weight) / total) / 100 : 0]),
  );
  return {
    lags,
    fast,
    full,
    overlaps,
    familyWeights,
    channelsUsed: Math.max(...fastFamilies.map((f) => f.used)),
  };
}

function validate(s: LandmarkSeries, which: 'A' | 'B'): void {
  const posed = s.frames.filter((f) => f.status === 'pose').length;
  if (s.frames.length < 10 || posed < 10)
    throw new SyncInputError(
      `Clip ${which} ("${s.source.file}") has a pose in only ${posed} of ${s.frames.length} frames; at least 10 are needed to synchronise.`,
    );
  for (let i = 1; i < s.frames.length; i++)
    if (!((s.frames[i] as { t: number }).t > (s.frames[i - 1] as { t: number }).t))
      throw new SyncInputError(
        `Clip ${which} ("${s.source.file}"): the timestamp of frame ${i} does not come after that of frame ${i - 1}.`,
      );
}

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/** Level thresholds on the 0..1 confidence. */
export function levelOf(confidence: number): SyncLevel {
  return confidence >= 0.5 ? 'high' : confidence >= 0.2 ? 'medium' : 'low';
}

/**
 * Confidence from the peak height (0.25 → 0, 0.75 and above → 1) times the margin over the best
 * distinct other alignment (0.15 or more → 1): a high peak with a twin is as untrustworthy as a low one.
 */
export function confidenceOf(peak: number, runnerUp: number | null): number {
  const margin = peak - Math.max(0, runnerUp ?? 0);
  return clamp01((peak - 0.25) / 0.5) * clamp01(margin / 0.15);
}

export function estimateSync(a: LandmarkSeries, b: LandmarkSeries, options: SyncOptions = {}): SyncEstimate {
  validate(a, 'A');
  validate(b, 'B');
  const fpsA = nominalFps(a);
  const fpsB = nominalFps(b);
  const sampleHz = Math.min(MAX_SAMPLE_HZ, Math.max(fpsA, fpsB));
  const fa = buildFeatures(a, sampleHz, 1);
  const fb1 = buildFeatures(b, sampleHz, 1);
  const periodA = dominantPeriod(fa.pelvisY, sampleHz);
  const periodB = dominantPeriod(fb1.pelvisY, sampleHz);
  const scales = [...(options.timeScales ?? [1])];
  if (!options.timeScales && periodA && periodB) {
    const ratio = periodA.periodS / periodB.periodS;
    if (Math.abs(ratio - 1) > 0.03) scales.push(...timeScaleCandidates(ratio).filter((r) => r !== 1));
  }

  const curves: Curve[] = [];
  for (const scale of scales) {
    if (!(scale > 0) || !Number.isFinite(scale))
      throw new SyncInputError(`The time scale ${scale} is not a positive number.`);
    const fb = scale === 1 ? fb1 : buildFeatures(b, sampleHz, scale);
    const shorter = Math.min(lastTime(a), lastTime(b) * scale);
    // At least a second (or 40% of the shorter clip), but never the whole shorter clip: the true
    // alignment may put part of it outside the other, and the peak needs neighbours on both sides.
    const minOverlapS = Math.min(0.8 * shorter, options.minOverlapS ?? Math.max(1, 0.4 * shorter));
    const minOverlap = Math.max(3, Math.round(minOverlapS * sampleHz));
    let minLag = -(fb.count - minOverlap);
    let maxLag = fa.count - minOverlap;
    if (options.searchS) {
      minLag = Math.max(minLag, Math.ceil(options.searchS.min * sampleHz) - 1);
      maxLag = Math.min(maxLag, Math.floor(options.searchS.max * sampleHz) + 1);
    }
    if (maxLag < minLag) continue;
    for (const swapped of options.allowLabelSwap === false ? [false] : [false, true])
      curves.push({
        timeScale: scale,
        swapped,
        ...combinedCurve(fa, fb, swapped, minLag, maxLag, minOverlap),
      });
  }

  const candidates = curves.flatMap((curve) =>
    findPeaks(curve.fast).map((p) => {
      const { delta, height } = parabolicRefine(curve.fast, p.index);
      // The winning alignment is chosen on all families (the slow one tells strides apart), its
      // position to a fraction of a sample on the fast ones.
      const full = curve.full[p.index] as number;
      const score = Number.isNaN(full) ? height : full + (height - (curve.fast[p.index] as number));
      return {
        curve,
        atEdge: p.atEdge,
        offsetS: ((curve.lags[p.index] as number) + delta) / sampleHz,
        score,
        rank: score - (curve.swapped ? SWAP_PREFERENCE : 0),
        overlapS: (curve.overlaps[p.index] as number) / sampleHz,
      };
    }),
  );
  candidates.sort((x, y) => y.rank - x.rank);
  const best = candidates[0];
  if (!best)
    throw new SyncInputError(
      'The two clips have no body movement in common long enough to compare: the same person must be visible in both for at least a second of overlap.',
    );
  // Distinct alignments at the chosen time scale: the best candidate per neighbourhood.
  const distinct: typeof candidates = [];
  for (const c of candidates) {
    if (c.curve.timeScale !== best.curve.timeScale) continue;
    if (distinct.some((d) => Math.abs(d.offsetS - c.offsetS) < SAME_ALIGNMENT_S)) continue;
    distinct.push(c);
  }
  const alt = (c: (typeof candidates)[number]): SyncAlternative => ({
    offsetS: c.offsetS,
    offsetFramesA: c.offsetS * fpsA,
    score: c.score,
  });
  const runner = distinct[1];
  const confidence = confidenceOf(best.score, runner?.score ?? null);
  const periodS = periodA && periodB ? periodA.periodS : null;

  const warnings: string[] = [];
  if (best.score < 0.4)
    warnings.push(
      `The movements in the two clips match only weakly (correlation ${best.score.toFixed(2)}): check that both show the same run.`,
    );
  if (runner && best.score - runner.score < 0.05) {
    const apart = Math.abs(runner.offsetS - best.offsetS);
    const strides = periodS ? ` (about ${(apart / (2 * periodS)).toFixed(1)} strides)` : '';
    warnings.push(
      `Another alignment ${apart.toFixed(2)} s away${strides} matches almost as well: the movement repeats, so check the alignment by eye and nudge it if needed.`,
    );
  }
  if (best.atEdge)
    warnings.push(
      'The best alignment is at the limit of the range searched: the true offset may lie beyond it.',
    );
  if (best.curve.swapped)
    warnings.push(
      'Left and right appear swapped between the two clips (the pose model mislabelled one view).',
    );
  if (best.curve.channelsUsed < 4)
    warnings.push(
      `Only ${best.curve.channelsUsed} body points were tracked well in both clips: parts of the body may be hidden in one view.`,
    );
  if (best.overlapS < 2)
    warnings.push(`The clips overlap for only ${best.overlapS.toFixed(1)} s at this alignment.`);

  return {
    offsetS: best.offsetS,
    offsetFramesA: best.offsetS * fpsA,
    timeScale: best.curve.timeScale,
    confidence,
    level: levelOf(confidence),
    peak: best.score,
    runnerUp: runner ? alt(runner) : null,
    alternatives: distinct.slice(0, 5).map(alt),
    labelsSwapped: best.curve.swapped,
    families: best.curve.familyWeights,
    channelsUsed: best.curve.channelsUsed,
    periodS,
    fpsA,
    fpsB,
    overlapS: best.overlapS,
    warnings,
  };
}

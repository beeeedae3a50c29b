/**
 * The clip check: is this clip what it was filed as, a runner filmed from this view? Findings are
 * drawn against running references, so a clip that shows walking, someone standing (a bystander),
 * nobody, or the other view gets its findings withheld, with the reason in the clinic's words.
 * The numbers stay, for the PT to read with that warning. Method: docs/uncertainty.md ("Clip check").
 *
 *  - view: landmark geometry (view-check.ts) says the other view;
 *  - no person: a pose in fewer than half of the frames;
 *  - not moving: the ankles move less than 15% of a leg length relative to the pelvis (5th–95th
 *    percentile, either axis): a runner's swing is about a leg length in a side view and a heel
 *    lift of a third of it from behind; someone standing moves them a few per cent;
 *  - walking: side view, from the pelvis's bounce against the legs' spread, which needs no gait
 *    event: a walker vaults over the stance leg (inverted pendulum), so the pelvis is highest when
 *    the legs cross and lowest when they are spread in double support; a runner bounces on it
 *    (spring-mass), lowest at midstance as the legs cross and highest in flight, legs spread
 *    [Farley & Ferris 1998]. The correlation of pelvis height with the horizontal ankle spread
 *    (both with their 1.2 s moving mean removed) is about +0.65 to +0.8 running and −0.55 to −0.9
 *    walking on the synthetic runner and the real clips (docs/uncertainty.md). Where it cannot
 *    tell (|r| ≤ 0.2, or a rear view): a duty factor above 0.5 (double support), or a cadence
 *    below 125 steps/min (running stays above ~140 even when slow; a walk is 100–125);
 *  - no steps: no initial contact found at all.
 */
import type { LandmarkSeries } from '../pose/landmarks';
import type { GaitClipQuality, GaitVariable } from './schema';
import type { Body, GaitView } from './types';
import { detectView } from './view-check';

export const CLIP_CHECK = {
  minPosedShare: 0.5,
  minAnkleMotion: 0.15,
  /** |correlation| above which the bounce pattern decides walking vs running. */
  patternDecides: 0.2,
  /** Moving-mean window removed from both series, seconds (over a stride, so turns and drift go). */
  patternWindowS: 1.2,
  walkingDutyFactor: 0.5,
  walkingCadence: 125,
} as const;

export interface ClipCheckInput {
  readonly series: LandmarkSeries;
  readonly view: GaitView;
  /** Cleaned, oriented body (y up). */
  readonly body: Body;
  readonly legLengthPx: number;
  readonly initialContacts: number;
  readonly variables: readonly GaitVariable[];
  readonly cadence: number | null;
  readonly fps: number;
}

function range595(values: number[]): number {
  if (values.length < 10) return 0;
  const s = values.sort((a, b) => a - b);
  const q = (p: number): number => s[Math.round(p * (s.length - 1))] as number;
  return q(0.95) - q(0.05);
}

/** Largest 5th–95th percentile range of an ankle's position relative to the pelvis, in leg lengths. */
export function ankleMotion(body: Body, legLengthPx: number): number {
  if (!(legLengthPx > 0)) return 0;
  let best = 0;
  for (const side of ['left', 'right'] as const) {
    for (const axis of ['x', 'y'] as const) {
      const rel: number[] = [];
      const a = body[side].ankle[axis];
      for (let i = 0; i < a.length; i++) {
        const p = ((body.left.hip[axis][i] as number) + (body.right.hip[axis][i] as number)) / 2;
        const d = (a[i] as number) - p;
        if (Number.isFinite(d)) rel.push(d);
      }
      best = Math.max(best, range595(rel) / legLengthPx);
    }
  }
  return best;
}

function minusMovingMean(a: readonly number[], half: number): number[] {
  return a.map((v, i) => {
    let sum = 0;
    let k = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(a.length - 1, i + half); j++) {
      const x = a[j] as number;
      if (Number.isFinite(x)) {
        sum += x;
        k++;
      }
    }
    return k ? v - sum / k : NaN;
  });
}

/**
 * Side view: correlation of pelvis height (y up) with the horizontal spread of the ankles, each
 * minus its moving mean; + running (spring-mass), − walking (inverted pendulum). NaN when fewer
 * than a second of frames have both.
 */
export function bouncePattern(body: Body, fps: number): number {
  const n = body.left.hip.y.length;
  const y: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < n; i++) {
    y.push(((body.left.hip.y[i] as number) + (body.right.hip.y[i] as number)) / 2);
    s.push(Math.abs((body.left.ankle.x[i] as number) - (body.right.ankle.x[i] as number)));
  }
  const half = Math.max(1, Math.round((CLIP_CHECK.patternWindowS * fps) / 2));
  const Y = minusMovingMean(y, half);
  const S = minusMovingMean(s, half);
  const idx = Y.flatMap((v, i) => (Number.isFinite(v) && Number.isFinite(S[i] as number) ? [i] : []));
  if (idx.length < fps) return NaN;
  const my = idx.reduce((a, i) => a + (Y[i] as number), 0) / idx.length;
  const ms = idx.reduce((a, i) => a + (S[i] as number), 0) / idx.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const i of idx) {
    const dy = (Y[i] as number) - my;
    const ds = (S[i] as number) - ms;
    sxy += dy * ds;
    sxx += ds * ds;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

function pooledMean(v: GaitVariable | undefined): number | null {
  if (!v) return null;
  const xs = [v.left, v.right].filter((s) => s.mean !== null && s.n > 0);
  const n = xs.reduce((a, s) => a + s.n, 0);
  return n ? xs.reduce((a, s) => a + (s.mean as number) * s.n, 0) / n : null;
}

export function checkClip(q: ClipCheckInput): GaitClipQuality {
  const reasons: GaitClipQuality['reasons'][number][] = [];
  const frames = q.series.frames.length;
  const posed = q.series.frames.filter((f) => f.status === 'pose').length;
  const v = detectView(q.series);
  const view: GaitClipQuality['view'] = {
    filed: q.view,
    detected: v.view,
    hipWidth: Number.isFinite(v.hipWidth) ? v.hipWidth : null,
    ankleSwing: Number.isFinite(v.ankleSwing) ? v.ankleSwing : null,
  };
  if (frames === 0 || posed < CLIP_CHECK.minPosedShare * frames) {
    reasons.push({
      code: 'no-person',
      message: `A person was found in only ${posed} of ${frames} frames: this clip does not show the runner. Findings are withheld. Film the whole runner, in good light, with nobody else in view.`,
    });
    return { findingsWithheld: true, reasons, activity: 'unknown', view };
  }
  if (v.view !== 'unknown' && v.view !== q.view) {
    reasons.push({
      code: 'wrong-view',
      message: `This clip was filed as the ${q.view} view but looks like a ${v.view} view (hips ${v.hipWidth.toFixed(2)} leg lengths apart, ankles swinging ${v.ankleSwing.toFixed(2)} leg lengths). Findings are withheld. File it under the ${v.view} view, or film the ${q.view} view.`,
    });
  }
  const motion = ankleMotion(q.body, q.legLengthPx);
  const duty = pooledMean(q.variables.find((x) => x.id === 'duty-factor'));
  const bounce = q.view === 'side' ? bouncePattern(q.body, q.fps) : NaN;
  const decided = Math.abs(bounce) > CLIP_CHECK.patternDecides;
  const walking = decided
    ? bounce < 0
    : (duty !== null && duty > CLIP_CHECK.walkingDutyFactor) ||
      (q.cadence !== null && q.cadence < CLIP_CHECK.walkingCadence);
  let activity: GaitClipQuality['activity'] = 'running';
  if (motion < CLIP_CHECK.minAnkleMotion) {
    activity = 'standing';
    reasons.push({
      code: 'not-moving',
      message: `The person in this clip hardly moves their feet (ankles within ${Math.round(100 * motion)}% of a leg length): it does not show running, perhaps someone standing or a bystander. Findings are withheld. Film the runner, alone in view.`,
    });
  } else if (walking) {
    activity = 'walking';
    // Name only the evidence that says walking (a misdetected cadence would contradict it).
    const what = [
      decided ? 'the pelvis rises over the stance leg instead of dipping onto it' : null,
      !decided && duty !== null && duty > CLIP_CHECK.walkingDutyFactor
        ? `each foot on the ground for ${Math.round(100 * duty)}% of the stride`
        : null,
      q.cadence !== null && q.cadence < CLIP_CHECK.walkingCadence
        ? `${Math.round(q.cadence)} steps/min`
        : null,
    ]
      .filter(Boolean)
      .join(', ');
    reasons.push({
      code: 'walking',
      message: `This clip looks like walking, not running (${what}). Findings are withheld: the running references do not apply. Film the patient running.`,
    });
  } else if (q.initialContacts === 0) {
    activity = 'unknown';
    reasons.push({
      code: 'no-steps',
      message:
        'No steps were found in this clip. Findings are withheld. Check that the runner\u2019s feet are in view for the whole clip.',
    });
  }
  return { findingsWithheld: reasons.length > 0, reasons, activity, view };
}

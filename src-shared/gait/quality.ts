/**
 * Quality flags the PT must see before trusting the numbers. Each flag says what was measured and
 * why it matters, in plain words. The clip check (clip-check.ts) decides whether findings may be
 * drawn from the clip at all; its reasons also appear here as error flags.
 */
import type { Oriented } from './orient';
import { MIN_STEPS, type GaitClipQuality, type GaitFlag, type GaitVariable } from './schema';
import type { Step } from './steps';
import { timingSpreadFlag } from './eventsTemplateSpread';
import type { Body, GaitView, Side, Timeline } from './types';
import { frameTiming, VFR_JITTER } from '../media/timestamps';
import type { LandmarkSeries } from '../pose/landmarks';

/** Thresholds, with why. */
export const QUALITY = {
  /** Mean visibility of a leg's landmarks below this: the model is guessing that side. */
  lowVisibility: 0.5,
  /** Side view: hips apparently apart by more than this fraction of a leg length means the camera
   *  looks at the runner obliquely (in a true side view the two hip centres overlap). */
  hipSeparationFraction: 0.12,
  /** Side view: coefficient of variation of thigh and shank image lengths above this: segments
   *  turning in and out of the image plane over the stride (camera not perpendicular). */
  segmentLengthCv: 0.1,
  /** One frame should be at most this fraction of the ground contact time. */
  framePerContact: 0.1,
  /** More than this fraction of frames without a pose. */
  missingPoses: 0.05,
  directionAgreement: 0.8,
  nearSideAgreement: 0.7,
} as const;

function meanVisibility(body: Body, side: Side): number {
  let s = 0;
  let k = 0;
  for (const j of ['hip', 'knee', 'ankle', 'heel', 'toe'] as const) {
    for (const v of body[side][j].v) {
      s += v;
      k++;
    }
  }
  return k ? s / k : 0;
}

function cv(values: number[]): number {
  if (values.length < 3) return 0;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
  return m > 0 ? sd / m : 0;
}

export interface QualityInput {
  readonly series: LandmarkSeries;
  readonly view: GaitView;
  readonly oriented: Oriented;
  /** Cleaned body. */
  readonly body: Body;
  readonly timeline: Timeline;
  readonly steps: readonly Step[];
  readonly legLengthPx: number;
  readonly calibrated: boolean;
  readonly gait: 'running' | 'walking' | 'unknown';
  readonly externalEvents: boolean;
  /** The clip check's verdict (clip-check.ts). */
  readonly clip: GaitClipQuality;
  /** The summaries, to list what the camera could not measure. */
  readonly variables: readonly GaitVariable[];
}

export function qualityFlags(q: QualityInput): GaitFlag[] {
  const flags: GaitFlag[] = [];
  const { series, view, oriented, body, timeline: tl, steps } = q;
  const pct = (x: number): string => `${Math.round(100 * x)}%`;

  for (const r of q.clip.reasons) {
    if (r.code === 'no-steps') continue;
    flags.push({
      code: r.code === 'wrong-view' ? 'wrong-view' : 'not-running',
      severity: 'error',
      message: r.message,
    });
  }
  // A clip that does not show the runner has nothing else to say: the frames without a person, the
  // legs' visibility, the missing steps and the calibration all follow from it. Listed, they were six
  // lines for one 3 s test pattern in the walk's report, one of them "Enter the patient's height"
  // for a patient whose height was entered.
  if (q.clip.reasons.some((r) => r.code === 'no-person')) return flags;
  if (steps.length === 0) {
    flags.push({
      code: 'no-steps',
      severity: 'error',
      message:
        'No steps were found: the feet are out of the picture, or the clip does not show running or walking.',
    });
  }
  for (const side of ['left', 'right'] as const) {
    const hidden = q.variables.filter((v) => v[side].notMeasurable);
    const first = hidden[0]?.[side].notMeasurable;
    if (!first) continue;
    flags.push({
      code: 'not-measurable',
      severity: 'warning',
      side,
      message: `Not measurable from this view on the ${side}: ${hidden.map((v) => v.label.toLowerCase()).join(', ')}. ${first.remedy}`,
      values: { variables: hidden.length },
    });
  }
  for (const side of ['left', 'right'] as const) {
    const n = steps.filter((s) => s.side === side && s.clean).length;
    if (steps.length > 0 && n < MIN_STEPS)
      flags.push({
        code: 'too-few-steps',
        severity: 'warning',
        side,
        message: `Only ${n} clean ${side} step${n === 1 ? '' : 's'}: averages need at least ${MIN_STEPS} per side to be stable (Dingenen 2018). Film a longer clip.`,
        values: { steps: n, needed: MIN_STEPS },
      });
    const vis = meanVisibility(oriented.body, side);
    if (vis < QUALITY.lowVisibility)
      flags.push({
        code: 'low-confidence-side',
        severity: 'warning',
        side,
        message: `The pose model is unsure of the ${side} leg (mean visibility ${vis.toFixed(2)}): its events and angles are less reliable${view === 'side' ? ' (the far leg is often hidden in a side view)' : ''}.`,
        values: { visibility: vis },
      });
    // Events from the side clip carry its spread into the intervals here, but its warning is the
    // side clip's: the report lists each clip's flags, so it would read twice, its advice (check the
    // contacts, film longer) is for the side clip, and its frame is the side clip's, not this one's.
    const unsure = q.externalEvents ? null : timingSpreadFlag(steps, side, tl.fps);
    if (unsure) flags.push(unsure);
  }

  if (view === 'side') {
    const sep: number[] = [];
    for (let i = 0; i < tl.t.length; i++) {
      const d = Math.abs((body.left.hip.x[i] as number) - (body.right.hip.x[i] as number));
      if (Number.isFinite(d)) sep.push(d);
    }
    sep.sort((a, b) => a - b);
    const hipSep = sep.length ? (sep[sep.length >> 1] as number) / q.legLengthPx : 0;
    const lengths = (side: Side, a: 'hip' | 'knee', b: 'knee' | 'ankle'): number[] => {
      const out: number[] = [];
      for (let i = 0; i < tl.t.length; i++) {
        const d = Math.hypot(
          (body[side][a].x[i] as number) - (body[side][b].x[i] as number),
          (body[side][a].y[i] as number) - (body[side][b].y[i] as number),
        );
        if (Number.isFinite(d)) out.push(d);
      }
      return out;
    };
    const near = oriented.orientation.nearSide ?? 'left';
    const segCv = Math.max(cv(lengths(near, 'hip', 'knee')), cv(lengths(near, 'knee', 'ankle')));
    if (hipSep > QUALITY.hipSeparationFraction || segCv > QUALITY.segmentLengthCv)
      flags.push({
        code: 'camera-not-perpendicular',
        severity: 'warning',
        message: `The camera does not look square onto the running direction: the hips appear ${pct(hipSep)} of a leg length apart and the ${near} thigh/shank length varies by ${pct(segCv)} over the stride. Sagittal angles are distorted.`,
        values: { hipSeparation: hipSep, segmentLengthCv: segCv },
      });
    const o = oriented.orientation;
    if (o.directionAgreement < QUALITY.directionAgreement)
      flags.push({
        code: 'direction-uncertain',
        severity: 'warning',
        message: `The running direction is unclear (${pct(o.directionAgreement)} of frames agree): check that the clip is a side view.`,
      });
    if (o.nearSideAgreement < QUALITY.nearSideAgreement)
      flags.push({
        code: 'near-far-uncertain',
        severity: 'warning',
        message: `Which leg is nearer the camera is unclear (${pct(o.nearSideAgreement)} of frames agree): left and right may be swapped.`,
      });
  }

  // Timing resolution.
  const contacts = steps.map((s) => (s.to ? s.to.t - s.ic.t : NaN)).filter(Number.isFinite);
  const contact = contacts.length ? contacts.reduce((a, b) => a + b, 0) / contacts.length : NaN;
  const period = 1 / tl.fps;
  if (Number.isFinite(contact) && period > QUALITY.framePerContact * contact)
    flags.push({
      code: 'frame-rate-too-low',
      severity: 'warning',
      message: `At ${Math.round(tl.fps)} fps one frame is ${Math.round(1000 * period)} ms, ${pct(period / contact)} of the ${Math.round(1000 * contact)} ms ground contact: contact and flight times are only good to about ±${Math.round(1000 * period)} ms.`,
      values: { fps: tl.fps, frameMs: 1000 * period, contactMs: 1000 * contact },
    });

  const uneven = frameTimingFlag(tl.t);
  if (uneven) flags.push(uneven);

  const noPose = series.frames.filter((f) => f.status !== 'pose').length;
  if (series.frames.length && noPose / series.frames.length > QUALITY.missingPoses)
    flags.push({
      code: 'missing-poses',
      severity: 'warning',
      message: `No person was found in ${noPose} of ${series.frames.length} frames.`,
      values: { frames: noPose },
    });
  if (!q.calibrated)
    flags.push({
      code: 'uncalibrated',
      severity: 'info',
      message:
        'No calibration: lengths are in % of the leg length (hip to ankle). Enter the patient\u2019s height or a known distance to get centimetres.',
    });
  // The clip check's verdict wins: its pelvis-bounce test needs no event, the duty factor does.
  if (
    q.gait === 'walking' &&
    q.clip.activity !== 'running' &&
    !q.clip.reasons.some((r) => r.code === 'walking')
  )
    flags.push({
      code: 'walking',
      severity: 'info',
      message: 'Duty factor above 0.5: this clip looks like walking, not running.',
    });
  if (q.externalEvents)
    flags.push({
      code: 'external-events',
      severity: 'info',
      message:
        'Gait events come from the side-view clip, shifted by the two clips\u2019 time offset; where the side clip warns that a foot\u2019s events cannot be timed to the frame, the values at contact and toe-off here carry that in their intervals too.',
    });
  return flags;
}

/**
 * Frame times that are not even, by the one definition of a variable frame rate (`frameTiming`,
 * src-shared/media/timestamps.ts; docs/library-layout.md "Frames and time"), applied to the frames
 * analysed: a trim that leaves a gap out leaves the flag out too. Times and rates are read from each
 * frame's own timestamp either way; what the flag tells the PT is what is less sure. An event in a
 * gap can be placed only to within the gap (its timing uncertainty takes the frame length around it:
 * `frameInterval`, uncertainty-points.ts), and the smoothing (clean.ts) treats frames as evenly
 * spaced, which no interval includes.
 */
export function frameTimingFlag(times: ArrayLike<number>): GaitFlag | null {
  const ft = frameTiming(times);
  if (!ft.variable) return null;
  const n = ft.droppedFrames;
  const uneven = ft.jitter > VFR_JITTER;
  const what = [
    n > 0 ? `the camera dropped ${n} frame${n === 1 ? '' : 's'} of this clip (gaps in its frame times)` : '',
    uneven ? `the time between its frames varies by up to ${Math.round(100 * ft.jitter)}% of a frame` : '',
  ]
    .filter(Boolean)
    .join(', and ');
  const gaps =
    n > 0
      ? ' A contact or toe-off that fell in a gap can be placed only to within the gap: the steps beside a gap are timed less surely, and their intervals widen with the longer frame.'
      : '';
  return {
    code: 'variable-frame-rate',
    severity: 'warning',
    message: `Frame times are uneven: ${what}. Cadence and step, contact and flight times use each frame's true time.${gaps} Joint paths are smoothed as if frames were evenly spaced, which the intervals do not include. Phones drop or delay frames when busy or in poor light.`,
    values: { droppedFrames: n, jitter: ft.jitter },
  };
}

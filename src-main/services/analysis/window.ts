import { readFileSync } from 'node:fs';
import type { EarlyNumbers } from '../../../src-shared/contract/analysis';
import {
  checkpoints,
  chooseSteadyWindow,
  enoughStrides,
  regularStrides,
  type TimeSpan,
} from '../../../src-shared/analysis/steady-window';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { decodeTimestamps } from '../../../src-shared/media/timestamps';
import { analyseClip } from '../../../src-shared/review/analyse';
import { seconds } from '../../../src-shared/units';
import { getRecordingRow } from '../media/recordings-db';
import { poseRecording } from '../pose/recording';
import { toSeries, type CandidateFrame, type PoseCandidates } from '../pose/series';
import type { CallContext } from '../types';

/**
 * A clip's steady window first (issue 16 item 3): where the pose run starts, and the early numbers
 * it gives. The window is chosen without any pose (src-shared/analysis/steady-window.ts says why);
 * the run goes from the window's start to the end of the clip, then does the frames before it
 * (pose/input.ts). At each checkpoint the frames so far from the window's start are analysed by the
 * one gait path (src-shared/review/analyse.ts) and, once they hold ten regular strides a side, the
 * numbers go out as the clip's `early` status; the whole clip's analysis replaces them when the job
 * ends. No corrections are applied: a clip being analysed for the first time has none.
 */
type Ctx = Pick<CallContext, 'library'>;

export interface WindowPlan {
  readonly window: TimeSpan;
  /** What the pose run is given (pose/input.ts `firstFrom`). */
  readonly firstFrom: {
    readonly startS: number;
    readonly onFrames: (frames: readonly CandidateFrame[], source: PoseCandidates['source']) => void;
  };
}

/** The plan for a clip, or null when it is too short for a window to come noticeably earlier. */
export async function planWindow(
  ctx: Ctx,
  recordingId: string,
  model: PoseModelName,
  onEarly: (early: EarlyNumbers) => void,
): Promise<WindowPlan | null> {
  const rec = await getRecordingRow(ctx.library.data, recordingId);
  let times: number[];
  try {
    times = decodeTimestamps(readFileSync((await poseRecording(ctx.library, recordingId)).timestampsPath));
  } catch {
    return null; // no timestamp table: analyse the clip whole, as before
  }
  const { startFrame, endFrame } = rec.trim;
  const first = times[Math.min(startFrame, times.length - 1)];
  const last = times[Math.min(endFrame, times.length) - 1];
  if (first === undefined || last === undefined) return null;
  const span = { startS: seconds(first), endS: seconds(last + 1 / (rec.probe.nominalFps || 30)) };
  const window = chooseSteadyWindow(span);
  if (!window) return null;
  const marks = checkpoints(window, span);
  let next = 0;
  let done = false;
  const evaluate = (frames: readonly CandidateFrame[], source: PoseCandidates['source']): void => {
    const inSpan = frames.filter((f) => f.t < span.endS);
    const candidates: PoseCandidates = { source, model, numPoses: 2, frames: inSpan };
    const r = analyseClip(toSeries(candidates), [], {
      view: rec.view,
      trim: { startFrame: 0, endFrame: inSpan.length },
      cutoffHz: 'auto',
    });
    if (!r.gait) return;
    const strides = regularStrides(r.gait.events);
    if (!enoughStrides(strides)) return;
    done = true;
    onEarly({
      fromS: window.startS,
      toS: inSpan[inSpan.length - 1]!.t,
      strides,
      cadence: r.gait.cadence.value,
      findings: r.gait.findings.length,
    });
  };
  return {
    window,
    firstFrom: {
      startS: window.startS,
      onFrames: (frames, source) => {
        const t = frames[frames.length - 1]?.t;
        if (done || t === undefined || next >= marks.length || t < marks[next]!) return;
        while (next < marks.length && marks[next]! <= t) next++;
        // Runs inside the engine's message handler, where a throw would fail the pose run: early
        // numbers that cannot be made are simply not shown; the whole clip's follow.
        try {
          evaluate(frames, source);
        } catch {
          /* no early numbers at this checkpoint */
        }
      },
    },
  };
}

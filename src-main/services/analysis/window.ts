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
import { seconds } from '../../../src-shared/units';
import { getPatient } from '../library/patients';
import { getSession } from '../library/sessions';
import { getRecordingRow } from '../media/recordings-db';
import { poseRecording } from '../pose/recording';
import type { CandidateFrame, PoseCandidates } from '../pose/series';
import { parsePoseStore, poseStoreBytes } from '../pose/store';
import type { CallContext } from '../types';
import {
  analyseWindow,
  nearestFrame,
  removeWindowResult,
  windowSeries,
  writeWindowResult,
  type WindowResult,
} from './window-result';

/**
 * A clip's steady window first (issue 16 item 3): where the pose run starts, and the early numbers
 * it gives. The window is chosen without any pose (src-shared/analysis/steady-window.ts says why);
 * the run goes from the window's start to the end of the clip, then does the frames before it
 * (pose/input.ts). At each checkpoint the frames so far from the window's start are analysed by the
 * one gait path (src-shared/review/analyse.ts) and, once they hold ten regular strides a side, the
 * numbers go out as the clip's `early` status; the whole clip's analysis replaces them when the job
 * ends. No corrections are applied: a clip being analysed for the first time has none.
 *
 * The frames behind those numbers are kept as the clip's provisional result (window-result.ts)
 * before the numbers go out, so the report can print the window's section while the rest runs;
 * they are analysed as stored (quantised as the pose store keeps them, numbered and timed as the
 * clip's frames, with the patient's height) so the report's numbers are the published ones.
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
  let dir: string;
  try {
    const pose = await poseRecording(ctx.library, recordingId);
    dir = pose.dir;
    times = decodeTimestamps(readFileSync(pose.timestampsPath));
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
  const heightCm = await patientHeight(ctx, rec.sessionId);
  const marks = checkpoints(window, span);
  let next = 0;
  let done = false;
  const evaluate = (frames: readonly CandidateFrame[], source: PoseCandidates['source']): void => {
    const result = windowResultOf({
      frames: frames.filter((f) => f.t < span.endS),
      source: { ...source, file: rec.originalName },
      model,
      times,
      fromS: window.startS,
      view: rec.view,
      trim: rec.trim,
      ...(heightCm ? { heightCm } : {}),
    });
    if (!result) return;
    done = true;
    // The frames first, then the numbers: a report that sees the numbers finds their frames.
    // A window result that cannot be written leaves the numbers alone (the report then waits).
    try {
      writeWindowResult(dir, result);
    } catch {
      /* the numbers still go out */
    }
    onEarly(result.early);
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

async function patientHeight(ctx: Ctx, sessionId: string): Promise<number | undefined> {
  try {
    const session = await getSession(ctx.library.data, sessionId);
    return (
      (await getPatient(ctx.library.data, session.patientId, { includeDeleted: true })).heightCm ?? undefined
    );
  } catch {
    return undefined;
  }
}

/**
 * The clip's provisional window result is over: the whole clip's landed, or the job ended without
 * it (cancelled, failed), or a fresh queueing starts over. Best effort: a file left behind is not
 * used once the job no longer carries the window's numbers (window-result.ts).
 */
export async function dropWindowResult(ctx: Ctx, recordingId: string): Promise<void> {
  try {
    removeWindowResult((await poseRecording(ctx.library, recordingId)).dir);
  } catch {
    /* nothing to remove, or the clip went to the trash */
  }
}

/**
 * The window's numbers and the frames they come from, once `frames` (the run's frames from the
 * window's start, decoder times) hold ten regular strides a side; else null. The frames are taken as
 * the store keeps them (int16), each numbered and timed as its frame of the clip (the timestamp
 * table `times`), and analysed by the one path exactly as the report analyses the stored result
 * (window-result.ts analyseWindow), so the published numbers are the report's.
 */
export function windowResultOf(input: {
  readonly frames: readonly CandidateFrame[];
  readonly source: PoseCandidates['source'];
  readonly model: PoseModelName;
  readonly times: readonly number[];
  readonly fromS: number;
  readonly view: 'side' | 'rear';
  readonly trim: { readonly startFrame: number; readonly endFrame: number };
  readonly heightCm?: number;
}): WindowResult | null {
  const { frames, times } = input;
  if (frames.length === 0 || times.length === 0) return null;
  const frameIndex = frames.map((f) => nearestFrame(times, f.t));
  const stored = parsePoseStore(
    poseStoreBytes({
      source: input.source,
      model: input.model,
      numPoses: 2,
      frames: frames.map((f, i) => ({ t: times[frameIndex[i]!]!, poses: f.poses })),
    }),
  );
  if (!stored) return null;
  const candidates = stored.candidates;
  const r = analyseWindow(windowSeries({ candidates, frameIndex }), {
    view: input.view,
    trim: input.trim,
    ...(input.heightCm ? { heightCm: input.heightCm } : {}),
  });
  if (!r.gait) return null;
  const strides = regularStrides(r.gait.events);
  if (!enoughStrides(strides)) return null;
  return {
    early: {
      fromS: input.fromS,
      toS: times[frameIndex[frameIndex.length - 1]!]!,
      strides,
      cadence: r.gait.cadence.value,
      findings: r.gait.findings.length,
    },
    candidates,
    frameIndex,
  };
}

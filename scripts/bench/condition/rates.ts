/**
 * The pose model's raw rate and the pipeline's rate on the same frames, each with the 1-minute load
 * average before and after it (the machine is shared: the figures move with the others' load).
 * Same method as pose.ts: raw = `detectForVideo` alone on frames decoded into memory first, at the
 * landmarker's input size; pipeline = decode + detect + gather, from the model loaded to the last
 * frame, less the browser's shutdown. One Chromium at a time: the raw rate is one core's.
 */
import { loadavg } from 'node:os';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { POSE_INPUT_LONG_SIDE } from '../../../src-shared/pose/input-scale';
import { runEngine } from '../../../src-main/services/pose/engine-host';
import { detectPoses } from '../../../src-main/services/pose/run';

export interface Measured {
  readonly value: number;
  readonly loadBefore: number;
  readonly loadAfter: number;
  readonly wallS: number;
}

export const load1 = (): number => loadavg()[0]!;

async function measured(fn: () => Promise<number>): Promise<Measured> {
  const loadBefore = load1();
  const t0 = performance.now();
  const value = await fn();
  return { value, loadBefore, loadAfter: load1(), wallS: (performance.now() - t0) / 1000 };
}

/** Frames per second of the model alone (numPoses 2, as the app). `chunk`: frames decoded per timed batch. */
export const rawRate = (clipPath: string, model: PoseModelName, chunk: number): Promise<Measured> =>
  measured(async () => {
    const raw = await runEngine({
      clipPath,
      model,
      numPoses: 2,
      mode: 'bench',
      benchFrames: chunk,
      inputLongSide: POSE_INPUT_LONG_SIDE,
    });
    return raw.frames / (raw.detectMs / 1000);
  });

/** Frames per second of the whole pose pipeline, launch and shutdown left out (pose.ts says why). */
export const pipelineRate = (clipPath: string, model: PoseModelName): Promise<Measured> =>
  measured(async () => {
    let opened = 0;
    const { candidates, engine } = await detectPoses({
      clipPath,
      model,
      numPoses: 2,
      onProgress: (p) => {
        if (p.framesDone === 0 && !opened) opened = performance.now();
      },
    });
    const end = performance.now();
    return candidates.frames.length / ((end - opened - engine.closeMs) / 1000);
  });

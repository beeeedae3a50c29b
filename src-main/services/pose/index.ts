/**
 * The pose service's public face for other services and the CLI: clip → landmark series (with the
 * runner chosen), and the stored results of recordings. See docs/pose-engine.md.
 */
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { detectPoses, type DetectOptions } from './run';
import { toSeries } from './series';
import { readPoseStore } from './store';
import { poseRecording } from './recording';
import type { Library } from '../library/db';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import type { Pick } from './track';

export { detectPoses, describePoseError } from './run';
export { poseTimeLeft, type PoseProgress } from './time-left';
export { toSeries, noPoseRanges, frameRange } from './series';
export { readPoseStore, writePoseStore, updatePick, poseStoreFile } from './store';
export { ClipError } from './probe';
export { PoseEngineError } from './engine-session';
export { setEngineRunner } from './engine-runner';

/** Every frame of a clip file → the chosen person's landmarks (default: the runner). */
export async function seriesOfClip(opts: DetectOptions & { readonly pick?: Pick }): Promise<LandmarkSeries> {
  const { candidates } = await detectPoses(opts);
  return toSeries(candidates, opts.pick);
}

/**
 * The stored landmark series of a library recording (the person the user picked, else the
 * runner), or null when detection has not completed for that model. For the gait and sync services.
 */
export async function recordingSeries(
  library: Library,
  recordingId: string,
  model: PoseModelName = 'full',
): Promise<LandmarkSeries | null> {
  const rec = await poseRecording(library, recordingId);
  const stored = readPoseStore(rec.dir, model);
  return stored ? toSeries(stored.candidates, stored.pick ?? undefined) : null;
}

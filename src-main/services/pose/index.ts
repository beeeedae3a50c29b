/**
 * The pose service's public face for other services and the CLI: clip → landmark series (with the
 * runner chosen), and the stored results of recordings. See docs/pose-engine.md.
 */
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { detectPoses, type DetectOptions } from './run';
import { toSeries } from './series';
import type { Pick } from './track';

export { detectPoses, describePoseError, type PoseProgress } from './run';
export { toSeries, noPoseRanges, frameRange } from './series';
export { readPoseStore, writePoseStore, updatePick, poseStoreFile } from './store';
export { ClipError } from './probe';
export { PoseEngineError } from './engine-host';

/** Every frame of a clip file → the chosen person's landmarks (default: the runner). */
export async function seriesOfClip(opts: DetectOptions & { readonly pick?: Pick }): Promise<LandmarkSeries> {
  const { candidates } = await detectPoses(opts);
  return toSeries(candidates, opts.pick);
}

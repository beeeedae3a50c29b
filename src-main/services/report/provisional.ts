import type { GaitAnalysis } from '../../../src-shared/gait';
import type { Recording } from '../../../src-shared/contract/recordings';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import type { ProvisionalWindow } from '../../../src-shared/report/provisional';
import type { AnalysisJob } from '../../data/analysis-jobs';
import { jobOf } from '../analysis/status';
import { analyseWindow, readWindowResult, windowSeries } from '../analysis/window-result';
import type { Library } from '../library/db';
import { poseRecording } from '../pose/recording';

/**
 * A clip whose whole analysis is not there yet, printed from its steady window (issue 16 item 3):
 * the window's stored frames (analysis/window-result.ts) through the same gait path the queue used to
 * publish the window's numbers, so every number, interval, finding and key frame of the clip's
 * section comes from the window's steps, and the report says so (src-shared/report/provisional.ts).
 *
 * Used only while the clip's job still carries the window's numbers (`early`): the queue drops them
 * when the job ends or is queued afresh, so a window file left behind by a crash or a cancel of a
 * waiting job is never printed as current. The rear view finds its own events here: the two views
 * are aligned only once both are analysed whole.
 */
export interface ProvisionalClip {
  readonly series: LandmarkSeries;
  readonly analysis: GaitAnalysis;
  readonly model: string;
  readonly window: ProvisionalWindow;
}

export async function provisionalClip(
  library: Library,
  rec: Recording,
  jobs: readonly AnalysisJob[],
  heightCm: number | undefined,
): Promise<ProvisionalClip | null> {
  const job = jobOf(jobs, rec.id);
  if (!job?.early || (job.state !== 'queued' && job.state !== 'running')) return null;
  let dir: string;
  try {
    dir = (await poseRecording(library, rec.id)).dir;
  } catch {
    return null;
  }
  const stored = readWindowResult(dir, job.model);
  if (!stored) return null;
  const series = windowSeries(stored);
  const r = analyseWindow(series, { view: rec.view, trim: rec.trim, ...(heightCm ? { heightCm } : {}) });
  if (!r.gait) return null;
  return {
    series,
    analysis: r.gait,
    model: stored.candidates.model,
    window: { fromS: stored.early.fromS, toS: stored.early.toS, strides: stored.early.strides },
  };
}

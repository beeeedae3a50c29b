/**
 * The review's data beside the video: landmarks (pose engine) and the alignment of the two clips
 * (sync contract). The analysis itself is src-shared/review/analyse.ts, run in a worker.
 */
import type { Recording } from '../../../src-shared/contract/recordings';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { api } from '../api/client';

/** The landmark series of a recording when pose detection has finished; undefined otherwise. */
export async function loadSeries(recordingId: string): Promise<{ series?: LandmarkSeries; note?: string }> {
  const status = await api('pose:status', { recordingId });
  if (status.state !== 'done') {
    const note =
      status.state === 'running'
        ? 'Pose detection is still running: overlays and numbers appear when it is done.'
        : status.state === 'failed'
          ? `Pose detection failed: ${status.error ?? 'unknown error'}.`
          : 'Pose detection has not run on this clip: no overlays or numbers yet.';
    return { note };
  }
  return { series: await api('pose:series', { recordingId }) };
}

/**
 * Session-clock offsets of the players from the stored alignment (sync contract: tA = tB + offsetS,
 * timeScale taken as 1 over a review's few seconds). Player 0 is the reference (offset 0).
 */
export async function loadOffsets(sessionId: string, recordings: readonly Recording[]): Promise<number[]> {
  const offsets = recordings.map(() => 0);
  for (let k = 1; k < recordings.length; k++) {
    const record = await api('sync:get', {
      sessionId,
      recordingAId: recordings[0]!.id,
      recordingBId: recordings[k]!.id,
    }).catch(() => null);
    if (record) offsets[k] = record.offsetS;
  }
  return offsets;
}

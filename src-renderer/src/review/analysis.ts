/**
 * The review's data beside the video: landmarks (pose engine) and the alignment of the two clips
 * (sync contract). The analysis itself is src-shared/review/analyse.ts, run in a worker.
 */
import type { Recording } from '../../../src-shared/contract/recordings';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { api, ApiError } from '../api/client';

/**
 * The landmark series the analysis uses (analysis:series: the most accurate model that ran, or
 * imported landmarks); undefined, with the reason, while the clip has none. The analysis banner above
 * the review says where the analysis stands and offers Analyse / Retry.
 */
export async function loadSeries(recordingId: string): Promise<{ series?: LandmarkSeries; note?: string }> {
  try {
    return { series: await api('analysis:series', { recordingId }) };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not-found')
      return { note: 'This clip is not analysed yet: overlays and numbers appear when it is.' };
    throw err;
  }
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

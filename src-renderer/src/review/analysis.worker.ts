/**
 * The review's gait-analysis worker: the engine takes ~0.4 ms per frame here (150 ms for a 12 s
 * clip under load, seconds for a long one), which must not freeze stepping and playback. Keeps each
 * clip's series; answers every `analyse` with the results of all clips, tagged with its `seq`.
 */
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { analyseClips } from '../../../src-shared/review/analyse';
import {
  toWorkerError,
  type FromAnalysisWorker,
  type ToAnalysisWorker,
} from '../../../src-shared/review/analysis-protocol';

const series = new Map<string, LandmarkSeries>();
const post = (m: FromAnalysisWorker): void => self.postMessage(m);

self.onmessage = (e: MessageEvent<ToAnalysisWorker>) => {
  const m = e.data;
  if (m.type === 'series') {
    if (m.series) series.set(m.recordingId, m.series);
    else series.delete(m.recordingId);
    return;
  }
  try {
    const results = analyseClips(m.clips, (id) => series.get(id), m.corrections).map((r) => ({
      ...(r.series && { series: r.series }),
      ...(r.gait && { gait: r.gait }),
      ...(r.error && { error: r.error }),
    }));
    post({ type: 'analysed', seq: m.seq, results });
  } catch (err) {
    post({ type: 'error', seq: m.seq, error: toWorkerError(err) });
  }
};

/**
 * Gait analysis of the review's clips, in a worker: series are sent once per clip, corrections and
 * event corrections on every change; the newest answer wins (older sequence numbers are dropped). Until the first answer
 * the clips show their uncorrected landmarks and no numbers.
 */
import { useEffect, useRef, useState } from 'react';
import type {
  ClipResult,
  FromAnalysisWorker,
  ToAnalysisWorker,
} from '../../../src-shared/review/analysis-protocol';
import type { Correction } from '../../../src-shared/review/corrections';
import type { EventEditInput } from '../../../src-shared/contract/review';
import type { MarkerTrack } from '../../../src-shared/markers';
import type { ReviewClip } from './model';

const NO_TRACKS: ReadonlyMap<string, readonly MarkerTrack[]> = new Map();

export interface Analyses {
  readonly results: readonly ClipResult[];
  readonly error?: string;
}

export function useAnalyses(
  clips: readonly ReviewClip[],
  corrections: ReadonlyMap<string, readonly Correction[]>,
  eventEdits: ReadonlyMap<string, readonly EventEditInput[]>,
  /** Side clips' skin-marker tracks: their foot markers may give the clip's events (analyse.ts). */
  markerTracks: ReadonlyMap<string, readonly MarkerTrack[]> = NO_TRACKS,
): Analyses {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const [state, setState] = useState<{ seq: number; results: readonly ClipResult[]; error?: string }>({
    seq: 0,
    results: [],
  });

  useEffect(() => {
    const w = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (e: MessageEvent<FromAnalysisWorker>) => {
      const m = e.data;
      setState((s) => {
        if (m.seq < s.seq) return s;
        return m.type === 'analysed'
          ? { seq: m.seq, results: m.results }
          : { seq: m.seq, results: s.results, error: `The gait analysis failed: ${m.error.message}` };
      });
    };
    // A worker that cannot start (or dies) must say so, not leave "Analysing…" on screen for good.
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      setState((s) => ({
        ...s,
        error: `The gait analysis stopped: ${e.message || 'its worker failed to start'}`,
      }));
    };
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  // Series: once per clip (they are large); the worker keeps them.
  useEffect(() => {
    const w = worker.current;
    if (!w) return;
    for (const c of clips) {
      const m: ToAnalysisWorker = {
        type: 'series',
        seq: ++seq.current,
        recordingId: c.recordingId,
        series: c.series ?? null,
      };
      w.postMessage(m);
    }
  }, [clips]);

  useEffect(() => {
    const w = worker.current;
    if (!w) return;
    const next = ++seq.current;
    const m: ToAnalysisWorker = {
      type: 'analyse',
      seq: next,
      clips: clips.map((c) => ({
        recordingId: c.recordingId,
        view: c.view,
        trim: c.trim,
        offset: c.offset,
        ...(c.heightCm ? { heightCm: c.heightCm } : {}),
        // The PT's event corrections: every value, curve and mark follows them at once.
        ...(eventEdits.get(c.recordingId)?.length ? { eventEdits: eventEdits.get(c.recordingId) } : {}),
        ...(c.view === 'side' && markerTracks.get(c.recordingId)?.length
          ? { markerTracks: markerTracks.get(c.recordingId) }
          : {}),
      })),
      corrections: Object.fromEntries(corrections),
    };
    w.postMessage(m);
  }, [clips, corrections, eventEdits, markerTracks]);

  return { results: state.results, ...(state.error && { error: state.error }) };
}

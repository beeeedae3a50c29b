import { useEffect, useState } from 'react';
import { groupSecondsLeft } from '../../../src-shared/analysis/time-left';
import type { ClipAnalysisStatus, SessionAnalysisStatus } from '../../../src-shared/contract/analysis';
import { api, useEvent } from '../api/client';

/**
 * Where the analysis of a session's clips stands, kept current from `analysis:changed` (progress of
 * the running clip) and reloaded when clips come or go. Null until the first answer.
 */
export function useAnalysis(sessionId: string): {
  status: SessionAnalysisStatus | null;
  error: string | null;
  reload: () => void;
} {
  const [status, setStatus] = useState<SessionAnalysisStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    api('analysis:status', { sessionId }).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [sessionId, tick]);
  useEvent('analysis:changed', (c) => {
    if (c.sessionId !== sessionId) return;
    setStatus((s) => (s ? merge(s, c) : s));
  });
  useEvent('library:changed', (e) => e.kind === 'recording' && setTick((t) => t + 1));
  return { status, error, reload: () => setTick((t) => t + 1) };
}

const BUSY = new Set<ClipAnalysisStatus['state']>(['queued', 'pose', 'sync', 'gait']);
export const isBusy = (c: ClipAnalysisStatus): boolean => BUSY.has(c.state);

function merge(s: SessionAnalysisStatus, c: ClipAnalysisStatus): SessionAnalysisStatus {
  const known = s.clips.some((x) => x.recordingId === c.recordingId);
  const clips = known ? s.clips.map((x) => (x.recordingId === c.recordingId ? c : x)) : [...s.clips, c];
  const busy = clips.filter(isBusy);
  return {
    ...s,
    clips,
    settled: busy.length === 0,
    secondsLeft: groupSecondsLeft(busy.map((x) => x.secondsLeft)),
  };
}

/** The clip's state in the clinic's words. */
export function stateWords(c: ClipAnalysisStatus): string {
  switch (c.state) {
    case 'none':
      return 'Not analysed';
    case 'queued':
      return c.elsewhere ? `Being analysed in ${c.elsewhere.by}` : 'Waiting to be analysed';
    case 'pose':
      return `Finding poses${c.step ? `: ${c.step}` : ''} ${Math.round((c.fraction ?? 0) * 100)}%`;
    case 'sync':
      return 'Aligning side and rear';
    case 'gait':
      return 'Computing gait events and angles';
    case 'done':
      return 'Analysed';
    case 'failed':
      return 'Analysis failed';
    case 'cancelled':
      return 'Analysis cancelled';
  }
}

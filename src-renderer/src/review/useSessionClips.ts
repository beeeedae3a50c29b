/**
 * Loads the session's clips for the review's "What to work on first" (session-side-clips.ts): each
 * clip with its condition, and for each condition and view the clip the report prints analysed as
 * the report reads it, again when one of this session's analyses finishes or its skin markers change.
 */
import { useEffect, useState } from 'react';
import type { Recording } from '../../../src-shared/contract/recordings';
import type { GaitAnalysis } from '../../../src-shared/gait/schema';
import { hybridOf } from '../../../src-shared/review/marker-hybrid';
import { api, useEvent } from '../api/client';
import type { SessionClip } from './session-side-clips';

/**
 * A clip as the report reads it (src-main/services/report/session-report.ts): its gait analysis,
 * with its tracked skin markers' values in the landmarks' place (`hybridOf`, the report's function);
 * undefined where it does not analyse (not analysed yet, or cannot be: the report leaves it out).
 */
async function reportedAnalysis(r: Recording): Promise<GaitAnalysis | undefined> {
  const analysis = await api('gait:analyze', { recordingId: r.id, cutoffHz: 'auto' }).then(
    (x) => x.analysis,
    () => undefined,
  );
  if (!analysis) return undefined;
  // Without readable tracks the report has no markers either (markerTracksOf: none stored).
  const tracks = await api('markers:tracks', { recordingId: r.id }).then(
    (x) => x.tracks,
    () => [],
  );
  return hybridOf(r.view, tracks, analysis)?.analysis ?? analysis;
}

/** Every clip of the session with its condition; in each condition and view, the newest clip that
 *  analyses with its analysis (the report prints that one; recordings come oldest first). */
export function useSessionClips(recordings: readonly Recording[] | undefined): readonly SessionClip[] {
  const [clips, setClips] = useState<readonly SessionClip[]>([]);
  const [runs, setRuns] = useState(0);
  // Only this session's analyses and markers: on a clinic server other workstations change theirs all day.
  const ours = (id: string): boolean => !!recordings?.some((r) => r.id === id);
  useEvent('analysis:changed', (e) => {
    if (e.state === 'done' && ours(e.recordingId)) setRuns((n) => n + 1);
  });
  useEvent('markers:changed', (e) => {
    if (e.state !== 'running' && ours(e.recordingId)) setRuns((n) => n + 1);
  });
  const key = recordings?.map((r) => `${r.id}@${r.updatedAt}`).join('/') ?? '';
  useEffect(() => {
    if (!recordings) return;
    let live = true;
    const base = (r: Recording): SessionClip => ({
      recordingId: r.id,
      name: r.originalName,
      view: r.view,
      label: r.condition.label,
    });
    const slots = new Map<string, Recording[]>();
    for (const r of recordings) {
      const k = `${r.condition.label}|${r.view}`;
      slots.set(k, [r, ...(slots.get(k) ?? [])]);
    }
    // A session of one clip: the open clip is the report's only one, and Review has its analysis.
    const load = recordings.length < 2 ? [] : [...slots.values()];
    Promise.all(
      load.map(async (newestFirst) => {
        for (const r of newestFirst) {
          const analysis = await reportedAnalysis(r);
          if (analysis) return [r.id, analysis] as const;
        }
        return undefined;
      }),
    ).then((found) => {
      if (!live) return;
      const printed = new Map(found.filter((x) => x !== undefined));
      setClips(
        recordings.map((r) => {
          const analysis = printed.get(r.id);
          return analysis ? { ...base(r), analysis } : base(r);
        }),
      );
    });
    return () => {
      live = false;
    };
    // `key` stands for `recordings`: a reload of the same list does not analyse again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, runs]);
  return clips;
}

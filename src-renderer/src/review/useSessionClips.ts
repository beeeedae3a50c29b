/**
 * Loads the session's clips for the review's far-leg rule (session-side-clips.ts): each clip with
 * its condition, the newest side clip of each condition analysed where two conditions or more have
 * one (the rule compares conditions), again when one of this session's analyses finishes.
 */
import { useEffect, useState } from 'react';
import type { Recording } from '../../../src-shared/contract/recordings';
import { api, useEvent } from '../api/client';
import type { SessionClip } from './session-side-clips';

/** Every clip of the session with its condition; the newest side clip of each condition analysed
 *  (the report prints the newest clip of a view in a condition; recordings come oldest first). */
export function useSessionClips(recordings: readonly Recording[] | undefined): readonly SessionClip[] {
  const [clips, setClips] = useState<readonly SessionClip[]>([]);
  const [runs, setRuns] = useState(0);
  // Only this session's analyses: on a clinic server other workstations finish theirs all day.
  useEvent('analysis:changed', (e) => {
    if (e.state === 'done' && recordings?.some((r) => r.id === e.recordingId)) setRuns((n) => n + 1);
  });
  const key = recordings?.map((r) => `${r.id}@${r.updatedAt}`).join('/') ?? '';
  useEffect(() => {
    if (!recordings) return;
    let live = true;
    const newest = new Map(recordings.filter((r) => r.view === 'side').map((r) => [r.condition.label, r.id]));
    // The rule compares conditions: with one condition filmed from the side there is nothing to load.
    if (newest.size < 2) newest.clear();
    Promise.all(
      recordings.map(async (r): Promise<SessionClip> => {
        const base = { recordingId: r.id, view: r.view, label: r.condition.label };
        if (newest.get(r.condition.label) !== r.id) return base;
        // A clip not analysed yet (or that cannot be) has no say: the report leaves it out too.
        const analysis = await api('gait:analyze', { recordingId: r.id, cutoffHz: 'auto' }).then(
          (x) => x.analysis,
          () => undefined,
        );
        return analysis ? { ...base, analysis } : base;
      }),
    ).then((all) => {
      if (live) setClips(all);
    });
    return () => {
      live = false;
    };
    // `key` stands for `recordings`: a reload of the same list does not analyse again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, runs]);
  return clips;
}

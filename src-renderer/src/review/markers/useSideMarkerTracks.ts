/**
 * The skin-marker tracks of the review's side clips, for the gait analysis (issue 15 item 3: the feet's
 * heel and 5th MT markers give a side clip's contacts and toe-offs where they do better than the
 * landmarks, src-shared/review/analyse.ts). Each side clip's tracks are read once; the active clip's
 * come from the Markers panel's model as the PT tracks or corrects them, so every value follows at
 * once, and a side clip keeps its markers' events while a rear clip is active (its events drive the
 * rear clip).
 */
import { useEffect, useMemo, useState } from 'react';
import type { MarkerTrack } from '../../../../src-shared/markers';
import { api, useEvent } from '../../api/client';
import type { ReviewClip } from '../model';

export function useSideMarkerTracks(
  clips: readonly ReviewClip[],
  active: { readonly recordingId: string; readonly tracks: readonly MarkerTrack[] | undefined },
): ReadonlyMap<string, readonly MarkerTrack[]> {
  const [loaded, setLoaded] = useState<ReadonlyMap<string, readonly MarkerTrack[]>>(new Map());
  const sideIds = clips
    .filter((c) => c.view === 'side')
    .map((c) => c.recordingId)
    .join(' ');
  const [changed, setChanged] = useState(0);
  useEvent('markers:changed', () => setChanged((n) => n + 1));
  useEffect(() => {
    let live = true;
    const ids = sideIds ? sideIds.split(' ') : [];
    Promise.all(
      ids.map(async (id) => [id, (await api('markers:tracks', { recordingId: id })).tracks] as const),
    )
      .then((pairs) => {
        if (live) setLoaded(new Map(pairs));
      })
      // Without tracks the clip keeps its landmark events; the Markers panel says what went wrong.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [sideIds, changed]);
  return useMemo(() => {
    if (!active.tracks || !sideIds.split(' ').includes(active.recordingId)) return loaded;
    const m = new Map(loaded);
    m.set(active.recordingId, active.tracks);
    return m;
  }, [loaded, sideIds, active.recordingId, active.tracks]);
}

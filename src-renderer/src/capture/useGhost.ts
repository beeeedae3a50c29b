/**
 * Last session's still for each view (its clip's thumbnail), loaded when the ghost is switched on.
 */
import { useEffect, useState } from 'react';
import { ghostRecording, previousSession } from '../../../src-shared/capture/ghost';
import type { View } from '../../../src-shared/contract/recordings';
import type { Session } from '../../../src-shared/library/model';
import { api } from '../api/client';
import { transport } from '../api/transport';

export interface Ghost {
  /** Date of the session the ghost comes from. */
  readonly date?: string;
  readonly urls: Partial<Record<View, string>>;
  readonly note?: string;
}

export function useGhost(on: boolean, session: Session | undefined): Ghost | undefined {
  const [ghost, setGhost] = useState<{ for: string; ghost: Ghost } | undefined>(undefined);
  const sessionId = session?.id;
  useEffect(() => {
    if (!on || !session) return;
    let live = true;
    (async (): Promise<Ghost> => {
      const before = previousSession(await api('sessions:list', { patientId: session.patientId }), session);
      if (!before) return { urls: {}, note: 'No earlier session of this patient to match.' };
      const recordings = await api('recordings:list', { sessionId: before.id });
      const urls: Partial<Record<View, string>> = {};
      for (const view of ['side', 'rear'] as const) {
        const r = ghostRecording(recordings, view);
        if (r) urls[view] = transport.apiUrl(`/api/media/${encodeURIComponent(r.id)}/thumb`);
      }
      return Object.keys(urls).length
        ? { date: before.date, urls }
        : { urls, note: `The session of ${before.date} has no clips to match.` };
    })().then(
      (g) => live && setGhost({ for: session.id, ghost: g }),
      (e: unknown) =>
        live &&
        setGhost({
          for: session.id,
          ghost: {
            urls: {},
            note: `Last session's picture could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
          },
        }),
    );
    return () => {
      live = false;
    };
    // Reload when switched on or when the session changes, not on every session object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [on, sessionId]);
  return on && ghost && ghost.for === sessionId ? ghost.ghost : undefined;
}

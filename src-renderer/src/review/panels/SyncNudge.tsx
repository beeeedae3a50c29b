/**
 * Alignment of the right player to the left one, by hand: one frame earlier or later (the sync
 * service stores the nudge beside its estimate). The players re-align when `sync:changed` arrives.
 */
import { api } from '../../api/client';
import type { ReviewClip } from '../model';

export function SyncNudge(props: {
  sessionId: string;
  clips: readonly ReviewClip[];
  onError: (m: string) => void;
}) {
  const [a, b] = props.clips;
  if (!a || !b) return null;
  const fps =
    a.table.times.length > 1 ? (a.table.times.length - 1) / (a.table.times.at(-1)! - a.table.times[0]!) : 30;
  const frames = Math.round((b.offset - a.offset) * fps);
  const nudge = (by: number): void => {
    api('sync:set', {
      sessionId: props.sessionId,
      recordingAId: a.recordingId,
      recordingBId: b.recordingId,
      nudgeFrames: by,
    }).catch((err: unknown) => props.onError(err instanceof Error ? err.message : String(err)));
  };
  return (
    <span className="sync-nudge" data-testid="sync-nudge">
      <span className="muted">
        Right clip {frames === 0 ? 'aligned (offset 0)' : `offset ${frames > 0 ? '+' : ''}${frames} frames`}
      </span>
      <button
        type="button"
        className="secondary small"
        onClick={() => nudge(-1)}
        aria-label="Right clip one frame earlier"
      >
        −1
      </button>
      <button
        type="button"
        className="secondary small"
        onClick={() => nudge(1)}
        aria-label="Right clip one frame later"
      >
        +1
      </button>
    </span>
  );
}

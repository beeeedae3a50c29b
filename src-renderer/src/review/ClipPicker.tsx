/**
 * The review's two pickers: which of the session's clips each player shows. With one clip of today
 * and last time beside it, the right player shows last time's clip, and its picker says so: on the
 * walk of a returning patient's visit it read "— none —" beside last time's picture.
 */
import type { LastTimeShown } from './last-time/shown';

/** The value of the right picker's "last time" entry (no recording id looks like it). */
const LAST_TIME = 'last-time';

export interface ClipPickerProps {
  /** The clips a player can show, named as the players' titles name them. */
  readonly clips: readonly { readonly id: string; readonly words: string }[];
  /** The recordings on screen, left player first. */
  readonly ids: readonly string[];
  readonly lastTime: LastTimeShown | null;
  onPick(ids: string[]): void;
}

export function ClipPicker({ clips, ids, lastTime, onPick }: ClipPickerProps) {
  // Last time takes the right player only where today has one clip (ReviewWorkspace's players).
  const lastTimeRight = lastTime && ids.length < 2 ? lastTime : null;
  return (
    <div className="actions clip-pick">
      {[0, 1].map((slot) => (
        <label key={slot}>
          {slot === 0 ? 'Left player' : 'Right player'}{' '}
          <select
            value={slot === 1 && lastTimeRight ? LAST_TIME : (ids[slot] ?? '')}
            onChange={(e) => {
              const value = e.target.value;
              if (value === LAST_TIME) return;
              if (slot === 1 && !value && lastTimeRight) return lastTimeRight.close();
              const next = [...ids];
              if (value) next[slot] = value;
              else next.splice(slot, 1);
              onPick(next.filter(Boolean));
            }}
          >
            {slot === 1 && <option value="">— none —</option>}
            {slot === 1 && lastTimeRight && <option value={LAST_TIME}>{lastTimeRight.words}</option>}
            {clips.map((c) => (
              <option key={c.id} value={c.id}>
                {c.words}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}

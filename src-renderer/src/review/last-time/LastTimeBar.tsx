/**
 * The controls of "last time vs today": which earlier clip stands beside which of today's players
 * (same view; the same condition first, newest visit first, other conditions apart and marked),
 * the event both are aligned on, which of last time's strides goes with today's, and the ghost.
 * What differs between the two (treadmill speed or incline, another condition) is said in words.
 */
import type { EarlierClip } from '../../../../src-shared/progress/earlier';
import type { ReviewClip } from '../model';
import type { AlignOn, LastTimeChoice } from './useLastTime';

const ALIGN_OPTIONS: readonly { value: string; on: AlignOn; words: string }[] = [
  { value: 'right-ic', on: { foot: 'right', kind: 'initial-contact' }, words: 'Right initial contact' },
  { value: 'left-ic', on: { foot: 'left', kind: 'initial-contact' }, words: 'Left initial contact' },
  { value: 'right-to', on: { foot: 'right', kind: 'toe-off' }, words: 'Right toe-off' },
  { value: 'left-to', on: { foot: 'left', kind: 'toe-off' }, words: 'Left toe-off' },
];

export interface LastTimeBarProps {
  readonly clips: readonly ReviewClip[];
  /** Per today's player, the earlier clips that can stand beside it. */
  readonly lists: readonly (readonly EarlierClip[])[];
  readonly choice: LastTimeChoice | null;
  readonly onChoice: (c: LastTimeChoice | null) => void;
  readonly align: AlignOn;
  readonly onAlign: (a: AlignOn) => void;
  readonly shift: number;
  readonly onShift: (s: number) => void;
  /** Last time's complete strides on the chosen event. */
  readonly strides: number;
  readonly ghost: boolean;
  readonly onGhost: (on: boolean) => void;
  readonly status?: string | undefined;
}

const optionWords = (c: EarlierClip): string =>
  [c.date, c.conditionLabel, c.settings].filter(Boolean).join(' · ') + (c.playable ? '' : ' (not ready)');

/** The differences said beside the player: another condition, other treadmill settings. */
function differences(c: EarlierClip): string[] {
  const out: string[] = [];
  if (!c.sameCondition) out.push(`Not the same condition: ${c.conditionLabel} then.`);
  if (c.settingsDiffer) out.push(`Treadmill: ${c.settingsDiffer}.`);
  return out;
}

export function LastTimeBar(p: LastTimeBarProps) {
  const hasAny = p.lists.some((l) => l.length > 0);
  const value = p.choice ? `${p.choice.slot}:${p.choice.clip.recordingId}` : '';
  const alignValue =
    ALIGN_OPTIONS.find((o) => o.on.foot === p.align.foot && o.on.kind === p.align.kind)?.value ?? 'right-ic';
  // One click for the common case: the newest visit's clip of the same view and condition.
  const quick = p.lists
    .map((list, slot) => {
      const clip = list.find((c) => c.sameCondition && c.playable);
      return clip ? { slot, clip } : undefined;
    })
    .find(Boolean);
  const stride = p.strides > 0 ? (((p.shift % p.strides) + p.strides) % p.strides) + 1 : 0;
  return (
    <section className="last-time-bar" data-testid="last-time" aria-label="Last time vs today">
      <label>
        Last time beside today{' '}
        <select
          value={value}
          disabled={!hasAny}
          onChange={(e) => {
            const [slot, id] = e.target.value.split(':');
            const clip = p.lists[Number(slot)]?.find((c) => c.recordingId === id);
            p.onChoice(clip ? { slot: Number(slot), clip } : null);
          }}
        >
          <option value="">{hasAny ? '— none —' : 'No earlier session of this patient'}</option>
          {p.clips.map((today, slot) =>
            (['same', 'other'] as const).map((group) => {
              const list = (p.lists[slot] ?? []).filter((c) => c.sameCondition === (group === 'same'));
              if (!list.length) return null;
              return (
                <optgroup
                  key={`${slot}-${group}`}
                  label={`Beside ${today.title}${group === 'other' ? ' — other conditions' : ''}`}
                >
                  {list.map((c) => (
                    <option key={c.recordingId} value={`${slot}:${c.recordingId}`} disabled={!c.playable}>
                      {optionWords(c)}
                    </option>
                  ))}
                </optgroup>
              );
            }),
          )}
        </select>
      </label>
      {!p.choice && quick && (
        <button type="button" className="secondary" onClick={() => p.onChoice(quick)}>
          Beside last visit ({quick.clip.date})
        </button>
      )}
      {p.choice && (
        <>
          <label>
            Aligned on{' '}
            <select
              value={alignValue}
              onChange={(e) => p.onAlign(ALIGN_OPTIONS.find((o) => o.value === e.target.value)!.on)}
            >
              {ALIGN_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.words}
                </option>
              ))}
            </select>
          </label>
          <span className="last-time-stride">
            <button
              type="button"
              className="secondary"
              disabled={p.strides < 2}
              onClick={() => p.onShift(p.shift - 1)}
            >
              Last time&rsquo;s previous stride
            </button>
            <span data-testid="last-time-stride">
              {stride ? `stride ${stride} of ${p.strides} with today\u2019s first` : 'no stride'}
            </span>
            <button
              type="button"
              className="secondary"
              disabled={p.strides < 2}
              onClick={() => p.onShift(p.shift + 1)}
            >
              Last time&rsquo;s next stride
            </button>
          </span>
          <label className="last-time-ghost">
            <input type="checkbox" checked={p.ghost} onChange={(e) => p.onGhost(e.target.checked)} /> Ghost of
            last time over today
          </label>
          <button type="button" className="secondary" onClick={() => p.onChoice(null)}>
            Close last time
          </button>
        </>
      )}
      {p.choice && (
        <p className="last-time-notes" data-testid="last-time-notes">
          {[...differences(p.choice.clip), ...(p.status ? [p.status] : [])].join(' ')}
          {p.ghost && (
            <span className="hint">
              {' '}
              Ghost (dashed magenta): last time&rsquo;s skeleton scaled by the ratio of leg lengths (hip–knee
              + knee–ankle) and placed on today&rsquo;s hip centre at the aligned event of each stride.
            </span>
          )}
        </p>
      )}
    </section>
  );
}

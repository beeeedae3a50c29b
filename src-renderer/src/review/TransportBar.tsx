/**
 * The controls under the players: every keyboard action also reachable with the mouse (workflow.md),
 * a scrub bar over the active clip's frames, the rate, lock and overlay toggles.
 */
import { frameAt } from '../../../src-shared/media/timestamps';
import { timeOfFrame } from '../../../src-shared/review/frames';
import type { ReviewAction } from '../../../src-shared/review/keymap';
import { clipTime, type Playhead, type PlayerClock } from '../../../src-shared/review/playhead';
import type { OverlayToggles } from '../../../src-shared/review/scene';
import { REFERENCE, TINTS } from './overlay/draw';

export interface TransportBarProps {
  readonly playhead: Playhead;
  readonly clocks: readonly PlayerClock[];
  readonly toggles: OverlayToggles;
  readonly message: string;
  readonly players: number;
  readonly editing: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly onAction: (a: ReviewAction) => void;
  readonly onToggles: (t: OverlayToggles) => void;
  readonly onLocked: (locked: boolean) => void;
  /** Seek the active player to a time of its clip. */
  readonly onSeek: (clipT: number) => void;
}

const TOGGLES: readonly { key: Exclude<keyof OverlayToggles, 'all'>; label: string }[] = [
  { key: 'skeleton', label: 'Skeleton' },
  { key: 'angles', label: 'Angles' },
  { key: 'trunk', label: 'Trunk' },
  { key: 'tibia', label: 'Tibia' },
  { key: 'pelvis', label: 'Pelvis' },
];

/** What the overlay's colours and marks are (draw.ts paints them). */
function OverlayLegend() {
  return (
    <p className="legend" data-testid="overlay-legend">
      <span>
        <span className="dot" style={{ background: TINTS.left }} />
        left side
      </span>
      <span>
        <span className="dot" style={{ background: TINTS.right }} />
        right side
      </span>
      <span>
        <span className="swatch" style={{ background: REFERENCE }} />
        reference line (trunk, tibia, pelvis) against the dashed vertical or horizontal
      </span>
      <span>
        <span className="dot uncertain" />
        point the model is unsure of (dashed lines too)
      </span>
      <span>angles: flexion (0° = straight); ankle: dorsiflexion (0° = foot square to the shin)</span>
    </p>
  );
}

export function TransportBar(props: TransportBarProps) {
  const { playhead: p, clocks, toggles } = props;
  const active = clocks[p.active]!;
  const frames = active.table.times.length;
  const current = frameAt(active.table.times, clipTime(p, clocks, p.active));
  const btn = (
    label: string,
    title: string,
    action: ReviewAction,
    extra?: { pressed?: boolean; disabled?: boolean },
  ) => (
    <button
      type="button"
      className="secondary"
      title={title}
      aria-label={title}
      aria-pressed={extra?.pressed}
      disabled={extra?.disabled}
      onClick={() => props.onAction(action)}
    >
      {label}
    </button>
  );
  return (
    <div className="transport" role="toolbar" aria-label="Playback">
      <div className="transport-row">
        {btn('[ IC', 'Previous initial contact ([)', { type: 'event', dir: -1 })}
        {btn('−10', '10 frames back (Shift+←)', { type: 'step', delta: -10 })}
        {btn('◀', 'Previous frame (←)', { type: 'step', delta: -1 })}
        {btn(p.playing ? 'Pause' : 'Play', p.playing ? 'Pause (Space)' : 'Play (Space)', {
          type: 'play-pause',
        })}
        {btn('▶', 'Next frame (→)', { type: 'step', delta: 1 })}
        {btn('+10', '10 frames forward (Shift+→)', { type: 'step', delta: 10 })}
        {btn('IC ]', 'Next initial contact (])', { type: 'event', dir: 1 })}
        <span className="rate">
          {btn('−', 'Slower (-)', { type: 'rate', dir: -1 })}
          <output aria-label="Playback speed" data-testid="rate">
            {p.rate}×
          </output>
          {btn('+', 'Faster (+)', { type: 'rate', dir: 1 })}
        </span>
        {btn(
          p.loop ? 'Loop on' : 'Loop',
          'Loop the current stride (L)',
          { type: 'loop', kind: 'stride' },
          { pressed: Boolean(p.loop) },
        )}
        {btn(
          'Edit points',
          'Correct points by dragging (E)',
          { type: 'edit-points' },
          { pressed: props.editing },
        )}
        {btn('Undo', 'Undo (Ctrl+Z)', { type: 'undo' }, { disabled: !props.canUndo })}
        {btn('Redo', 'Redo (Ctrl+Shift+Z)', { type: 'redo' }, { disabled: !props.canRedo })}
        {props.players > 1 && (
          <label className="check">
            <input type="checkbox" checked={p.locked} onChange={(e) => props.onLocked(e.target.checked)} />
            Lock players
          </label>
        )}
      </div>
      <input
        type="range"
        className="scrub"
        aria-label="Scrub"
        min={0}
        max={frames - 1}
        step={1}
        value={current}
        onChange={(e) => props.onSeek(timeOfFrame(active.table, Number(e.target.value)))}
      />
      <div className="transport-row">
        <label className="check">
          <input
            type="checkbox"
            checked={toggles.all}
            onChange={(e) => props.onToggles({ ...toggles, all: e.target.checked })}
          />
          Overlays (O)
        </label>
        {TOGGLES.map((t) => (
          <label className="check" key={t.key}>
            <input
              type="checkbox"
              disabled={!toggles.all}
              checked={toggles[t.key]}
              onChange={(e) => props.onToggles({ ...toggles, [t.key]: e.target.checked })}
            />
            {t.label}
          </label>
        ))}
        <span role="status" className="muted">
          {props.message}
        </span>
      </div>
      <OverlayLegend />
    </div>
  );
}

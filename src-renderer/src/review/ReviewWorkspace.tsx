/**
 * The review workspace: one or two players on one playhead (locked to the session clock, or free),
 * the transport, and the overlays. State is plain data (src-shared/review/*); this component wires
 * keys and controls to the pure functions and hands each player the frame to show.
 */
import { useCallback, useMemo, useState } from 'react';
import { adjacentEvent, cycleAround, type TimedEvent } from '../../../src-shared/review/navigation';
import {
  framesShown,
  initialPlayhead,
  sessionTimeOfFrame,
  seekClip,
  setActive,
  setLocked,
  setRate,
  step,
  togglePlay,
  type Playhead,
  type PlayerClock,
} from '../../../src-shared/review/playhead';
import type { ReviewAction } from '../../../src-shared/review/keymap';
import { buildScene, DEFAULT_TOGGLES, type OverlayToggles } from '../../../src-shared/review/scene';
import type { ReviewClip } from './model';
import { OverlayStage } from './overlay/OverlayStage';
import { Player } from './player/Player';
import { TransportBar } from './TransportBar';
import { useKeys } from './useKeys';
import { usePlayback } from './usePlayback';

export interface ReviewWorkspaceProps {
  readonly clips: readonly ReviewClip[];
  /** Extra actions (undo, key frames) the page handles; return a message to show, if any. */
  readonly onAction?: (action: ReviewAction, ctx: { active: ReviewClip; frame: number }) => string | void;
}

/** Every event of every clip on the session clock (the rear clip borrows the side clip's events when synced). */
function timedEvents(
  p: Playhead,
  clocks: readonly PlayerClock[],
  clips: readonly ReviewClip[],
): TimedEvent[][] {
  return clips.map((c, k) =>
    c.events.map((e) => ({ foot: e.foot, kind: e.kind, t: sessionTimeOfFrame(p, clocks, k, e.frame) })),
  );
}

export function ReviewWorkspace({ clips, onAction }: ReviewWorkspaceProps) {
  const clocks = useMemo<PlayerClock[]>(
    () => clips.map((c) => ({ table: c.table, offset: c.offset })),
    [clips],
  );
  const [playhead, setPlayhead] = useState<Playhead>(() => initialPlayhead(clips.length));
  const [toggles, setToggles] = useState<OverlayToggles>(DEFAULT_TOGGLES);
  const [message, setMessage] = useState<string>('');
  const wanted = framesShown(playhead, clocks);
  usePlayback(playhead.playing, clocks, setPlayhead);

  const eventsFor = useCallback(
    (p: Playhead): TimedEvent[] => {
      const all = timedEvents(p, clocks, clips);
      // The active clip's own events when it has some; otherwise those of a synced clip.
      return all[p.active]?.length ? all[p.active]! : (all.find((e) => e.length) ?? []);
    },
    [clips, clocks],
  );

  const act = useCallback(
    (action: ReviewAction): void => {
      setMessage('');
      switch (action.type) {
        case 'play-pause':
          setPlayhead((p) => togglePlay(p, clocks));
          return;
        case 'step':
          setPlayhead((p) => step(p, clocks, action.delta));
          return;
        case 'rate':
          setPlayhead((p) => setRate(p, action.dir));
          return;
        case 'select-player':
          if (action.index < clips.length) setPlayhead((p) => setActive(p, action.index, clips.length));
          return;
        case 'overlays':
          setToggles((t) => ({ ...t, all: !t.all }));
          return;
        case 'event': {
          const k = playhead.active;
          const from = sessionTimeOfFrame(playhead, clocks, k, wanted[k] ?? 0);
          const e = adjacentEvent(eventsFor(playhead), from, action.dir);
          if (!e) {
            setMessage(action.dir > 0 ? 'No later initial contact.' : 'No earlier initial contact.');
            return;
          }
          setPlayhead((p) => ({ ...p, playing: false, t: e.t }));
          return;
        }
        case 'loop': {
          if (playhead.loop) {
            setPlayhead((p) => ({ ...p, loop: undefined }));
            return;
          }
          const range = cycleAround(eventsFor(playhead), playhead.t, 'stride');
          if (!range) {
            setMessage('No complete stride to loop: the gait events are missing.');
            return;
          }
          setPlayhead((p) => ({ ...p, loop: range, t: range.start, playing: true }));
          return;
        }
        default: {
          const active = clips[playhead.active];
          if (active) {
            const said = onAction?.(action, { active, frame: wanted[playhead.active] ?? 0 });
            if (said) setMessage(said);
          }
        }
      }
    },
    [clips, clocks, eventsFor, onAction, playhead, wanted],
  );
  useKeys(act);

  return (
    <div className="review-workspace" data-testid="review-workspace">
      <div className={`players players-${clips.length}`}>
        {clips.map((c, k) => (
          <Player
            key={c.recordingId + k}
            index={k}
            title={c.title}
            clip={c.clip}
            frame={wanted[k] ?? 0}
            active={playhead.active === k}
            onActivate={() => setPlayhead((p) => setActive(p, k, clips.length))}
            timeOf={(i) => c.table.times[i] ?? 0}
            overlay={(frame, size) => (
              <OverlayStage
                width={size.width}
                height={size.height}
                scale={size.scale}
                scene={buildScene(c.series?.frames[frame], c.view, toggles)}
              />
            )}
          />
        ))}
      </div>
      <TransportBar
        playhead={playhead}
        clocks={clocks}
        toggles={toggles}
        message={message}
        players={clips.length}
        onAction={act}
        onToggles={setToggles}
        onLocked={(locked) => setPlayhead((p) => setLocked(p, clocks, locked))}
        onSeek={(clipT) => setPlayhead((p) => seekClip(p, clocks, p.active, clipT))}
      />
    </div>
  );
}

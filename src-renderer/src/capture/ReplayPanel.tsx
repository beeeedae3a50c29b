import { useEffect, useMemo, useRef } from 'react';
import type { View } from '../../../src-shared/contract/recordings';

export interface ReplayClip {
  readonly view: View;
  readonly blob: Blob;
}

/**
 * Instant replay of the last take, from the bytes still in memory (nothing to wait for: the
 * library copy is still being made). Both views play together; Space or the button plays/pauses.
 */
export function ReplayPanel(props: {
  title: string;
  clips: readonly ReplayClip[];
  playing: boolean;
  onPlaying: (playing: boolean) => void;
}) {
  const urls = useMemo(
    () => props.clips.map((c) => ({ view: c.view, url: URL.createObjectURL(c.blob) })),
    [props.clips],
  );
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u.url)), [urls]);
  const videos = useRef(new Map<View, HTMLVideoElement>());
  const endedCount = useRef(0);

  useEffect(() => {
    endedCount.current = 0;
    for (const v of videos.current.values()) {
      if (props.playing) {
        if (v.ended) v.currentTime = 0;
        void v.play().catch(() => undefined);
      } else v.pause();
    }
  }, [props.playing, urls]);
  return (
    <section className="capture-replay" aria-label="Replay of the last take">
      <div className="capture-replay-head">
        <h2>Replay: {props.title}</h2>
        <button type="button" className="secondary" onClick={() => props.onPlaying(!props.playing)}>
          {props.playing ? 'Pause replay' : 'Play replay'}
        </button>
      </div>
      <div className="capture-replay-videos">
        {urls.map((u) => (
          <video
            key={u.url}
            src={u.url}
            preload="auto"
            muted
            playsInline
            aria-label={`${u.view} view, replay`}
            data-testid={`replay-${u.view}`}
            ref={(el) => {
              if (el) videos.current.set(u.view, el);
              else videos.current.delete(u.view);
            }}
            onEnded={() => {
              // Both views played to the end: the replay is over (Space plays it again).
              endedCount.current += 1;
              if (endedCount.current >= urls.length) props.onPlaying(false);
            }}
          />
        ))}
      </div>
    </section>
  );
}

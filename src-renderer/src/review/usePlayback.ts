/**
 * The playback clock: while playing, advance the playhead by the real time elapsed between animation
 * frames (times the rate). The frame shown is derived from the clock (`framesShown`), so a slow decode
 * skips frames instead of drifting.
 */
import { useEffect, type Dispatch, type SetStateAction } from 'react';
import { tick, type Playhead, type PlayerClock } from '../../../src-shared/review/playhead';

export function usePlayback(
  playing: boolean,
  clocks: readonly PlayerClock[],
  setPlayhead: Dispatch<SetStateAction<Playhead>>,
): void {
  useEffect(() => {
    if (!playing) return;
    let last: number | undefined;
    let handle = 0;
    const loop = (now: number): void => {
      if (last !== undefined) {
        // A hidden tab pauses rAF; do not jump seconds ahead when it comes back.
        const dt = Math.min(0.1, (now - last) / 1000);
        setPlayhead((p) => tick(p, clocks, dt));
      }
      last = now;
      handle = requestAnimationFrame(loop);
    };
    handle = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(handle);
  }, [playing, clocks, setPlayhead]);
}

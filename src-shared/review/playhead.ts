/**
 * The shared playhead of the review: one session clock that drives one or two players.
 *
 * Each player shows a clip whose time is `session time − offset − nudge`. `offset` is the alignment of
 * the clip with the session (stored by the sync step; 0 when unknown). `nudge` is what the PT moved a
 * player by hand while the players were free; locking the players again drops the nudges, so "locked"
 * always means "as aligned". Stepping moves by frames of the active player, so a step always shows the
 * next frame of the clip the PT is looking at, whatever the other clip's rate.
 *
 * All of it is plain data and pure functions: the UI feeds actions in and draws what comes out.
 */
import { seconds, type FrameIndex, type Seconds } from '../units';
import { frameAt } from '../media/timestamps';
import { clampIndex, timeOfFrame, type FrameTable } from './frames';

export interface PlayerClock {
  readonly table: FrameTable;
  /** Session time at which this clip's time is 0 (from the sync step; 0 when not aligned). */
  readonly offset: Seconds;
}

export interface LoopRange {
  readonly start: Seconds;
  readonly end: Seconds;
  readonly kind: 'step' | 'stride';
}

export interface Playhead {
  /** Session time. */
  readonly t: Seconds;
  readonly playing: boolean;
  /** Playback rate, one of PLAYBACK_RATES. */
  readonly rate: number;
  readonly locked: boolean;
  /** Per player: extra shift while free (session seconds). */
  readonly nudges: readonly Seconds[];
  /** The player that keys and steps act on. */
  readonly active: number;
  readonly loop?: LoopRange;
}

/**
 * Slow motion from 0.05x to 2x (the range). Steps double or halve roughly, as Kinovea's speed
 * slider does at its common stops, so `-` three times from 1x reaches a speed that shows one frame of a
 * 30 fps clip every ~0.25 s (0.125x).
 */
export const PLAYBACK_RATES = [0.05, 0.1, 0.125, 0.25, 0.5, 0.75, 1, 1.5, 2] as const;

export function initialPlayhead(players: number, locked = true): Playhead {
  return {
    t: seconds(0),
    playing: false,
    rate: 1,
    locked,
    nudges: Array.from({ length: players }, () => seconds(0)),
    active: 0,
  };
}

/** Clip time of player k at session time t. */
export function clipTime(p: Playhead, clocks: readonly PlayerClock[], k: number, t: number = p.t): Seconds {
  const c = clocks[k];
  if (!c) throw new Error(`No player ${k}.`);
  return seconds(t - c.offset - (p.nudges[k] ?? 0));
}

/** The frame each player should show now. */
export function framesShown(p: Playhead, clocks: readonly PlayerClock[]): FrameIndex[] {
  return clocks.map((c, k) => frameAt(c.table.times, clipTime(p, clocks, k)));
}

/** Session time at which player k shows frame i. */
export function sessionTimeOfFrame(
  p: Playhead,
  clocks: readonly PlayerClock[],
  k: number,
  i: number,
): Seconds {
  const c = clocks[k]!;
  return seconds(timeOfFrame(c.table, i) + c.offset + (p.nudges[k] ?? 0));
}

/** The session interval in which at least one player has frames. */
export function sessionSpan(p: Playhead, clocks: readonly PlayerClock[]): { start: Seconds; end: Seconds } {
  let start = Infinity;
  let end = -Infinity;
  clocks.forEach((c, k) => {
    const shift = c.offset + (p.nudges[k] ?? 0);
    start = Math.min(start, c.table.times[0]! + shift);
    end = Math.max(end, c.table.end + shift);
  });
  return { start: seconds(start), end: seconds(end) };
}

/** Move the active player `delta` frames (Shift+arrow: 10). Stepping pauses playback. */
export function step(p: Playhead, clocks: readonly PlayerClock[], delta: number): Playhead {
  const k = p.active;
  const table = clocks[k]!.table;
  const target = clampIndex(table, frameAt(table.times, clipTime(p, clocks, k)) + delta);
  return moveActiveTo(p, clocks, sessionTimeOfFrame(p, clocks, k, target), false);
}

/**
 * Put the active player at session time t. Locked: every player follows. Free: only the active
 * player moves (its nudge absorbs the change), the others stay on their frames.
 */
export function moveActiveTo(
  p: Playhead,
  clocks: readonly PlayerClock[],
  t: number,
  playing = p.playing,
): Playhead {
  if (p.locked || clocks.length < 2) return { ...p, t: seconds(t), playing };
  const k = p.active;
  const nudges = p.nudges.map((n, j) => (j === k ? seconds(n - (t - p.t)) : n));
  // In free mode the session clock stays where it is; the active player's own time moves by t − p.t.
  return { ...p, nudges, playing };
}

/** Seek so that player k shows the frame covering its clip time `clipT` (click on a curve, a step row). */
export function seekClip(p: Playhead, clocks: readonly PlayerClock[], k: number, clipT: number): Playhead {
  const frame = frameAt(clocks[k]!.table.times, clipT);
  const target = sessionTimeOfFrame(p, clocks, k, frame);
  return moveActiveTo({ ...p, active: k }, clocks, target, false);
}

export function setRate(p: Playhead, direction: 1 | -1): Playhead {
  const i = PLAYBACK_RATES.findIndex((r) => r >= p.rate - 1e-9);
  const at = i < 0 ? PLAYBACK_RATES.length - 1 : i;
  const next = Math.min(PLAYBACK_RATES.length - 1, Math.max(0, at + direction));
  return { ...p, rate: PLAYBACK_RATES[next]! };
}

/**
 * Play or pause. Pausing snaps the clock to the start of the frame the active player shows, so the
 * frame number on screen, the clock and the next step all agree. Playing from the very end restarts.
 */
export function togglePlay(p: Playhead, clocks: readonly PlayerClock[]): Playhead {
  if (p.playing) return pause(p, clocks);
  const span = p.loop ?? sessionSpan(p, clocks);
  const lastStart = lastFrameStart(p, clocks);
  const atEnd = p.loop ? p.t >= span.end : p.t >= lastStart - 1e-9;
  return { ...p, playing: true, t: atEnd ? span.start : p.t };
}

export function pause(p: Playhead, clocks: readonly PlayerClock[]): Playhead {
  const k = p.active;
  const frame = frameAt(clocks[k]!.table.times, clipTime(p, clocks, k));
  return { ...p, playing: false, t: sessionTimeOfFrame(p, clocks, k, frame) };
}

function lastFrameStart(p: Playhead, clocks: readonly PlayerClock[]): Seconds {
  let last = -Infinity;
  clocks.forEach((c, k) => {
    last = Math.max(last, c.table.times[c.table.times.length - 1]! + c.offset + (p.nudges[k] ?? 0));
  });
  return seconds(last);
}

/**
 * Advance the clock by `wallDt` seconds of real time at the current rate. Inside a loop the clock
 * wraps to the loop start; otherwise it stops on the last frame. The frame shown is `frameAt` of the
 * new time: when the display cannot keep up, frames are skipped, never shown late with a wrong label.
 */
export function tick(p: Playhead, clocks: readonly PlayerClock[], wallDt: number): Playhead {
  if (!p.playing || !(wallDt > 0)) return p;
  const t = p.t + wallDt * p.rate;
  if (p.loop) {
    const len = p.loop.end - p.loop.start;
    if (t >= p.loop.end) return { ...p, t: seconds(p.loop.start + ((t - p.loop.end) % len)) };
    return { ...p, t: seconds(t) };
  }
  const last = lastFrameStart(p, clocks);
  const end = sessionSpan(p, clocks).end;
  if (t >= end) return pause({ ...p, t: last }, clocks);
  return { ...p, t: seconds(t) };
}

/** Lock or free the players. Locking drops hand nudges: back to the stored alignment. */
export function setLocked(p: Playhead, clocks: readonly PlayerClock[], locked: boolean): Playhead {
  if (locked === p.locked) return p;
  if (!locked) return { ...p, locked };
  // Keep the active player on its frame: the session clock takes its nudge.
  const k = p.active;
  const t = seconds(p.t - (p.nudges[k] ?? 0));
  return { ...p, locked, t, nudges: clocks.map(() => seconds(0)) };
}

export function setActive(p: Playhead, k: number, players: number): Playhead {
  return { ...p, active: Math.min(players - 1, Math.max(0, k)) };
}

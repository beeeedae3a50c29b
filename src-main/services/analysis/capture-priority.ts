import { availableParallelism } from 'node:os';
import { onCaptureActivity } from '../capture/store';

/**
 * Capture has priority over analysis (issue 16 item 5): while a take records, the queue runs at most
 * `captureSlots()` pose runs and holds the others between two frames (engine-session.ts RunHold),
 * starting nothing new; when the take ends they go on where they stopped. Why not pause everything:
 * the previous condition's numbers should be ready before the next take ends (issue 16), so one run
 * goes on beside the recorder. Why half the cores: a pose run keeps about one core busy (its model
 * on one thread, decoding on another, docs/pose-engine.md), and the recorder's encoders need the rest
 * (test/e2e/capture-analysis.e2e.test.ts checks the frames the cameras deliver with a run going on).
 *
 * The run that goes on yields at the operating system's level too: the pose engine's processes run
 * below the app (process/priority.ts, 'analysis'), and the review proxies below them ('transcode'),
 * so within a core the recorder's page and the server that stores its chunks come first. The queue's
 * hold decides how many runs go on; the priority, who gets the core when they meet.
 */
export const captureSlots = (cores = availableParallelism()): number => Math.max(1, Math.floor(cores / 2));

/**
 * A take whose page went away without stopping stays "recording" until the server restarts (its
 * folder is recovered then); after this long without a chunk (one a second per camera while it
 * records, docs/capture.md) the queue stops yielding to it.
 */
export const CAPTURE_QUIET_MS = 15_000;

export interface CaptureWatch {
  readonly capturing: () => boolean;
  readonly close: () => void;
}

/** Follows the takes being recorded; `onChange` when capture starts or stops. */
export function watchCapture(
  onChange: (capturing: boolean) => void,
  quietMs = CAPTURE_QUIET_MS,
): CaptureWatch {
  let capturing = false;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const set = (next: boolean): void => {
    if (next === capturing) return;
    capturing = next;
    onChange(capturing);
  };
  const off = onCaptureActivity((takes) => {
    clearTimeout(quiet);
    set(takes > 0);
    if (takes > 0) quiet = setTimeout(() => set(false), quietMs);
  });
  return {
    capturing: () => capturing,
    close: () => {
      clearTimeout(quiet);
      off();
    },
  };
}

export interface CaptureYield {
  /** Runs at once: all the queue may run, or captureSlots() while a take records. */
  readonly room: () => number;
  /**
   * Hold or release the running jobs for the capture state now: while a take records, the runs
   * started first go on (room()) and the others are held between two frames; when the take ends
   * every run goes on where it stopped. `onHeld` for each run whose hold changed.
   */
  readonly apply: () => void;
  readonly close: () => void;
}

interface Holdable {
  readonly startedAt: number;
  readonly hold: { readonly held: boolean; set(held: boolean): void };
}

/** The queue's side of capture priority: `onCapture` when a take starts or stops (start what fits). */
export function createCaptureYield<R extends Holdable>(deps: {
  readonly concurrency: number;
  readonly runs: () => Iterable<R>;
  readonly onHeld: (run: R) => void;
  readonly onCapture: () => void;
}): CaptureYield {
  const room = (): number =>
    watch.capturing() ? Math.min(deps.concurrency, captureSlots()) : deps.concurrency;
  const apply = (): void => {
    const slots = room();
    [...deps.runs()]
      .sort((a, b) => a.startedAt - b.startedAt)
      .forEach((r, i) => {
        if (r.hold.held === i >= slots) return;
        r.hold.set(i >= slots);
        deps.onHeld(r);
      });
  };
  const watch = watchCapture(() => {
    apply();
    deps.onCapture();
  });
  return { room, apply, close: watch.close };
}

/**
 * The analysis queue's time left and progress bar (docs/analysis-queue.md, "Time left"): pure maths
 * over progress samples, so that what a PT reads neither jumps about nor grows while work advances,
 * and still changes when the work itself changes (a second pass decided, the PC slowed down). The one
 * estimate of pose time left: the app's queue, the `pose:progress` event and the CLI all read it
 * (src-main/services/pose/time-left.ts samples every pose run of the process into it).
 *
 * - The rate (`rate.ts`) is the queue's, not each run's own: frames per second per core in use, from
 *   the frames of each batch as it lands over the CPU time it took up to its landing, exponentially
 *   weighted over elapsed time. A rate per batch arrival, or per fixed interval, swings with the
 *   engine's batches; a run's own average since its start falls when a second run takes its share
 *   of the CPU and restarts with every engine start.
 * - Clips share the CPU (`finishTimes`): n runs on c cores go at min(n, c) / n of a core each
 *   (processor sharing), so a run that has started but not yet detected a frame already counts, and
 *   two clips side by side end about together rather than one after the other. On 2 cores a run
 *   alone and each of two go at about the same pace (13.3 frames/s alone, 10.9–12.8 each of two,
 *   docs/analysis-queue.md "On a quiet machine"): a run's decoder uses little of the other core.
 * - What is shown counts down between estimates and follows a new estimate only when it differs by
 *   more than SHOWN_TOLERANCE (`steadyShown`): rounding noise does not move it, a real change does.
 * - The bar (`advanceBar`) never goes back: work planned mid-run (the second pass on the runner's
 *   region) shares out what is left of the bar.
 */

import { framesInHand, observeRate, stableRate, NO_RATE, type RateState } from './rate';

export interface PlannedJob {
  readonly id: string;
  readonly framesLeft: number;
}

/**
 * Seconds from now until each job is done: the running ones and then the waiting ones in order,
 * at most `slots` at once, sharing `cores` cores at `perCore` frames/s each (processor sharing: n
 * runs go at perCore × min(n, cores) / n each). Engine starts (a few seconds a run) are not counted.
 */
export function finishTimes(
  running: readonly PlannedJob[],
  waiting: readonly PlannedJob[],
  opts: { readonly slots: number; readonly cores: number; readonly perCore: number },
): Map<string, number> {
  const out = new Map<string, number>();
  const queue = [...waiting];
  const going = running.map((j) => ({ id: j.id, left: Math.max(0, j.framesLeft) }));
  const fill = (): void => {
    while (queue.length > 0 && going.length < Math.max(1, opts.slots)) {
      const j = queue.shift()!;
      going.push({ id: j.id, left: Math.max(0, j.framesLeft) });
    }
  };
  fill();
  let now = 0;
  while (going.length > 0) {
    const each = (opts.perCore * Math.min(going.length, Math.max(1, opts.cores))) / going.length;
    const next = Math.min(...going.map((j) => j.left));
    now += next / each;
    for (const j of going) j.left -= next;
    for (const j of going.filter((g) => g.left <= 1e-9)) {
      out.set(j.id, now);
      going.splice(going.indexOf(j), 1);
    }
    fill();
  }
  return out;
}

export interface Shown {
  readonly seconds: number;
  /** When it was shown, seconds on the clock the estimates use. */
  readonly at: number;
}

/** A new estimate replaces the countdown only when they differ by more than this share or … */
export const SHOWN_TOLERANCE = 0.2;
/** … these seconds, whichever is more: less than the "about 5 s" rounding of the words shown. */
export const SHOWN_TOLERANCE_S = 5;

/** Within the tolerance, the countdown is drawn towards the estimate with this time constant. */
export const SHOWN_CATCH_UP_S = 5;

/**
 * What to show at `t`: while the estimate agrees with the last shown time counted down within the
 * tolerance, that countdown drawn towards the estimate (weight 1 − e^(−Δt/SHOWN_CATCH_UP_S)) but
 * never above what was shown before: an estimate above it slows the countdown rather than raising
 * it, so an early estimate that was low is made good without a rise. Else the estimate (the work
 * grew, or the PC slowed down or sped up: said, not hidden).
 */
export function steadyShown(prev: Shown | null, estimate: number, t: number): Shown {
  if (prev) {
    const countdown = Math.max(0, prev.seconds - (t - prev.at));
    const gap = estimate - countdown;
    if (Math.abs(gap) <= Math.max(SHOWN_TOLERANCE_S, SHOWN_TOLERANCE * countdown)) {
      const drawn = countdown + gap * (1 - Math.exp(-(t - prev.at) / SHOWN_CATCH_UP_S));
      return { seconds: Math.min(prev.seconds, drawn), at: t };
    }
  }
  return { seconds: Math.max(0, estimate), at: t };
}

export interface BarState {
  readonly shown: number;
  /** Where the bar was, and the frames done, when the planned work last changed. */
  readonly from: number;
  readonly fromDone: number;
  readonly total: number;
}

/**
 * The bar (0..1) after `done` of `total` frames. When `total` changes (a second pass planned), what
 * is left of the bar is shared over what is left of the work from there, so it never goes back and
 * reaches 1 with the last frame.
 */
export function advanceBar(prev: BarState | null, done: number, total: number): BarState {
  const rebased = prev !== null && prev.total !== total;
  const from = rebased ? prev.shown : (prev?.from ?? 0);
  const fromDone = rebased ? done : (prev?.fromDone ?? 0);
  const left = total - fromDone;
  const fraction = left > 0 ? from + (1 - from) * ((done - fromDone) / left) : 1;
  const shown = Math.min(1, Math.max(prev?.shown ?? 0, fraction));
  return { shown, from, fromDone, total };
}

/**
 * A session's (or any group's) time left: the last of its clips to finish, since they run in one
 * queue; null while any is still estimating.
 */
export function groupSecondsLeft(left: readonly (number | null)[]): number | null {
  if (left.length === 0) return 0;
  return left.every((s): s is number => s !== null) ? Math.max(...left) : null;
}

/** The queue's estimate between samples: the rate, and what each running clip was last shown. */
export interface QueueEstimate {
  readonly rate: RateState;
  readonly shown: ReadonlyMap<string, Shown>;
}

export const NO_ESTIMATE: QueueEstimate = { rate: NO_RATE, shown: new Map() };

export interface RunProgress {
  readonly id: string;
  readonly framesDone: number;
  /** Frames of every pass planned so far (a second pass, once decided, counts). */
  readonly totalFrames: number;
  /** Held while a capture take records: it waits its turn, using no CPU, so no rate is read from it. */
  readonly held?: boolean;
  /** Its engine (re)started since the last sample (a part, a second pass): start-up, not pace. */
  readonly restarted?: boolean;
}

/**
 * The queue after a sample at `t` of the runs going (all of one model: the rate is the model's):
 * the rate updated, and each run's time left as shown, or none while the rate is not stable.
 */
export function sampleQueue(
  prev: QueueEstimate,
  t: number,
  runs: readonly RunProgress[],
  opts: { readonly slots: number; readonly cores: number },
): QueueEstimate {
  const rate = observeRate(
    prev.rate,
    t,
    runs.filter((r) => !r.held),
    opts.cores,
  );
  const perCore = stableRate(rate);
  const shown = new Map<string, Shown>();
  if (perCore !== null) {
    // A run whose frames are not known yet (its clip still being opened) is left out: estimating.
    const plan = runs
      .filter((r) => r.totalFrames > 0)
      .map((r) => ({
        id: r.id,
        framesLeft: r.totalFrames - r.framesDone - framesInHand(rate, r.id, perCore),
      }));
    for (const [id, s] of finishTimes(plan, [], { ...opts, perCore }))
      shown.set(id, steadyShown(prev.shown.get(id) ?? null, s, t));
  }
  return { rate, shown };
}

/**
 * "about 40 s" / "about 2 min": a wait estimate a PT can read at a glance, in
 * the same words on the session page and in the CLI; until the queue's rate is
 * stable (a few seconds into the first run), it says so rather than guess.
 */
export function aboutTime(seconds: number | null): string {
  if (seconds === null) return 'estimating the time left';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds / 5) * 5)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

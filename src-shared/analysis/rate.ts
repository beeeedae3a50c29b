/**
 * The pose rate the time left rests on (docs/analysis-queue.md, "Time left"): frames per second per
 * core in use, over every run of a model going, smoothed over elapsed time.
 *
 * Method: frames are counted when they land and the CPU time they took is counted up to their
 * landing, never past it. The pose engine sends its frames in batches (15–24 frames, one every 1–2 s
 * at 2 cores' rates), so a rate read over fixed intervals, or from one batch to the next, swings
 * between nothing and two batches and the time left it gives jumps by 5–10 s. Here each run keeps a
 * clock: the core-seconds it was given since its last batch landed (its share of the cores in every
 * interval: processor sharing, min(n, c) / n for n runs on c cores, a run still loading its model
 * included). When a batch lands, its frames and those core-seconds are added to two sums that decay
 * exponentially with elapsed time (time constant RATE_TIME_CONSTANT_S, weight e^(−Δt/τ) on what came
 * Δt seconds before); the rate is their ratio. Between landings nothing moves, so at a steady
 * throughput the rate is the true one whatever the batches' size or phase, and a slowdown shows as
 * batches landing further apart within about one time constant.
 *
 * A run's first batch after its engine starts (the model load, the decoder's first seek, a second
 * pass's load) starts its clock and is not counted: that time is start-up, not the pace of frames.
 */

/** One run going at a sample. */
export interface RunSample {
  readonly id: string;
  /** Frames landed so far, over all its passes. */
  readonly framesDone: number;
  /** Its engine (re)started since the last sample: its next batch starts its clock again. */
  readonly restarted?: boolean;
}

interface RunClock {
  /** Frames landed when its clock last moved on. */
  readonly done: number;
  /** Core-seconds given to it since then. */
  readonly coreS: number;
  /** False until a batch has landed since its engine started: that batch is start-up. */
  readonly timed: boolean;
  /** Frames of its last landing: the engine holds fewer than this before it sends them. */
  readonly batch: number;
  /** When its clock last moved on. */
  readonly since: number;
}

export interface RateState {
  /** Frames per second per core in use, smoothed; null before any batch was timed. */
  readonly perCore: number | null;
  /** The exponentially weighted sums the rate is the ratio of. */
  readonly frames: number;
  readonly coreS: number;
  /** Weighted the same way: timed landings, and the seconds between a run's landings. */
  readonly landings: number;
  readonly gapS: number;
  /** Core-seconds and number of timed batches in all: under the RATE_STABLE_* it says "estimating". */
  readonly observedS: number;
  readonly observedBatches: number;
  /** The last timed landing's own rate, to tell a settled rate from one still moving. */
  readonly lastSample: number | null;
  /** Once settled, it stays so: one slow batch does not bring back "estimating". */
  readonly settled: boolean;
  /** The last sample's time; null while the model runs nothing. */
  readonly at: number | null;
  readonly runs: ReadonlyMap<string, RunClock>;
}

/** The weighting's time constant: several of the engine's batches, short enough to follow a slowdown … */
export const RATE_TIME_CONSTANT_S = 10;
/** … or the time this many batches take to land (of all runs) where that is longer (a slow PC). */
export const RATE_BATCHES = 4;
/** Core-seconds of timed batches before an estimate is shown rather than "estimating" … */
export const RATE_STABLE_AFTER_S = 6;
/** … over at least this many batches (on a slow PC one batch can take 6 s: one pace is no rate) … */
export const RATE_STABLE_BATCHES = 3;
/** … and the last landing's rate within this share of the smoothed one (start-up has passed). */
export const RATE_SETTLED = 0.15;

export const NO_RATE: RateState = {
  perCore: null,
  frames: 0,
  coreS: 0,
  landings: 0,
  gapS: 0,
  observedS: 0,
  observedBatches: 0,
  lastSample: null,
  settled: false,
  at: null,
  runs: new Map(),
};

/**
 * The rate after a sample at `t` seconds (any monotonic clock) of the runs going on `cores` cores.
 * A run held for a capture uses no CPU: the caller leaves it out (its clock starts again on return).
 */
export function observeRate(
  state: RateState,
  t: number,
  runs: readonly RunSample[],
  cores: number,
): RateState {
  if (runs.length === 0) return { ...state, at: null, runs: new Map() };
  const dt = state.at === null ? 0 : Math.max(0, t - state.at);
  // The runs going through the interval shared the cores (a run new at this sample was not going).
  const through = runs.filter((r) => state.runs.has(r.id)).length;
  const share = through > 0 ? Math.min(through, Math.max(1, cores)) / through : 0;
  // The floor: RATE_BATCHES landings of all the runs going (each run's mean time between its
  // landings over the runs timing their batches), so two runs' batches count together.
  const timing = [...state.runs.values()].filter((c) => c.timed).length;
  const tau = Math.max(
    RATE_TIME_CONSTANT_S,
    state.landings > 0 && timing > 0 ? (RATE_BATCHES * state.gapS) / state.landings / timing : 0,
  );
  const decay = Math.exp(-dt / tau);
  let frames = state.frames * decay;
  let coreS = state.coreS * decay;
  let landings = state.landings * decay;
  let gapS = state.gapS * decay;
  let observedS = state.observedS;
  let observedBatches = state.observedBatches;
  let lastSample = state.lastSample;
  let timed = false;
  const clocks = new Map<string, RunClock>();
  for (const r of runs) {
    const clock = state.runs.get(r.id);
    if (!clock || r.restarted || r.framesDone < clock.done) {
      clocks.set(r.id, { done: r.framesDone, coreS: 0, timed: false, batch: 0, since: t });
      continue;
    }
    const spent = clock.coreS + dt * share;
    if (r.framesDone === clock.done) {
      clocks.set(r.id, { ...clock, coreS: spent });
      continue;
    }
    if (clock.timed && spent > 0) {
      const landed = r.framesDone - clock.done;
      frames += landed;
      coreS += spent;
      landings += 1;
      gapS += t - clock.since;
      observedS += spent;
      observedBatches += 1;
      lastSample = landed / spent;
      timed = true;
    }
    clocks.set(r.id, {
      done: r.framesDone,
      coreS: 0,
      timed: true,
      batch: r.framesDone - clock.done,
      since: t,
    });
  }
  const perCore = coreS > 0 ? frames / coreS : null;
  const settled =
    state.settled ||
    (timed &&
      perCore !== null &&
      lastSample !== null &&
      observedS >= RATE_STABLE_AFTER_S &&
      observedBatches >= RATE_STABLE_BATCHES &&
      Math.abs(lastSample - perCore) <= RATE_SETTLED * perCore);
  return {
    perCore,
    frames,
    coreS,
    landings,
    gapS,
    observedS,
    observedBatches,
    lastSample,
    settled,
    at: t,
    runs: clocks,
  };
}

/** The rate to estimate with, or null while it rests on too little work ("estimating"). */
export function stableRate(state: RateState): number | null {
  return state.settled && state.perCore !== null && state.perCore > 0 ? state.perCore : null;
}

/**
 * Frames a run has most likely detected but not sent yet: the rate times the core-seconds it was
 * given since its last batch landed, at most one batch (the engine would have sent a whole one).
 * Counting them lets the time left fall between landings as the work does, instead of holding still
 * for a batch's time and dropping at its landing; a run that stalls stops falling after one batch.
 */
export function framesInHand(state: RateState, id: string, perCore: number): number {
  const clock = state.runs.get(id);
  return clock?.timed ? Math.min(clock.batch, clock.coreS * perCore) : 0;
}

import { describe, expect, it } from 'vitest';
import { createPrng } from '../gait/synthetic/prng';
import {
  advanceBar,
  finishTimes,
  groupSecondsLeft,
  NO_ESTIMATE,
  sampleQueue,
  SHOWN_TOLERANCE,
  SHOWN_TOLERANCE_S,
  type BarState,
  type QueueEstimate,
} from './time-left';
import { RATE_BATCHES, RATE_STABLE_AFTER_S, RATE_STABLE_BATCHES, RATE_TIME_CONSTANT_S } from './rate';

/**
 * After the cores halve their speed, the shown time goes up (the PT is told) within this many of the
 * rate's time constants at the pace before (10 s, or 4 batch intervals on a slow PC) …
 */
const SLOWDOWN_SAID = 2;
/** … and is within the words' tolerance of the truth from this many on. */
const SLOWDOWN_SETTLED = 4;

/** A job of the generated queue: starts at `startS`, loads its model for `loadS`, then detects. */
interface Spec {
  readonly id: string;
  readonly startS: number;
  readonly frames: number;
  /** A second pass of `frames` more, decided when the first ends, after another model load. */
  readonly secondPass?: boolean;
}

interface Trace {
  /** Per sample: the time, and per running job its shown time left (null: estimating) and bar. */
  readonly samples: {
    t: number;
    jobs: Map<string, { shown: number | null; bar: number; total: number }>;
  }[];
  /** When each job's last frame landed. */
  readonly endS: Map<string, number>;
}

interface PlayOptions {
  /** Seconds each engine start loads its model (a share of the CPU, no frames). */
  readonly loadS?: number;
  /** Frames the engine sends at once (pose-engine worker's batchSize: 15; 24 seen in the e2e). */
  readonly batch?: number;
  /** Seeded noise: each batch's pace within ±`pace` of the mean, each landing late by 0..`lateS`. */
  readonly seed?: number;
  readonly pace?: number;
  readonly lateS?: number;
  /** From `atS` on the cores go `factor` times as fast (another program took the CPU). */
  readonly slowdown?: { readonly atS: number; readonly factor: number };
}

/**
 * Plays a queue on `cores` cores where each core detects `perCore` frames/s, shared equally by the
 * runs going (a run loading its model takes its share too). Frames land in whole batches, as the
 * engine sends them; the queue's status samples at every landing and every 0.5 s (status.ts's timer).
 */
function play(specs: readonly Spec[], cores: number, perCore: number, o: PlayOptions = {}): Trace {
  const dt = 0.05;
  const loadS = o.loadS ?? 2;
  const batch = o.batch ?? 24;
  const rnd = createPrng(o.seed ?? 1);
  const noise = (): number => 1 + (o.pace ?? 0) * (2 * rnd.next() - 1);
  const jobs = specs.map((s) => ({
    ...s,
    total: s.frames,
    work: 0,
    pace: noise(),
    loadLeft: loadS,
    landed: 0,
    due: [] as { at: number; frames: number }[],
    restarted: false,
    ended: false,
    bar: null as BarState | null,
  }));
  let est: QueueEstimate = NO_ESTIMATE;
  const samples: Trace['samples'] = [];
  const endS = new Map<string, number>();
  for (let i = 0; i < 200000 && endS.size < jobs.length; i++) {
    const t = i * dt;
    const speed = o.slowdown && t >= o.slowdown.atS ? o.slowdown.factor : 1;
    const going = jobs.filter((j) => j.startS <= t && !j.ended);
    const each = (speed * perCore * Math.min(going.length, cores)) / Math.max(1, going.length);
    let landing = false;
    for (const j of going) {
      if (j.loadLeft > 0) {
        j.loadLeft -= dt;
        // The engine says it opened once its model is loaded (run.ts passes it on as `restarted`).
        if (j.loadLeft <= 0 && j.total > j.frames) j.restarted = true;
      } else {
        const before = Math.floor(j.work / batch);
        j.work = Math.min(j.total, j.work + each * j.pace * dt);
        if (Math.floor(j.work / batch) > before) j.pace = noise();
        const sent = j.work >= j.total ? j.total : Math.floor(j.work / batch) * batch;
        const queued = j.due.length ? j.due[j.due.length - 1]!.frames : j.landed;
        if (sent > queued) j.due.push({ at: t + (o.lateS ?? 0) * rnd.next(), frames: sent });
      }
      while (j.due.length && j.due[0]!.at <= t) {
        j.landed = j.due.shift()!.frames;
        landing = true;
      }
      if (j.landed >= j.total && j.work >= j.total) {
        if (j.secondPass && j.total === j.frames) {
          j.total = 2 * j.frames;
          j.loadLeft = loadS;
        } else {
          j.ended = true;
          endS.set(j.id, t);
        }
      }
    }
    if (!landing && i % 10 !== 0) continue;
    const runs = going.map((j) => ({
      id: j.id,
      framesDone: j.landed,
      totalFrames: j.total,
      ...(j.restarted ? { restarted: true } : {}),
    }));
    for (const j of going) j.restarted = false;
    est = sampleQueue(est, t, runs, { slots: cores, cores });
    const row = new Map<string, { shown: number | null; bar: number; total: number }>();
    for (const r of runs) {
      const j = jobs.find((x) => x.id === r.id)!;
      j.bar = advanceBar(j.bar, r.framesDone, r.totalFrames);
      row.set(r.id, { shown: est.shown.get(r.id)?.seconds ?? null, bar: j.bar.shown, total: r.totalFrames });
    }
    samples.push({ t, jobs: row });
  }
  return { samples, endS };
}

/** Every rise of a job's shown time left between two samples, with the sample's time. */
function rises(trace: Trace, id: string): { t: number; by: number }[] {
  const out: { t: number; by: number }[] = [];
  let prev: number | null = null;
  for (const s of trace.samples) {
    const shown = s.jobs.get(id)?.shown ?? null;
    if (shown !== null && prev !== null && shown > prev + 1e-9) out.push({ t: s.t, by: shown - prev });
    if (shown !== null) prev = shown;
  }
  return out;
}

/**
 * How far the shown time left strays from the time the job really took beyond what the display
 * allows (SHOWN_TOLERANCE of it, at least SHOWN_TOLERANCE_S): 0 when always within.
 */
function worstError(trace: Trace, id: string, fromS = 0): number {
  const end = trace.endS.get(id)!;
  let worst = 0;
  for (const s of trace.samples) {
    const shown = s.jobs.get(id)?.shown ?? null;
    if (shown === null || s.t < fromS) continue;
    const truth = end - s.t;
    worst = Math.max(worst, Math.abs(shown - truth) - Math.max(SHOWN_TOLERANCE_S, SHOWN_TOLERANCE * truth));
  }
  return worst;
}

describe('time left at a steady rate', () => {
  const trace = play([{ id: 'a', startS: 0, frames: 600 }], 2, 10);

  it('says nothing (estimating) until the rate rests on enough work, then counts down', () => {
    const first = trace.samples.find((s) => s.jobs.get('a')?.shown !== null)!;
    // The model's load (2 s), the first batch (2.4 s: start-up, not timed), then
    // RATE_STABLE_AFTER_S of timed batches, whole ones (2.4 s each), RATE_STABLE_BATCHES at least.
    const timed = Math.max(RATE_STABLE_AFTER_S, 2.4 * RATE_STABLE_BATCHES);
    // Less a step of the generator (0.05 s): a batch lands on the step its last frame is done in.
    expect(first.t).toBeGreaterThanOrEqual(2 + 2.4 + timed - 0.05);
    expect(first.t).toBeLessThanOrEqual(2 + 2.4 + timed + 2.4);
    expect(rises(trace, 'a')).toEqual([]);
  });

  it('is within the rounding of the words shown of the true time left', () => {
    expect(trace.endS.get('a')).toBeCloseTo(62, 0); // 2 s load + 600 frames at 10 frames/s
    expect(worstError(trace, 'a')).toBe(0);
  });
});

/**
 * Generated runs with frames landing in batches. Seeds 1-20 (900 frames at 11 frames/s a core) and
 * 101-140 were looked at while the method was chosen (the time constant kept at 10 s: 6 and 8 s
 * follow a slowdown sooner on seeds 1-20 but missed it on seed 128). Seeds 201-240 were held out
 * until then; one of them (214, 4.7 frames/s, a batch every 5 s) rose once by 45 s, which led to the
 * floor of 4 batch intervals on the time constant, so they count as looked at too. Seeds 301-340 were
 * first run with the method as it is. Seeds over 100 each draw their own rate (4-14 frames/s a core),
 * clip (600-1500 frames) and model load (1-4 s). Each batch's pace is within ±15 % of the mean, each
 * landing up to 0.4 s late (the main process busy), batches of 15 or 24 frames.
 */
const seedsFrom = (first: number, n: number): number[] => Array.from({ length: n }, (_, i) => first + i);
const LOOKED_AT = [...seedsFrom(1, 20), ...seedsFrom(101, 40), ...seedsFrom(201, 40)];
const HELD_OUT = seedsFrom(301, 40);

/** A generated run, and the rate's time constant at its pace: 10 s or 4 batch intervals (rate.ts). */
function batchyRun(seed: number, slowdown?: PlayOptions['slowdown']): { trace: Trace; tauS: number } {
  const drawn = seed > 100;
  const draw = createPrng(seed * 7919);
  const perCore = drawn ? 4 + 10 * draw.next() : 11;
  const frames = drawn ? Math.round(600 + 900 * draw.next()) : 900;
  const loadS = drawn ? 1 + 3 * draw.next() : 2;
  const batch = seed % 2 ? 15 : 24;
  const trace = play([{ id: 'a', startS: 0, frames }], 2, perCore, {
    seed,
    loadS,
    batch,
    pace: 0.15,
    lateS: 0.4,
    ...(slowdown ? { slowdown } : {}),
  });
  return { trace, tauS: Math.max(RATE_TIME_CONSTANT_S, (RATE_BATCHES * batch) / perCore) };
}

/** Seconds after `atS` from which the shown time stays within the words' tolerance of the truth. */
function settledAfter(trace: Trace, id: string, atS: number): number {
  const end = trace.endS.get(id)!;
  let last = atS;
  for (const s of trace.samples) {
    const shown = s.jobs.get(id)?.shown ?? null;
    if (shown === null || s.t < atS) continue;
    const truth = end - s.t;
    if (Math.abs(shown - truth) > Math.max(SHOWN_TOLERANCE_S, SHOWN_TOLERANCE * truth)) last = s.t;
  }
  return last - atS;
}

describe('frames landing in batches (the engine sends 15-24 at once)', () => {
  for (const [name, seeds] of [
    ['looked-at', LOOKED_AT],
    ['held-out', HELD_OUT],
  ] as const) {
    it(`${name} seeds: never rises at a steady throughput, and stays within the words' tolerance`, () => {
      for (const seed of seeds) {
        const { trace } = batchyRun(seed);
        expect(rises(trace, 'a'), `seed ${seed}`).toEqual([]);
        expect(worstError(trace, 'a'), `seed ${seed}`).toBe(0);
      }
    });

    it(`${name} seeds: says a real slowdown (the cores at half speed) within ${SLOWDOWN_SAID} time constants, right within ${SLOWDOWN_SETTLED}`, () => {
      for (const seed of seeds) {
        // Halfway through the clip, well after the estimate settled.
        const atS = batchyRun(seed).trace.endS.get('a')! / 2;
        const { trace, tauS } = batchyRun(seed, { atS, factor: 0.5 });
        const up = rises(trace, 'a');
        // Said, not hidden: the time left goes up, and from then on keeps within the tolerance.
        expect(up[0]!.t - atS, `seed ${seed}`).toBeLessThanOrEqual(SLOWDOWN_SAID * tauS);
        expect(settledAfter(trace, 'a', atS), `seed ${seed}`).toBeLessThanOrEqual(SLOWDOWN_SETTLED * tauS);
      }
    });
  }

  it('two clips on one core, the second 3 s later (the walk): neither rises', () => {
    for (const seed of LOOKED_AT.slice(0, 5)) {
      const trace = play(
        [
          { id: 'a', startS: 0, frames: 360 },
          { id: 'b', startS: 3, frames: 360 },
        ],
        1,
        12,
        { seed, pace: 0.15, lateS: 0.4 },
      );
      expect(rises(trace, 'a'), `seed ${seed}`).toEqual([]);
      expect(rises(trace, 'b'), `seed ${seed}`).toEqual([]);
      expect(worstError(trace, 'a'), `seed ${seed}`).toBe(0);
      expect(worstError(trace, 'b'), `seed ${seed}`).toBe(0);
    }
  });
});

describe('two jobs sharing the CPU', () => {
  it('on one core: each at half the rate, both ending about together, the session not the sum', () => {
    // The walk: the second clip starts 3 s after the first (its engine starting meanwhile).
    const trace = play(
      [
        { id: 'a', startS: 0, frames: 360 },
        { id: 'b', startS: 3, frames: 360 },
      ],
      1,
      10,
    );
    expect(rises(trace, 'a')).toEqual([]);
    expect(rises(trace, 'b')).toEqual([]);
    expect(worstError(trace, 'a')).toBeLessThan(2);
    expect(worstError(trace, 'b')).toBeLessThan(2);
    const both = trace.samples.find((s) => s.jobs.get('a')?.shown != null && s.jobs.get('b')?.shown != null)!;
    const a = both.jobs.get('a')!.shown!;
    const b = both.jobs.get('b')!.shown!;
    // The session's time left is the later clip's, as the real end says, not a + b.
    expect(groupSecondsLeft([a, b])).toBe(Math.max(a, b));
    const truth = trace.endS.get('b')! - both.t;
    expect(Math.abs(Math.max(a, b) - truth)).toBeLessThan(SHOWN_TOLERANCE * truth);
    expect(a + b).toBeGreaterThan(1.6 * Math.max(a, b));
  });

  it('on two cores: each at a core’s rate', () => {
    const trace = play(
      [
        { id: 'a', startS: 0, frames: 360 },
        { id: 'b', startS: 0, frames: 360 },
      ],
      2,
      10,
    );
    expect(trace.endS.get('a')).toBeCloseTo(38, 0);
    expect(worstError(trace, 'a')).toBe(0);
    expect(rises(trace, 'a')).toEqual([]);
  });

  it('finishTimes: processor sharing, then the waiting clip in the freed slot', () => {
    const t = finishTimes(
      [
        { id: 'a', framesLeft: 100 },
        { id: 'b', framesLeft: 300 },
      ],
      [{ id: 'c', framesLeft: 100 }],
      { slots: 2, cores: 1, perCore: 10 },
    );
    // a and b at 5 each: a ends at 20 s (b at 200 left); b and c at 5 each: c at 40 s (b at 100
    // left); b alone at 10: 50 s.
    expect(t.get('a')).toBeCloseTo(20);
    expect(t.get('c')).toBeCloseTo(40);
    expect(t.get('b')).toBeCloseTo(50);
  });
});

describe('a second pass added mid-run', () => {
  const trace = play([{ id: 'a', startS: 0, frames: 300, secondPass: true }], 2, 10);

  it('never moves the bar back, and fills it with the last frame', () => {
    const bars = trace.samples.map((s) => s.jobs.get('a')?.bar ?? 0);
    for (let i = 1; i < bars.length; i++) expect(bars[i]).toBeGreaterThanOrEqual(bars[i - 1]!);
    const decided = trace.samples.findIndex((s) => s.jobs.get('a')?.total === 600);
    expect(bars[decided]).toBeGreaterThan(0.9);
    expect(bars.at(-1)).toBeGreaterThan(0.99);
  });

  it('raises the time left once, when the pass is decided, to the true time, then counts down', () => {
    const up = rises(trace, 'a');
    expect(up).toHaveLength(1);
    const decided = trace.samples.find((s) => s.jobs.get('a')?.total === 600)!;
    expect(up[0]!.t).toBeGreaterThanOrEqual(decided.t);
    expect(up[0]!.t).toBeLessThanOrEqual(decided.t + 0.5);
    // After the second pass's model load: 300 frames at 10 frames/s, within the shown rounding.
    expect(worstError(trace, 'a', decided.t)).toBeLessThan(2);
  });
});

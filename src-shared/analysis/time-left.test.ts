import { describe, expect, it } from 'vitest';
import {
  advanceBar,
  finishTimes,
  groupSecondsLeft,
  NO_ESTIMATE,
  RATE_STABLE_AFTER_S,
  sampleQueue,
  SHOWN_TOLERANCE,
  SHOWN_TOLERANCE_S,
  steadyShown,
  type BarState,
  type QueueEstimate,
} from './time-left';

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
  /** When each job really ended. */
  readonly endS: Map<string, number>;
}

/**
 * Plays a queue on `cores` cores where each core detects `perCore` frames/s, shared equally by the
 * runs going (a run loading its model takes its share too); frames are counted whole, and the queue's status samples every 0.5 s, as status.ts is told.
 */
function play(specs: readonly Spec[], cores: number, perCore: number, loadS = 2): Trace {
  const dt = 0.05;
  const jobs = specs.map((s) => ({
    ...s,
    total: s.frames,
    work: 0,
    loadLeft: loadS,
    ended: false,
    bar: null as BarState | null,
  }));
  let est: QueueEstimate = NO_ESTIMATE;
  const samples: Trace['samples'] = [];
  const endS = new Map<string, number>();
  for (let i = 0; i < 100000 && endS.size < jobs.length; i++) {
    const t = i * dt;
    const going = jobs.filter((j) => j.startS <= t && !j.ended);
    const each = (perCore * Math.min(going.length, cores)) / Math.max(1, going.length);
    for (const j of going) {
      if (j.loadLeft > 0) j.loadLeft -= dt;
      else j.work += each * dt;
      if (j.work >= j.total) {
        if (j.secondPass && j.total === j.frames) {
          j.total = 2 * j.frames;
          j.loadLeft = loadS;
        } else {
          j.ended = true;
          endS.set(j.id, t);
        }
      }
    }
    if (i % 10 !== 0) continue;
    const runs = going.map((j) => ({
      id: j.id,
      framesDone: Math.min(j.total, Math.floor(j.work)),
      totalFrames: j.total,
    }));
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
    // The model's load (2 s), then RATE_STABLE_AFTER_S of frames and one interval to start from.
    expect(first.t).toBeGreaterThanOrEqual(2 + RATE_STABLE_AFTER_S);
    expect(first.t).toBeLessThan(2 + RATE_STABLE_AFTER_S + 3);
    expect(rises(trace, 'a')).toEqual([]);
  });

  it('is within the rounding of the words shown of the true time left', () => {
    expect(trace.endS.get('a')).toBeCloseTo(62, 0); // 2 s load + 600 frames at 10 frames/s
    expect(worstError(trace, 'a')).toBe(0);
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

describe('sampleQueue', () => {
  it('says "estimating" for a run whose frames are not known yet, not 0 s', () => {
    let est = NO_ESTIMATE;
    for (let t = 0; t <= 20; t += 0.5)
      est = sampleQueue(
        est,
        t,
        [
          { id: 'a', framesDone: Math.floor(10 * t), totalFrames: 400 },
          { id: 'b', framesDone: 0, totalFrames: 0 },
        ],
        { slots: 2, cores: 2 },
      );
    expect(est.shown.get('a')!.seconds).toBeCloseTo(20, 0);
    expect(est.shown.has('b')).toBe(false);
  });
});

describe('steadyShown', () => {
  it('counts down while estimates agree within the tolerance, follows a real change', () => {
    const a = steadyShown(null, 100, 0);
    const b = steadyShown(a, 100 - 10 + 0.2 * 90 - 1, 10);
    expect(b.seconds).toBeCloseTo(90);
    const c = steadyShown(b, 90 * (1 + SHOWN_TOLERANCE) + 5, 10);
    expect(c.seconds).toBeCloseTo(90 * (1 + SHOWN_TOLERANCE) + 5);
  });
});

describe('groupSecondsLeft', () => {
  it('is the last clip to finish; unknown while any is estimating; 0 for none', () => {
    expect(groupSecondsLeft([10, 30])).toBe(30);
    expect(groupSecondsLeft([10, null])).toBeNull();
    expect(groupSecondsLeft([])).toBe(0);
  });
});

/**
 * The gait engine swept over the clips a clinic films (docs/gait-methods.md, "Robustness sweep"):
 * frame rates of phones and cameras, cadences of slow joggers to fast runners, contact times across
 * the physiological range, the three strike types, two noise levels and a small and a large runner in
 * the picture, each a synthetic runner with known answers. Pure, shared by the sweep benchmark
 * (scripts/bench/sweep.ts) and its test (test/gait/sweep.test.ts), so both measure the same thing.
 */
import { median } from '../../stats';
import { analyzeGait } from '../analyze';
import { eventFrame } from '../eventFrame';
import { generateRunner, type StrikeType } from '../synthetic';

export const SWEEP_FPS = [24, 25, 29.97, 30, 50, 60, 100, 120, 240] as const;
export const SWEEP_CADENCE = [150, 160, 170, 180, 190, 200] as const;
export const SWEEP_STRIKE = ['rearfoot', 'midfoot', 'forefoot'] as const;
/** Landmark noise, px SD: a clean tracker, and a pose model's foot points on a phone clip. */
export const SWEEP_NOISE = [1, 4] as const;
/** The runner's stature in the picture, px: far from a 720p camera, and filling a 1080p frame. */
export const SWEEP_STATURE_PX = [250, 900] as const;
/** The runner's own stature, cm (the calibration the engine is given). */
const STATURE_CM = 175;

/**
 * Contact time, seconds, across the range a clinic sees at a cadence: contacts shorten as cadence
 * rises (0.24–0.32 s for a jogger at 150 steps/min, 0.20–0.26 s for a runner at 200, linear in
 * between: running contacts of 0.2–0.32 s), and stay under a step (a running stride has flight).
 */
export function contactRange(cadence: number): { short: number; long: number } {
  const u = (cadence - 150) / 50;
  return { short: 0.24 - 0.04 * u, long: 0.32 - 0.06 * u };
}

export interface SweepPoint {
  readonly fps: number;
  readonly cadence: number;
  readonly contactS: number;
  readonly strike: StrikeType;
  readonly noisePx: number;
  readonly staturePx: number;
  readonly durationS: number;
  readonly seed: number;
}

export interface KindResult {
  /** True events inside the clip (a stride from its edges) that the engine must find. */
  readonly n: number;
  readonly within1: number;
  /** Detected frame − true frame (eventFrame convention), over those found. */
  readonly errors: readonly number[];
  readonly missed: number;
}

export interface SweepResult {
  readonly point: SweepPoint;
  readonly ic: KindResult;
  readonly to: KindResult;
  /** Detected contacts or toe-offs no true event matches within the window. */
  readonly invented: number;
  readonly cadenceError: number;
  /** Mean of the two feet's contact time minus the true contact time, ms. */
  readonly contactErrorMs: number;
}

/** A detection and a true event pair within 0.15 s (scoreClip's window: under half a stride). */
const WINDOW_S = 0.15;

/**
 * The grid, fractional on the minor factors: every frame rate × cadence × strike × noise, with the
 * contact time (short, middle, long), the runner's size and the clip length (10 or 12 s) rotated by
 * sums of the factors' indices (a Latin-square design), so that each of their levels meets every
 * level of every other factor equally often. `seeds`: one runner per seed and point.
 */
export function sweepGrid(seeds: readonly number[]): SweepPoint[] {
  const out: SweepPoint[] = [];
  for (const seed of seeds)
    SWEEP_FPS.forEach((fps, a) =>
      SWEEP_CADENCE.forEach((cadence, b) =>
        SWEEP_STRIKE.forEach((strike, c) =>
          SWEEP_NOISE.forEach((noisePx, d) => {
            const { short, long } = contactRange(cadence);
            const ct = [short, (short + long) / 2, long][(a + 2 * b + c + d + seed) % 3] as number;
            out.push({
              fps,
              cadence,
              contactS: Math.round(ct * 1000) / 1000,
              strike,
              noisePx,
              staturePx: SWEEP_STATURE_PX[(a + b + c + d + seed) % 2] as number,
              durationS: 10 + 2 * ((a + 2 * c + seed) % 2),
              seed,
            });
          }),
        ),
      ),
    );
  return out;
}

/**
 * The synthetic runner of a grid point. Speed follows from the contact time: the stance foot is
 * taken to travel 0.75 m along the belt whatever the pace (the leg's sweep under a 175 cm runner; a
 * choice of this sweep), so a long contact is a slow, bouncy jogger and a short one a fast runner
 * (8.4–13.5 km/h here). Where a short swing (long contact, high cadence) would bring the designed
 * swing foot through the belt (the synthetic runner refuses such a design), the swing knee flexes
 * more (105°, then 115°), as a runner's does.
 */
export function sweepRunner(p: SweepPoint): ReturnType<typeof generateRunner> {
  const height = p.staturePx > 600 ? 1080 : 720;
  let last: unknown = null;
  for (const swingKneePeakDeg of [95, 105, 115]) {
    try {
      return generateRunner({
        view: 'side',
        fps: p.fps,
        cadence: p.cadence,
        dutyFactor: (p.contactS * p.cadence) / 120,
        speedKmh: (3.6 * 0.75) / p.contactS,
        strike: p.strike,
        left: { swingKneePeakDeg },
        right: { swingKneePeakDeg },
        noisePx: p.noisePx,
        durationS: p.durationS,
        statureCm: STATURE_CM,
        width: Math.round((height * 16) / 9),
        height,
        pxPerCm: p.staturePx / STATURE_CM,
        seed: p.seed,
      });
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

export function runSweepPoint(p: SweepPoint): SweepResult {
  const clip = sweepRunner(p);
  const r = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: STATURE_CM } });
  const win = WINDOW_S * p.fps;
  const frames = Math.round(p.durationS * p.fps);
  // Events a stride from the clip's edges must be found; those nearer may be (a stance the edge cuts).
  const margin = clip.truth.strideS * p.fps;
  let invented = 0;
  const score = (kind: 'initial-contact' | 'toe-off'): KindResult => {
    let n = 0;
    let within1 = 0;
    let missed = 0;
    const errors: number[] = [];
    for (const side of ['left', 'right'] as const) {
      const truth = clip.truth.events
        .filter((e) => e.kind === kind && e.side === side)
        .map((e) => e.t * p.fps);
      const det = r.events.filter((e) => e.kind === kind && e.side === side && e.source === 'detected');
      const pairs: [number, number, number][] = [];
      truth.forEach((f, a) =>
        det.forEach((d, b) => {
          const err = d.frame - eventFrame(kind, f);
          if (Math.abs(err) <= win) pairs.push([Math.abs(err), a, b]);
        }),
      );
      pairs.sort((x, y) => x[0] - y[0]);
      const usedT = new Map<number, number>();
      const usedD = new Set<number>();
      for (const [, a, b] of pairs) {
        if (usedT.has(a) || usedD.has(b)) continue;
        usedT.set(a, (det[b]?.frame ?? 0) - eventFrame(kind, truth[a] as number));
        usedD.add(b);
      }
      truth.forEach((f, a) => {
        const interior = f >= margin && f <= frames - 1 - margin;
        const err = usedT.get(a);
        if (!interior) return;
        n++;
        if (err === undefined) missed++;
        else {
          errors.push(err);
          if (Math.abs(err) <= 1) within1++;
        }
      });
      invented += det.length - usedD.size;
    }
    return { n, within1, errors, missed };
  };
  const ic = score('initial-contact');
  const to = score('toe-off');
  const ct = r.variables.find((v) => v.id === 'contact-time');
  const ctMean = ((ct?.left.mean ?? NaN) + (ct?.right.mean ?? NaN)) / 2;
  return {
    point: p,
    ic,
    to,
    invented,
    cadenceError: (r.cadence.value ?? NaN) - clip.truth.cadence,
    contactErrorMs: 1000 * (ctMean - clip.truth.contactS),
  };
}

/** Pooled figures of a set of sweep results. */
export interface SweepSummary {
  readonly points: number;
  readonly icWithin1: number;
  readonly toWithin1: number;
  readonly icMedian: number;
  readonly toMedian: number;
  readonly missed: number;
  readonly invented: number;
  /** Largest |cadence error| (steps/min) and |contact-time error| (ms). */
  readonly worstCadence: number;
  readonly worstContactMs: number;
  /** Points where anything is below target: < 90% within ±1 frame, a miss, an invention, cadence off by ≥ 1. */
  readonly failing: number;
}

export function failsTargets(s: SweepResult): boolean {
  return (
    s.ic.within1 < 0.9 * s.ic.n ||
    s.to.within1 < 0.9 * s.to.n ||
    s.ic.missed + s.to.missed > 0 ||
    s.invented > 0 ||
    !(Math.abs(s.cadenceError) < 1)
  );
}

export function summariseSweep(rs: readonly SweepResult[]): SweepSummary {
  const sum = (f: (r: SweepResult) => number): number => rs.reduce((a, r) => a + f(r), 0);
  const nIc = sum((r) => r.ic.n);
  const nTo = sum((r) => r.to.n);
  return {
    points: rs.length,
    icWithin1: sum((r) => r.ic.within1) / nIc,
    toWithin1: sum((r) => r.to.within1) / nTo,
    icMedian: median(rs.flatMap((r) => r.ic.errors)),
    toMedian: median(rs.flatMap((r) => r.to.errors)),
    missed: sum((r) => r.ic.missed + r.to.missed),
    invented: sum((r) => r.invented),
    worstCadence: Math.max(
      ...rs.map((r) => (Number.isFinite(r.cadenceError) ? Math.abs(r.cadenceError) : Infinity)),
    ),
    worstContactMs: Math.max(
      ...rs.map((r) => (Number.isFinite(r.contactErrorMs) ? Math.abs(r.contactErrorMs) : Infinity)),
    ),
    failing: rs.filter(failsTargets).length,
  };
}

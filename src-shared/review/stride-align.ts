/**
 * "Last time vs today" (issue 18 item 2): two clips of one runner filmed weeks apart, aligned on one
 * gait event (e.g. the right initial contact) so that stepping today's clip moves last time's clip
 * stride by stride. The two visits have different cadences and often different frame rates, so no
 * constant offset can hold them together for more than a stride; instead each of today's strides is
 * mapped onto one of last time's strides by its phase, the time-normalisation of the gait cycle used
 * to compare cycles of different length [Winter, Biomechanics and Motor Control of Human Movement,
 * 4th ed. 2009, §1.3: events as 0 and 100 % of the cycle]:
 *
 *   today's stride i = [aᵢ, aᵢ₊₁), last time's stride j = [eⱼ, eⱼ₊₁), j = (i + shift) mod m
 *   t ↦ eⱼ + (t − aᵢ) / (aᵢ₊₁ − aᵢ) · (eⱼ₊₁ − eⱼ)
 *
 * so today's event i always shows last time's event j, whatever either clip's frame rate (each
 * player then shows its own frame at that time, src-shared/review/frames.ts). Last time's m complete
 * strides repeat when today's clip has more; `shift` is which of last time's strides goes with
 * today's first, changed by the PT. Times are each clip's own clock (seconds).
 */
import { seconds, type Seconds } from '../units';

export interface StridePairing {
  /** Times of the chosen event in today's clip, ascending. */
  readonly today: readonly number[];
  /** Times of the same event in last time's clip, ascending. */
  readonly earlier: readonly number[];
  /** Last time's stride paired with today's first (any integer; taken modulo the strides). */
  readonly shift: number;
}

const mod = (a: number, m: number): number => ((a % m) + m) % m;

/** Sort and drop repeats (two events closer than 1 ms are one event). */
export function eventTimes(times: readonly number[]): number[] {
  const sorted = [...times].filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.filter((t, i) => i === 0 || t - sorted[i - 1]! > 1e-3);
}

/** Whether the pairing can map anything: at least one event in each clip. */
export const canAlign = (p: StridePairing): boolean => p.today.length > 0 && p.earlier.length > 0;

/** Last time's event paired with today's event i (its index in `earlier`). */
export function pairedIndex(p: StridePairing, i: number): number {
  const m = p.earlier.length - 1;
  return m < 1 ? 0 : mod(i + p.shift, m);
}

/**
 * Today's stride holding t: the index of the last event at or before t (−1 before the first). Half a
 * microsecond of tolerance, as the time model's, so the time of an event frame is in its stride.
 */
export function strideAt(today: readonly number[], t: number): number {
  let lo = -1;
  for (let i = 0; i < today.length; i++) if (today[i]! <= t + 5e-7) lo = i;
  return lo;
}

/**
 * Last time's clip time that goes with today's clip time t; undefined without events. Before today's
 * first event and after its last, time runs at the ratio of the nearest paired strides (a clip with
 * one event each: a constant offset).
 */
export function earlierTimeAt(p: StridePairing, t: number): Seconds | undefined {
  if (!canAlign(p)) return undefined;
  const { today, earlier } = p;
  if (today.length < 2 || earlier.length < 2) return seconds(earlier[0]! + (t - today[0]!));
  const i = strideAt(today, t);
  if (i >= 0 && i < today.length - 1) {
    const j = pairedIndex(p, i);
    const phase = (t - today[i]!) / (today[i + 1]! - today[i]!);
    return seconds(earlier[j]! + phase * (earlier[j + 1]! - earlier[j]!));
  }
  // Outside today's strides: from the nearest event, at the speed ratio of its stride pair.
  const edge = i < 0 ? 0 : today.length - 1;
  const stride = i < 0 ? 0 : today.length - 2;
  const j = pairedIndex(p, stride);
  const ratio = (earlier[j + 1]! - earlier[j]!) / (today[stride + 1]! - today[stride]!);
  return seconds(earlier[pairedIndex(p, edge)]! + (t - today[edge]!) * ratio);
}

/**
 * The pair of events the current stride is anchored on (today's event index and last time's), for
 * the ghost's placement; undefined before today's first event when it has none before.
 */
export function anchorAt(p: StridePairing, t: number): { today: number; earlier: number } | undefined {
  if (!canAlign(p)) return undefined;
  const i = Math.max(0, strideAt(p.today, t));
  return { today: i, earlier: pairedIndex(p, i) };
}

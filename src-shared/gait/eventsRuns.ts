/**
 * Candidate stance runs of one foot and where on a run the foot is on the belt (events.ts, steps 2
 * and 3; docs/gait-methods.md "Gait events"). Pure: heights in px above the foot's belt level.
 *
 * - A run is a stance by hysteresis: in below the entry level, out above the leave level (twice it)
 *   or where the foot moves forward (a swing foot).
 * - The clip's first and last frames have no neighbour on one side, so neither the single-frame
 *   spike filter (orient.ts) nor the hysteresis can tell a one-frame excursion there from a real
 *   descent (lift). A descent into a stance is followed by a stance, and a stance lasts as long as
 *   a foot can be on the ground (≥ 80 ms; where two or more of the foot's other runs give a typical
 *   stance, at least half of it: contact times vary by a few percent stride to stride in steady
 *   running, Nakayama et al. 2010, so half is far outside a real stance's range).
 *   So a run that starts on the second frame and is too short to be a whole stance did not start in
 *   the clip: frame 0 is read as a one-frame excursion of a stance cut by the clip's start (only its
 *   toe-off is in the clip). The same at the clip's end. A run long enough to be a stance keeps its
 *   contact on frame 1 (a real descent on the first frame is not touched).
 * - The lift-off is read at the entry level (the last frame there), unless the foot then stays
 *   inside the band (above the entry level, under the leave level) for longer than a lift takes to
 *   cross it: then it had not lifted there, and the lift-off is read where it leaves the run (the
 *   leave level; the stance is weak, eventsRhythm.ts). "Longer than a lift takes": the limit the
 *   two-segment kink fit is trusted within, max(1.5 frames, 50 ms) (events.ts step 3); a toe lifts
 *   through the band (one entry level, 4% of a leg or 3 × the jitter) in about a frame (17–27 px a
 *   frame on the sample clip; round 3).
 */
import { median } from '../stats';

export interface Run {
  /** [rs, re): frames of the run; rs is 0 (re is n) where it is cut by the clip's edge. */
  readonly rs: number;
  readonly re: number;
  readonly cutStart: boolean;
  readonly cutEnd: boolean;
}

/** Hysteresis runs: in below `enter` (and not moving forward), out above `leave` or moving forward. */
export function hysteresisRuns(
  h: Float64Array,
  enter: number,
  leave: number,
  forward: (i: number) => boolean,
): [number, number][] {
  const n = h.length;
  const runs: [number, number][] = [];
  let s = -1;
  for (let i = 0; i <= n; i++) {
    const v = i < n ? (h[i] as number) : NaN;
    if (s < 0) {
      if (Number.isFinite(v) && v < enter && !forward(i)) s = i;
    } else if (!Number.isFinite(v) || v > leave || forward(i)) {
      runs.push([s, i]);
      s = -1;
    }
  }
  return runs;
}

/**
 * Which runs the clip's edges cut (see the file's comment). `minStanceS`: the shortest stance; the
 * foot's typical stance (median of its whole runs at least that long, where there are two) raises
 * it to half of that.
 */
export function edgeRuns(runs: readonly [number, number][], t: Float64Array, minStanceS: number): Run[] {
  const n = t.length;
  const dur = (rs: number, re: number): number => (t[re - 1] as number) - (t[rs] as number);
  const whole = runs.filter(([rs, re]) => rs > 1 && re < n - 1 && dur(rs, re) >= minStanceS);
  const typical = whole.length >= 2 ? median(whole.map(([rs, re]) => dur(rs, re))) : 0;
  const shortest = Math.max(minStanceS, 0.5 * typical);
  return runs.map(([rs, re]) => {
    const short = dur(rs, re) < shortest;
    const cutStart = rs === 0 || (rs === 1 && short && re < n);
    const cutEnd = re >= n || (re === n - 1 && short && rs > 0);
    return { rs: cutStart ? 0 : rs, re: cutEnd ? n : re, cutStart, cutEnd };
  });
}

/**
 * The frames of a run the foot is on the belt by: k, the first at `level`; j, the last at the lift
 * level (`level`, or `leave` where the foot stays inside the band after its last frame at `level`
 * for longer than `hoverFrames`, or reached `level` on one frame only: then weak). Null: no such
 * pair.
 */
export function onBelt(
  h: Float64Array,
  rs: number,
  re: number,
  level: number,
  leave: number,
  noisy: boolean,
  hoverFrames: number,
): { k: number; j: number; liftLevel: number; weak: boolean } | null {
  let k = rs;
  while (k < re && !((h[k] as number) <= level)) k++;
  let j = re - 1;
  while (j > k && !((h[j] as number) <= level)) j--;
  let liftLevel = level;
  let weak = false;
  // The last frame inside the run, under the leave level (the run ends above it or cut by the end).
  let last = re - 1;
  while (last > j && !((h[last] as number) <= leave)) last--;
  const hovers = j > k && re < h.length && last - j > hoverFrames;
  if (noisy && k < re && (k >= j || hovers)) {
    weak = true;
    liftLevel = leave;
    j = last;
  }
  return k < j ? { k, j, liftLevel, weak } : null;
}

/**
 * The edge a stance's refined times lie beyond (the template can time a stance whose run ended at
 * the clip's edge past it: a one-frame spike on the last frame ends a run there), or null: a contact
 * before the first frame or a lift-off after the last is not in the clip, and clamped to the edge it
 * was reported on a frame where nothing happened (the sweep, docs/gait-methods.md).
 */
export function beyondClip(icF: number, toF: number, n: number): 'start' | 'end' | null {
  return icF < 0 ? 'start' : toF > n - 1 ? 'end' : null;
}

/**
 * Whether a stance cut by the clip's end shows its contact: the foot on the belt (at the entry
 * level) for at least max(2 frames, `limitFrames`) after it, `limitFrames` being the kink fit's
 * max(1.5 frames, 50 ms) (events.ts). A time, not a frame count: two frames are 67 ms at 30 fps but
 * 8–20 ms at 100–240 fps, where a noisy foot still in the air reads as down, and the template then
 * put a contact 2–5 frames before one that came after the clip's end (the sweep, 100–120 fps, 4 px
 * noise on a 250 px runner; docs/gait-methods.md "Robustness sweep"). Unchanged at 30 fps.
 */
export function endContactShown(lastOnBelt: number, icF: number, limitFrames: number): boolean {
  return lastOnBelt - Math.ceil(icF) >= Math.max(2, limitFrames);
}

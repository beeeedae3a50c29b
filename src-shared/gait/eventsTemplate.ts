/**
 * Contact timing by ensemble template (events.ts, noisy landmarks): a steady runner lands and
 * pushes off the same way stride after stride, so the foot's trajectory around one foot's contacts
 * is a repeated shape. Averaging it over the clip's strides (an ensemble average, aligned on each
 * stride: Winter 2009 §1.2 on ensemble averaging of cyclic signals) gives a template whose noise
 * is √K smaller than one stride's; each stride's event is then found by sliding the template over
 * that stride's own trajectory (least squares over the whole approach and plateau, not a threshold
 * on one frame), and the event is placed once, on the template, where its low noise allows it
 * (events.ts refineByTemplate; docs/gait-methods.md "Contact timing on real footage").
 *
 * At 30 fps a pose model's foot points jitter by 5–10 px while the heel covers only 10–20 px in
 * its last two frames before landing; one frame's height cannot place the contact within a frame,
 * a fit over eight frames of three points can.
 */
import { median } from '../stats';

/** Value of a at fractional position f by linear interpolation; NaN outside or next to a gap. */
export function interp(a: Float64Array, f: number): number {
  const i = Math.floor(f);
  if (i < 0 || i >= a.length) return NaN;
  const u = f - i;
  const p = a[i] as number;
  if (u === 0) return p;
  const q = a[i + 1] as number;
  return i + 1 < a.length ? p + (q - p) * u : NaN;
}

export interface TemplateFit {
  /** The refined anchor of each stride (fractional frames), same order as the input. */
  readonly anchors: readonly number[];
  /** The template per channel at integer offsets lo..hi from the anchors. */
  readonly template: readonly Float64Array[];
}

/**
 * Aligns the strides' channels (each already relative to its stride's own belt level) on a common
 * template: a few rounds of "template = per-offset median over strides at their anchors; each
 * anchor moves to the shift (±maxShift frames, 0.05-frame steps) that fits its channels to the
 * template best, channels weighted by 1/σ²". The anchors are then re-centred on their starting
 * points (median shift 0), so the template stays where the coarse detection put it.
 */
export function alignOnTemplate(
  channels: readonly (readonly Float64Array[])[],
  anchors0: readonly number[],
  lo: number,
  hi: number,
  maxShift: number,
  sigma: readonly number[],
): TemplateFit {
  const K = anchors0.length;
  const C = channels[0]?.length ?? 0;
  let anchors = [...anchors0];
  const offs = hi - lo + 1;
  const build = (): Float64Array[] =>
    Array.from({ length: C }, (_, c) =>
      Float64Array.from({ length: offs }, (_, o) => {
        const v: number[] = [];
        for (let k = 0; k < K; k++) {
          const x = interp(channels[k]?.[c] as Float64Array, (anchors[k] as number) + lo + o);
          if (Number.isFinite(x)) v.push(x);
        }
        return v.length * 2 >= K ? median(v) : NaN;
      }),
    );
  let template = build();
  for (let round = 0; round < 3; round++) {
    const next = anchors.map((a, k) => {
      let best = a;
      let bestSse = Infinity;
      for (let s = -maxShift; s <= maxShift + 1e-9; s += 0.05) {
        let sse = 0;
        let m = 0;
        for (let c = 0; c < C; c++) {
          const w = 1 / Math.max(1e-9, sigma[c] as number) ** 2;
          const T = template[c] as Float64Array;
          for (let o = 0; o < offs; o++) {
            const x = interp(channels[k]?.[c] as Float64Array, a + s + lo + o);
            const t = T[o] as number;
            if (!Number.isFinite(x) || !Number.isFinite(t)) continue;
            sse += w * (x - t) ** 2;
            m++;
          }
        }
        if (m > 0 && sse / m < bestSse) {
          bestSse = sse / m;
          best = a + s;
        }
      }
      return best;
    });
    const shift = median(next.map((a, k) => a - (anchors0[k] as number)));
    anchors = next.map((a) => a - shift);
    template = build();
  }
  return { anchors, template };
}

/**
 * Where a template signal crosses `level`: going from offset `from` in direction `dir` (−1: back
 * toward the approach, +1: forward toward the lift), the first offset above the level, and the
 * fractional offset where the signal passes it (linear between the two samples). Null if it never
 * rises above the level inside the template.
 */
export function crossing(sig: Float64Array, from: number, dir: -1 | 1, level: number): number | null {
  let prev = from;
  for (let o = from + dir; o >= 0 && o < sig.length; o += dir) {
    const a = sig[prev] as number;
    const b = sig[o] as number;
    if (Number.isFinite(b) && b > level) {
      if (!Number.isFinite(a) || !(a <= level)) return o;
      return prev + dir * ((level - a) / (b - a));
    }
    if (Number.isFinite(b)) prev = o;
  }
  return null;
}

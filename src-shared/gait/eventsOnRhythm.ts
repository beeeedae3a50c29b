/**
 * Template anchors held to the foot's rhythm (eventsTemplate.ts, noisy landmarks). Each stride is
 * aligned to the ensemble template on its own, over ±0.1 s; where a stride's own foot points are
 * bad (at 30 fps a re-encoded clip's far foot jumps by 10–30 px on some frames), the best shift can
 * be a neighbouring dip of the misfit 3–4 frames away. A steady runner's contacts lie on a line
 * against their stride number: stride-to-stride variability is 1–3% of the stride time in
 * treadmill running (Nakayama et al. 2010), a third to two thirds of a frame at 30 fps. So an
 * anchor more than 1.5 frames (and 8% of a stride) off its foot's line is searched again within a
 * frame of the line, and moved there if the template fits there as well as it fits the detected
 * stances (within 3× their median misfit); otherwise it stays (a real irregular stride, or a foot
 * the template cannot judge). The line is fitted by least squares on stride numbers counted from
 * the gaps (a missed stride leaves a gap of two), with anchors off it by more than a quarter stride
 * left out of the fit. Toe-offs follow the same rule against the foot's contact times: an anchor
 * whose contact time (toe-off − contact) is more than 1.5 frames and 15% off the foot's median is
 * searched again within a frame of the median contact time.
 * Measured on the sample clip read from its proxy (tuned on it; docs/gait-methods.md).
 */
import { median } from '../stats';

/** Misfit of stride k's channels to the template with its anchor at `a` (from eventsTemplate). */
export type CostAt = (k: number, a: number) => number;

/** Stride numbers from the gaps between anchors, in units of the median gap. */
function strideNumbers(anchors: readonly number[]): number[] {
  const gaps = anchors.slice(1).map((a, i) => a - (anchors[i] as number));
  const T = median(gaps);
  const k = [0];
  for (let i = 1; i < anchors.length; i++)
    k.push(
      (k[i - 1] as number) +
        Math.max(1, Math.round(((anchors[i] as number) - (anchors[i - 1] as number)) / T)),
    );
  return k;
}

/** Least-squares line a = c + T·k over the points in `use`. */
function line(
  k: readonly number[],
  a: readonly number[],
  use: readonly boolean[],
): { c: number; T: number } | null {
  const idx = k.flatMap((_, i) => (use[i] ? [i] : []));
  if (idx.length < 3) return null;
  const kb = idx.reduce((s, i) => s + (k[i] as number), 0) / idx.length;
  const ab = idx.reduce((s, i) => s + (a[i] as number), 0) / idx.length;
  let num = 0;
  let den = 0;
  for (const i of idx) {
    num += ((k[i] as number) - kb) * ((a[i] as number) - ab);
    den += ((k[i] as number) - kb) ** 2;
  }
  if (!(den > 0)) return null;
  const T = num / den;
  return { c: ab - T * kb, T };
}

/** Best anchor within ±1 frame of `centre` (0.05-frame steps) and its misfit. */
function searchNear(cost: CostAt, k: number, centre: number): { a: number; cost: number } {
  let best = { a: centre, cost: cost(k, centre) };
  for (let s = -1; s <= 1 + 1e-9; s += 0.05) {
    const v = cost(k, centre + s);
    if (v < best.cost) best = { a: centre + s, cost: v };
  }
  return best;
}

/**
 * Contact anchors: `anchors` (fractional frames, in time order) of the strides; `inRhythm` marks
 * the whole detected stances (edges and inferred ones do not set the line); `maxCost` the misfit a
 * moved anchor must reach. Returns the anchors, moved where the rule above says.
 */
export function contactsOnRhythm(
  anchors: readonly number[],
  inRhythm: readonly boolean[],
  cost: CostAt,
  maxCost: number,
): number[] {
  const out = [...anchors];
  const order = anchors.map((_, i) => i).sort((x, y) => (anchors[x] as number) - (anchors[y] as number));
  const sel = order.filter((i) => inRhythm[i]);
  if (sel.length < 4) return out;
  const a = sel.map((i) => anchors[i] as number);
  const k = strideNumbers(a);
  const whole = line(
    k,
    a,
    a.map(() => true),
  );
  if (!whole) return out;
  // Contacts a quarter stride off the whole clip's line (a wrong contact) set no line.
  const usable = a.map((x, j) => Math.abs(x - whole.c - whole.T * (k[j] as number)) <= 0.25 * whole.T);
  sel.forEach((i, j) => {
    // The local rhythm: a line through the foot's other contacts within three strides (a runner
    // speeding up or slowing down bends the clip's line, not this one).
    const near = k.map((kk, q) => q !== j && usable[q] === true && Math.abs(kk - (k[j] as number)) <= 3);
    const fit = line(k, a, near);
    if (!fit) return;
    const predicted = fit.c + fit.T * (k[j] as number);
    const own = anchors[i] as number;
    if (Math.abs(own - predicted) <= Math.max(1.5, 0.08 * fit.T)) return;
    const best = searchNear(cost, i, predicted);
    if (best.cost <= Math.max(maxCost, 2 * cost(i, own))) out[i] = best.a;
  });
  return out;
}

/**
 * Toe-off anchors against the contacts: `contactTimes[i]` is stride i's contact time (toe-off −
 * contact, frames) as the anchors give it; one more than 1.5 frames and 15% off the foot's median is
 * searched again around contact + median.
 */
export function toeOffsOnRhythm(
  toAnchors: readonly number[],
  icAnchors: readonly number[],
  inRhythm: readonly boolean[],
  cost: CostAt,
  maxCost: number,
): number[] {
  const out = [...toAnchors];
  const d = toAnchors.map((t, i) => t - (icAnchors[i] as number));
  const ref = d.filter((_, i) => inRhythm[i]);
  if (ref.length < 4) return out;
  const m = median(ref);
  d.forEach((x, i) => {
    if (!inRhythm[i] || Math.abs(x - m) <= Math.max(1.5, 0.15 * m)) return;
    const best = searchNear(cost, i, (icAnchors[i] as number) + m);
    if (best.cost <= Math.max(maxCost, 2 * cost(i, toAnchors[i] as number))) out[i] = best.a;
  });
  return out;
}

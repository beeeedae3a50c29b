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
import type { Candidate } from './eventsRhythm';
import type { TemplateFits } from './eventsTemplateSpread';
import { contactsOnRhythm, toeOffsOnRhythm } from './eventsOnRhythm';
import type { Joint, Track } from './types';

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
  /** Each stride's weighted mean squared misfit to the template at its anchor. */
  readonly costs: readonly number[];
  /** The template per channel at integer offsets lo..hi from the anchors. */
  readonly template: readonly Float64Array[];
  /** Stride k's misfit to the final template with its anchor at a given frame. */
  readonly costAt: (k: number, at: number) => number;
  /** The template of the given strides (indices, a stride may repeat) at their final anchors: the
   *  same per-offset median, for a bootstrap over strides (eventsTemplateSpread.ts). */
  readonly templateOf: (members: readonly number[]) => Float64Array[];
}

/**
 * Aligns the strides' channels (each already relative to its stride's own belt level) on a common
 * template: a few rounds of "template = per-offset median over strides at their anchors; each
 * anchor moves to the shift (±maxShift frames) that fits its channels to the
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
  /** Which strides build the template (default all); the others are only aligned to it. */
  inTemplate: readonly boolean[] = anchors0.map(() => true),
): TemplateFit {
  const C = channels[0]?.length ?? 0;
  let anchors = [...anchors0];
  const offs = hi - lo + 1;
  const builders = anchors0.flatMap((_, k) => (inTemplate[k] ? [k] : []));
  let costs: number[] = anchors.map(() => Infinity);
  const build = (members: readonly number[] = builders): Float64Array[] =>
    Array.from({ length: C }, (_, c) =>
      Float64Array.from({ length: offs }, (_, o) => {
        const v: number[] = [];
        for (const k of members) {
          const x = interp(channels[k]?.[c] as Float64Array, (anchors[k] as number) + lo + o);
          if (Number.isFinite(x)) v.push(x);
        }
        return v.length * 2 >= members.length ? median(v) : NaN;
      }),
    );
  let template = build();
  // Stride k's weighted mean squared misfit to the current template with its anchor at `at`.
  const costAt = (k: number, at: number): number => {
    let sse = 0;
    let m = 0;
    for (let c = 0; c < C; c++) {
      const w = 1 / Math.max(1e-9, sigma[c] as number) ** 2;
      const T = template[c] as Float64Array;
      for (let o = 0; o < offs; o++) {
        const x = interp(channels[k]?.[c] as Float64Array, at + lo + o);
        const t = T[o] as number;
        if (!Number.isFinite(x) || !Number.isFinite(t)) continue;
        sse += w * (x - t) ** 2;
        m++;
      }
    }
    return m > 0 ? sse / m : Infinity;
  };
  for (let round = 0; round < 3; round++) {
    costs = [];
    const next = anchors.map((a, k) => {
      const cost = (s: number): number => costAt(k, a + s);
      // Coarse to fine: whole frames over the search range, then 0.05 frame around the best.
      let best = 0;
      let bestCost = cost(0);
      for (let s = -Math.floor(maxShift); s <= maxShift; s++) {
        const v = cost(s);
        if (v < bestCost) [best, bestCost] = [s, v];
      }
      const whole = best;
      for (let s = whole - 1; s <= whole + 1 + 1e-9; s += 0.05) {
        if (Math.abs(s) > maxShift) continue;
        const v = cost(s);
        if (v < bestCost) [best, bestCost] = [s, v];
      }
      costs.push(bestCost);
      return a + best;
    });
    const shift = median(next.flatMap((a, k) => (inTemplate[k] ? [a - (anchors0[k] as number)] : [])));
    anchors = next.map((a) => a - shift);
    template = build();
  }
  return { anchors, costs, template, costAt, templateOf: build };
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

/**
 * Where a signal leaving its plateau passes `band`: going from offset `from` in direction `dir` (as
 * in `crossing`), the departure is found where the signal first exceeds `guard` (≥ band: the
 * template's own noise), and the event is placed where that same departure passes the band. A
 * noise bump on the plateau must not be read as the landing (the lift), so the guard decides which
 * rise it is; but a crossing read at the guard's height sits on the rise above the band, off by
 * (guard − band) over the rise's speed: a noisy foot's contacts early, its toe-offs late (issue 20
 * round 6, docs/gait-methods.md). Null if nothing exceeds the guard.
 */
export function guardedCrossing(
  sig: Float64Array,
  from: number,
  dir: -1 | 1,
  guard: number,
  band: number,
): number | null {
  const g = crossing(sig, from, dir, guard);
  if (g === null || !(band < guard)) return g;
  // Back from the guard's crossing toward `from`: the first sample at or below the band.
  for (let o = dir < 0 ? Math.floor(g) + 1 : Math.ceil(g) - 1; dir < 0 ? o <= from : o >= from; o -= dir) {
    const b = sig[o] as number;
    const a = sig[o + dir] as number;
    if (Number.isFinite(b) && b <= band)
      return Number.isFinite(a) && a > band ? o + dir * ((band - b) / (a - b)) : o;
  }
  return g;
}

/**
 * The landing on a contact template: back from the foot's lowest point (`from`), the descent whose
 * crossing of `band` is the contact (guardedCrossing). A rise above the guard shorter than 40 ms
 * (one frame at 30 fps, two at 60) followed, further back, by the foot at or below the guard again
 * is not a descent: a foot that has landed cannot leave the belt and land again within 40 ms. It is
 * the heel point jumping at impact (blur, the shoe's compression), and read as the descent it put
 * the clip's every contact 1-2 frames late, on a knife-edge: on the sample clip a one-frame rebound
 * of 3.7-4.7 px against a guard of 3.7-4.0 px flipped the near foot's contact time between ~220 and
 * ~175 ms as 240-frame windows slid over the same landmarks (docs/gait-methods.md, "Re-encoding
 * sensitivity"). The search goes on back from below such a blip.
 */
export function landing(
  sig: Float64Array,
  from: number,
  guard: number,
  band: number,
  fps: number,
): number | null {
  const blip = Math.max(1, Math.round(0.04 * fps));
  let at = from;
  for (;;) {
    const c = crossing(sig, at, -1, guard);
    if (c === null) return null;
    // The samples above the guard, going back from the crossing: how many before it falls again.
    let o = Math.floor(c);
    let above = 0;
    while (o >= 0 && Number.isFinite(sig[o] as number) && (sig[o] as number) > guard) {
      above++;
      o--;
    }
    // (A crossing exactly at the guard has no sample above it: nothing to skip, and no progress.)
    if (above === 0 || above > blip || o < 0 || o >= at || !Number.isFinite(sig[o] as number))
      return guardedCrossing(sig, at, -1, guard, band);
    // And the touch before it as brief: a foot at belt level for longer before a rise (a model's
    // swing heel reaching belt level frames early, MediaPipe lite) makes that rise the descent.
    let below = 0;
    for (let q = o; q >= 0 && Number.isFinite(sig[q] as number) && (sig[q] as number) <= guard; q--) below++;
    if (below > blip) return guardedCrossing(sig, at, -1, guard, band);
    at = o;
  }
}

/**
 * Contact band, leg lengths: ~1 cm (a leg is ~90 cm). The heel pad and a running shoe's midsole
 * compress by about a centimetre under landing, so a point on the heel goes on sinking after the
 * sole touches; the hand labels likewise count contact from the sole within ~1 cm of its belt
 * level (test/fixtures/labels, ic_convention).
 */
const CONTACT_BAND_LEG = 0.011;
/** Strides needed for an ensemble template (fewer: its median is no better than one stride). */
export const MIN_TEMPLATE_STRIDES = 4;

/**
 * Noisy landmarks (events.ts): each stance's IC and TO refined on the ensemble template of the clip's stances
 * of that foot (alignOnTemplate). Channels: heel, toe and ankle heights (unfiltered), each above
 * its own belt level in that stance (heel and ankle: median of the first half of the stance,
 * when the heel is down; toe: of the second half, when the toe is down). On the template, IC is
 * where the lower of heel and toe comes down into its contact band (below) and TO where the toe
 * leaves its belt level; two standard errors of the template (its resolution: about 3 px, 1 cm,
 * on a 30 fps phone clip with 16 strides; a fraction of a pixel on clean data) decide which
 * descent is the landing, and are the toe-off's least band.
 */
export function refineByTemplate(
  stances: readonly Candidate[],
  P: Record<Joint, Track>,
  legPx: number,
  fps: number,
  /** Given the clip's two templates and how an event is read on one (eventsTemplateSpread.ts). */
  onFit?: (fits: TemplateFits) => void,
): Candidate[] {
  const n = P.heel.y.length;
  const lvl = (y: Float64Array, a: number, b: number): number => {
    const v: number[] = [];
    for (let i = Math.max(0, a); i <= Math.min(n - 1, b); i++)
      if (Number.isFinite(y[i] as number)) v.push(y[i] as number);
    return v.length ? median(v) : NaN;
  };
  const rel = (y: Float64Array, g: number): Float64Array => Float64Array.from(y, (v) => v - g);
  const own = stances.map((st) => {
    const a = Math.ceil(st.icF);
    const b = Math.floor(st.toF);
    const mid = Math.round((a + b) / 2);
    return [lvl(P.heel.y, a, mid), lvl(P.toe.y, mid, b), lvl(P.ankle.y, a, mid)] as const;
  });
  // A stance cut by the clip's start shows no heel-down phase (its first frames in the clip are
  // late stance, the heel rising), one cut by its end no toe-down phase: those levels are the
  // median of the foot's whole stances' (the same belt), not read from points already rising.
  const whole = own.filter((_, k) => !stances[k]?.inferred && !stances[k]?.edge);
  const typical = (c: number): number => median(whole.map((l) => l[c] as number));
  const levels = own.map((l, k) => {
    const e = stances[k]?.edge;
    if (e === 'start') return [typical(0), l[1], typical(2)] as const;
    if (e === 'end') return [l[0], typical(1), l[2]] as const;
    return l;
  });
  const channels = levels.map(([h, t, a]) => [rel(P.heel.y, h), rel(P.toe.y, t), rel(P.ankle.y, a)]);
  // Each channel's jitter: robust SD of its second differences over the stances' plateaus.
  const sigma = [0, 1, 2].map((c) => {
    const d: number[] = [];
    stances.forEach((st, k) => {
      if (st.inferred || st.edge) return;
      const y = channels[k]?.[c] as Float64Array;
      for (let i = Math.ceil(st.icF) + 1; i < Math.floor(st.toF); i++) {
        const v = (y[i] as number) - ((y[i - 1] as number) + (y[i + 1] as number)) / 2;
        if (Number.isFinite(v)) d.push(Math.abs(v));
      }
    });
    return d.length >= 5 ? Math.max((1.4826 * median(d)) / Math.sqrt(1.5), 1e-3 * legPx) : 0.01 * legPx;
  });
  // The template's own resolution: two standard errors of a median over K strides (1.25 σ/√K).
  // The template is built from whole detected stances only; contacts the rhythm put in and
  // stances cut by the clip's edges are aligned to it.
  const detected = stances.map((s) => !s.inferred && !s.edge);
  const K = detected.filter(Boolean).length;
  const se = (c: number): number => (1.25 * (sigma[c] as number)) / Math.sqrt(K);
  // Initial contact's band: CONTACT_BAND_LEG (sole compression), but no more than half of the
  // foot's last frame of descent, so that at high frame rates, where a centimetre is several
  // frames of descent, the event stays within half a frame of where the descent ends. Half a
  // frame's descent also covers the rounding of the landing corner when strides sampled at
  // different sub-frame phases are averaged (up to a quarter of a frame's descent). Two standard
  // errors of the template (its resolution) only guard which descent it is (guardedCrossing).
  const bandOf = (step: number): number => Math.min(CONTACT_BAND_LEG * legPx, 0.5 * step);
  const lo = -Math.max(3, Math.round(0.13 * fps));
  const hi = Math.max(2, Math.round(0.1 * fps));
  // The coarse threshold crossings were off by up to ±3–4 frames at 30 fps on the labelled clip
  // (≈ ±0.1 s): the alignment searches that far.
  const maxShift = Math.max(1.5, 0.1 * fps);
  const at0 = -lo; // the anchor's offset in the template
  // The contact template spans the whole stance, lift-off included, and as much after the lift-off
  // as before the contact: a vertical error b of a foot point moves an event by b over the point's
  // vertical speed there, and the heel's last approach to the belt is slow (late-swing retraction,
  // the foot a few cm up), the toe's lift fast (17-27 px a frame on the sample clip at 30 fps). So
  // one model's heel bias moves its contacts by frames (MediaPipe lite: the swing heel at belt level
  // 3-4 frames early) where every model places the lift-off within a frame (toe-offs 31-34 of 34
  // on the sample clip's four landmark sets, contacts 6-30 of 30). A window of a few frames around
  // a coarse contact that is itself 3-4 frames early holds no landing to align on; one spanning the
  // stance aligns each stride on its landing, plateau and lift together (docs/gait-methods.md).
  const contact = median(stances.filter((s) => !s.inferred && !s.edge).map((s) => s.toF - s.icF));
  const hiIc = Math.max(hi, Math.round(contact) - lo);

  const ic = alignOnTemplate(
    channels,
    stances.map((s) => s.icF),
    lo,
    hiIc,
    maxShift,
    sigma,
    detected,
  );
  // The contact on a contact template: this clip's, or a bootstrap's (eventsTemplateSpread.ts).
  const readContact = (T: readonly Float64Array[]): number | null => {
    const [heelT, toeT] = T as [Float64Array, Float64Array];
    const lowest = Float64Array.from(heelT, (v, o) => Math.min(v, toeT[o] as number));
    // The foot's lowest point on the belt, sought in the first half of the stance (before heel-off).
    let start = at0;
    const firstHalf = Math.min(lowest.length - 1, at0 + Math.max(1, Math.round(contact / 2)));
    for (let o = at0; o <= firstHalf; o++) if ((lowest[o] as number) < (lowest[start] as number)) start = o;
    let drop = 0;
    for (let o = Math.max(1, at0 - 2); o <= start; o++)
      drop = Math.max(drop, (lowest[o - 1] as number) - (lowest[o] as number) || 0);
    const band = bandOf(drop);
    return landing(lowest, start, Math.max(band, 2 * Math.min(se(0), se(1))), band, fps);
  };
  const icOff = readContact(ic.template);

  const to = alignOnTemplate(
    channels,
    stances.map((s) => s.toF),
    -hi,
    -lo,
    maxShift,
    sigma,
    detected,
  );
  const readToeOff = (T: readonly Float64Array[]): number | null => {
    const toeTo = T[1] as Float64Array;
    let startTo = hi;
    for (let o = 0; o <= hi; o++) if ((toeTo[o] as number) < (toeTo[startTo] as number)) startTo = o;
    let rise = 0;
    for (let o = startTo; o + 1 < toeTo.length && o <= hi + 2; o++)
      rise = Math.max(rise, (toeTo[o + 1] as number) - (toeTo[o] as number) || 0);
    // Toe-off: no compression to allow for (the sole unloads), only the rounding of the corner by
    // the averaging of sub-frame phases (a quarter of a frame's rise); the template's resolution
    // guards which rise it is. Only where the template shows a lift: its steepest frame of rise
    // beyond its resolution (the toe lifts fast, 17-27 px a frame on the sample clip at 30 fps; a
    // walker's hovering toe gave templates rising 0.7-1.2 px a frame against 1.5-1.9 px, where
    // the guard's crossing is noise and nothing lies below it to place).
    const toBand = 0.25 * rise;
    const toGuard = Math.max(2 * se(1), toBand);
    return rise > toGuard
      ? guardedCrossing(toeTo, startTo, 1, toGuard, toBand)
      : crossing(toeTo, startTo, 1, toGuard);
  };
  const toOff = readToeOff(to.template);
  onFit?.({ builders: detected, ic: { fit: ic, read: readContact }, to: { fit: to, read: readToeOff } });

  // A contact put in by the rhythm stays only if its foot fits the template as well as the
  // detected stances do (within 3× their median misfit, for both ends of the stance).
  // It must also stand on the belt: its heel and toe levels within the spread of the detected
  // stances' levels (3 robust SDs, at least 2% of a leg), or the template would match a foot
  // held above the belt, its shape being the same.
  const fits = (f: TemplateFit): number => 3 * median(f.costs.filter((_, k) => detected[k]));
  const [icMax, toMax] = [fits(ic), fits(to)];
  const onBelt = (k: number): boolean =>
    [0, 1].every((c) => {
      const ref = levels.filter((_, q) => detected[q]).map((l) => l[c] as number);
      const m = median(ref);
      const tol = Math.max(3 * 1.4826 * median(ref.map((v) => Math.abs(v - m))), 0.02 * legPx);
      return Math.abs((levels[k]?.[c] as number) - m) <= tol;
    });
  // Anchors that left the foot's rhythm are searched again near it (eventsOnRhythm.ts).
  const icAt = contactsOnRhythm(ic.anchors, detected, ic.costAt, icMax);
  const toAt = toeOffsOnRhythm(to.anchors, icAt, detected, to.costAt, toMax);
  return stances.flatMap((st, k) => {
    const confirmed = (ic.costs[k] as number) <= icMax && (to.costs[k] as number) <= toMax && onBelt(k);
    if (st.inferred && !confirmed) return [];
    const icF = icOff === null ? st.icF : (icAt[k] as number) + lo + icOff;
    const toF = toOff === null ? st.toF : (toAt[k] as number) - hi + toOff;
    if (toF > icF) return [{ ...st, icF, toF }];
    return st.inferred ? [] : [st];
  });
}

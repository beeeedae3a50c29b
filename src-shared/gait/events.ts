/**
 * Gait-event stage: initial contact (IC), toe-off (TO), midstance (MS) and late swing (LS) per foot,
 * from the cleaned trajectories, for running of every strike type and for walking.
 *
 * Contact is read from the foot's lowest point (the lower of heel and toe), which touches the belt
 * first whatever the strike type: the heel in a rearfoot strike, the toe in a forefoot strike. This
 * adapts the foot-vertical-position/velocity approach of Handsaker 2016 and Leitch 2011 (foot
 * markers' vertical kinematics detect contact across strike types, where Zeni 2008's horizontal
 * foot-to-pelvis extremes, made for walking, fire early in running because of swing-leg retraction)
 * and keeps Zeni's idea of working relative to the pelvis for the stance check.
 *
 * 1. Ground level per foot and per point (heel, toe): the median of its lowest 10% of heights (the
 *    far foot's belt line sits higher in the image; the model's heel point sits higher than its toe
 *    point on a flat foot). The foot's height is the lower of heel and toe above their own levels.
 * 2. Candidate stances: the foot below an entry threshold, max(4% of a leg length, 3 × the height
 *    jitter on the belt), with hysteresis (it leaves at twice that), lasting at least 80 ms (elite
 *    sprint contacts are ~90 ms), and (side view) not moving forward relative to the pelvis: a
 *    swing foot moves forward, which also splits walking stances whose swing foot skims the belt.
 *    Runs at the clip's edges and the lift-off of a foot hovering in the band: eventsRuns.ts.
 * 3. Contact times. Noise-free data: the first and last frames on the stance plateau, refined to
 *    sub-frame time by extending the approach line of the two frames before (after). Noisy data:
 *    the entry-threshold crossings, refined by a two-segment fit on the unfiltered heights
 *    (kinkFit: plateau plus straight descent or lift) when the fit stays within max(1.5 frames,
 *    50 ms) of the crossing.
 * 4. MS: side view, the stance ankle passing under the pelvis centre (clinical-variables.md), with
 *    the frame of peak stance knee flexion as fallback; rear view, the lowest pelvis in stance
 *    (= peak knee flexion in running).
 * 5. LS: side view, the peak of hip flexion (thigh vs vertical) between the previous TO and the
 *    frame before IC, refined by the cubic through the peak and its three nearest neighbours.
 * Each event carries a confidence 0..1 from the landmarks' visibility around it and, for IC/TO, how
 * far the foot moves in the 25 ms outside the contact compared with the plateau jitter.
 */
import type { AngleSet } from './angles';
import { median } from '../stats';
import { makeEvent } from './eventFrame';
import { byRhythm } from './eventsRhythm';
import { MIN_TEMPLATE_STRIDES, refineByTemplate } from './eventsTemplate';
import { templateSpread, withTemplateSpread, type TemplateSpread } from './eventsTemplateSpread';
import { footInImage, type ImageBounds } from './eventsImage';
import { beyondClip, edgeRuns, endContactShown, hysteresisRuns, onBelt } from './eventsRuns';
import { kinkFit, peak } from './subframe';
import { SIDES, type Body, type GaitEvent, type GaitView, type Side, type Timeline } from './types';

export { eventFrame, makeEvent } from './eventFrame';

const TAU = 0.04;
const MIN_STANCE_S = 0.08;

interface Stance {
  readonly side: Side;
  readonly ic: GaitEvent;
  readonly to: GaitEvent;
  /** Its lift-off read at the leave level (below): gives way in the rhythm (eventsRhythm.ts). */
  readonly weak?: boolean;
}

/**
 * Median of the lowest 10% of a point's heights: its height when on the belt. (10%: a forefoot
 * striker's heel is down for only ~10% of the stride.)
 */
function groundOf(y: Float64Array): number {
  const finite = Array.from(y)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return median(finite.slice(0, Math.max(1, Math.floor(finite.length / 10))));
}

/**
 * The foot's height above the belt: the lower of heel and toe, each measured from its own height
 * on the belt. The pose model's heel point sits above the sole and its toe point near it, so the
 * heel touches down at a higher image height than the toe does.
 */
function footHeight(body: Body, side: Side, ground: { heel: number; toe: number }): Float64Array {
  const h = body[side].heel.y;
  const t = body[side].toe.y;
  return Float64Array.from(h, (v0, i) => {
    const v = v0 - ground.heel;
    const w = (t[i] as number) - ground.toe;
    if (Number.isFinite(v) && Number.isFinite(w)) return Math.min(v, w);
    return Number.isFinite(v) ? v : w;
  });
}

function pelvisX(body: Body, i: number): number {
  return ((body.left.hip.x[i] as number) + (body.right.hip.x[i] as number)) / 2;
}

function meanVis(
  body: Body,
  side: Side,
  joints: readonly ('heel' | 'toe' | 'ankle' | 'hip' | 'knee')[],
  at: number,
): number {
  let s = 0;
  let k = 0;
  const n = body[side].heel.v.length;
  for (let i = Math.max(0, at - 2); i <= Math.min(n - 1, at + 2); i++) {
    for (const j of joints) {
      s += body[side][j].v[i] as number;
      k++;
    }
  }
  return k ? s / k : 0;
}

function detectStances(
  body: Body,
  raw: Body,
  tl: Timeline,
  side: Side,
  legPx: number,
  view: GaitView,
  noisePx: number,
  /** Receives the lone toe-off (contact) of a stance cut by the clip's start (end). */
  edgeEvents: GaitEvent[],
  bounds?: ImageBounds,
): Stance[] {
  const ground = { heel: groundOf(body[side].heel.y), toe: groundOf(body[side].toe.y) };
  const h = footHeight(body, side, ground);
  const hRaw = footHeight(raw, side, ground);
  const n = h.length;
  // Frames where the foot is outside the image are frames where it is not seen.
  if (bounds)
    for (let i = 0; i < n; i++)
      if (!footInImage(raw[side], i, bounds)) {
        h[i] = NaN;
        hRaw[i] = NaN;
      }
  const finite = Array.from(h)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (finite.length < 8) return [];
  const g0 = median(finite.slice(0, Math.max(1, Math.floor(finite.length / 4))));
  // Jitter of the unfiltered foot height while on the belt (lowest third of the frames), from
  // second differences: for white noise of SD σ, x_i − (x_{i−1} + x_{i+1})/2 has SD σ·√1.5.
  const third = finite[Math.floor(finite.length / 3)] as number;
  const d2: number[] = [];
  for (let i = 1; i + 1 < n; i++) {
    if (!((h[i] as number) <= third)) continue;
    const v = (hRaw[i] as number) - ((hRaw[i - 1] as number) + (hRaw[i + 1] as number)) / 2;
    if (Number.isFinite(v)) d2.push(Math.abs(v));
  }
  const jitter = d2.length >= 5 ? (1.4826 * median(d2)) / Math.sqrt(1.5) : 0;
  const noisy = noisePx > 0 || jitter > 1e-4 * legPx;
  const tau = Math.max(TAU * legPx, 3 * jitter);
  const enter = g0 + tau;
  const leave = g0 + 2 * tau;

  // Side view: the foot's horizontal velocity relative to the pelvis, leg lengths per second. A
  // stance foot moves backward with the belt; a swing foot forward. This splits walking stances,
  // whose swing foot stays close to the ground.
  const rel = Float64Array.from(body[side].ankle.x, (x, i) => x - pelvisX(body, i));
  const forward = (i: number): boolean => {
    if (view !== 'side') return false;
    const a = Math.max(0, i - 1);
    const b = Math.min(n - 1, i + 1);
    const dt = (tl.t[b] as number) - (tl.t[a] as number);
    const v = ((rel[b] as number) - (rel[a] as number)) / dt / legPx;
    return v > 0.2;
  };

  // Candidate stance runs, with hysteresis on the height, and those the clip's edges cut
  // (eventsRuns.ts: a run on the clip's second frame too short to be a whole stance is one).
  const runs = edgeRuns(hysteresisRuns(h, enter, leave, forward), tl.t, MIN_STANCE_S);
  const limit = Math.max(1.5, 0.05 * tl.fps);
  // Where the template will not time the stances (under 4 a foot), the lift-off of a foot that
  // hovers inside the band after its last frame at the entry level is read at the leave level
  // (eventsRuns.ts); where it will, the entry-level anchor the template was chosen with is kept
  // (docs/gait-methods.md, round 5).
  const scan = (hoverFrames: number): { out: Stance[]; edges: { st: Stance; edge: 'start' | 'end' }[] } => {
    const out: Stance[] = [];
    const edges: { st: Stance; edge: 'start' | 'end' }[] = [];
    for (const { rs, re, cutStart, cutEnd } of runs) {
      // A stance cut by the clip's start still shows its toe-off, one cut by the end its contact
      // (on the belt for 2 frames and 50 ms after it); the other end is not in the clip.
      if (cutStart && cutEnd) continue;
      if (!cutStart && !cutEnd && (tl.t[re - 1] as number) - (tl.t[rs] as number) < MIN_STANCE_S) continue;
      if (re - rs < 3) continue;
      // The stance foot moves backward relative to the pelvis (side view only: x is depth in a rear view).
      // The ankle, or where the model lost it at either end (the far foot half hidden), the heel or
      // the toe: whichever foot point is there at both ends.
      if (view === 'side') {
        const a = (['ankle', 'heel', 'toe'] as const)
          .map((j) => body[side][j].x)
          .find((x) => Number.isFinite(x[rs] as number) && Number.isFinite(x[re - 1] as number));
        if (!a) continue;
        const d0 = (a[rs] as number) - pelvisX(body, rs);
        const d1 = (a[re - 1] as number) - pelvisX(body, re - 1);
        if (!(d1 < d0)) continue;
      }
      // Plateau: ground level and jitter of this stance.
      const inner = Array.from(h.subarray(rs, re)).filter(Number.isFinite);
      const lowHalf = [...inner].sort((p, q) => p - q).slice(0, Math.max(1, Math.ceil(inner.length / 2)));
      const g = median(lowHalf);
      const sigma = 1.4826 * median(lowHalf.map((v) => Math.abs(v - g)));
      // Noise-free data: the first and last frames at the plateau, refined by extending the line of
      // the two frames before (after) to the plateau (exact for a straight approach). Noisy data: the
      // crossings of the entry threshold, refined by the two-segment fit on the unfiltered heights
      // when the fit agrees with them (within 1.5 frames or 50 ms: a fit moved further is fitting
      // a foot that rolls or a plateau that is not flat, as real clips have).
      const level = noisy ? enter : g + 1e-6 * legPx;
      // A foot that stays inside the band after its last frame at the entry level (or reached it on
      // one frame only) has its lift-off read at the leave level, and is weak (eventsRuns.ts): the
      // mirrored sample clip's near foot, frames 146-151 (10, 18, 21, 19, 19, 26 px against 14 and 26).
      const belt = onBelt(h, rs, re, level, leave, noisy, hoverFrames);
      if (!belt) continue;
      const { k, j, liftLevel, weak } = belt;
      const extend = (near: number, far: number, at: number): number => {
        const hn = h[near] as number;
        const hf = h[far] as number;
        if (far < 0 || far >= n || !Number.isFinite(hn) || !Number.isFinite(hf) || !(hf > hn)) return near;
        return near + (at - near) * Math.max(0, Math.min(1, (hn - level) / (hf - hn)));
      };
      const cross = (a: number, b: number, lv = level): number => {
        const ha = h[a] as number;
        const hb = h[b] as number;
        if (a < 0 || a >= n || !Number.isFinite(ha) || !Number.isFinite(hb) || ha === hb) return b;
        return a + (b - a) * Math.max(0, Math.min(1, (ha - lv) / (ha - hb)));
      };
      let icF: number;
      let toF: number;
      if (!noisy) {
        icF = k > 0 ? extend(k - 1, k - 2, k) : k;
        toF = j + 1 < n ? extend(j + 1, j + 2, j) : j;
      } else {
        const icThr = cross(k - 1, k);
        const toThr = cross(j + 1, j, liftLevel);
        const icFit = kinkFit(hRaw, k, j, -1, legPx, tl.fps);
        const toFit = kinkFit(hRaw, k, j, 1, legPx, tl.fps);
        icF = icFit !== null && Math.abs(icFit - icThr) <= limit ? icFit : icThr;
        toF = toFit !== null && Math.abs(toFit - toThr) <= limit ? toFit : toThr;
      }
      // Clarity: how far the foot moves in the 25 ms outside the contact, against the jitter.
      const w = Math.max(1, Math.round(0.025 * tl.fps));
      const rise = (a: number, b: number): number => {
        const ha = h[Math.max(0, Math.min(n - 1, a))] as number;
        const hb = h[Math.max(0, Math.min(n - 1, b))] as number;
        return Number.isFinite(ha) && Number.isFinite(hb) ? Math.abs(ha - hb) : 0;
      };
      const clarity = (r: number): number => (sigma > 0 ? Math.min(1, r / (3 * sigma)) : 1);
      const icConf =
        meanVis(body, side, ['heel', 'toe'], k) * clarity(rise(Math.floor(icF) - w, Math.ceil(icF)));
      const toConf =
        meanVis(body, side, ['heel', 'toe'], j) * clarity(rise(Math.ceil(toF) + w, Math.floor(toF)));
      const st: Stance = {
        side,
        ic: makeEvent(tl, 'initial-contact', side, icF, icConf),
        to: makeEvent(tl, 'toe-off', side, toF, toConf),
        ...(weak ? { weak: true } : {}),
      };
      if (cutStart) edges.push({ st, edge: 'start' });
      else if (cutEnd) {
        if (endContactShown(j, icF, limit)) edges.push({ st, edge: 'end' });
      } else out.push(st);
    }
    return { out, edges };
  };
  let { out, edges } = scan(Infinity);
  if (noisy && out.length < MIN_TEMPLATE_STRIDES) ({ out, edges } = scan(limit));
  const edgeEvent = (st: Stance, edge: 'start' | 'end'): GaitEvent => (edge === 'start' ? st.to : st.ic);
  if (!noisy || out.length < MIN_TEMPLATE_STRIDES) {
    edgeEvents.push(...edges.map((e) => edgeEvent(e.st, e.edge)));
    return out;
  }
  // Noisy landmarks: stances checked against the foot's stride rhythm, then timed on the
  // ensemble template of its stances (eventsRhythm.ts, eventsTemplate.ts); the stances cut by the
  // clip's edges are timed on the same template, and all carry its bootstrap spread.
  let spread: TemplateSpread = { ic: null, to: null };
  const refinedAll = refineByTemplate(
    [
      ...byRhythm(out.map((st) => ({ icF: st.ic.atF, toF: st.to.atF, weak: st.weak }))),
      ...edges.map((e) => ({ icF: e.st.ic.atF, toF: e.st.to.atF, inferred: false, edge: e.edge })),
    ],
    raw[side],
    legPx,
    tl.fps,
    (fits) => (spread = templateSpread(fits)),
  );
  // A lone event of a stance the edge cuts (or the template timed past it), where the clip shows it.
  for (const r of refinedAll) {
    const edge = r.edge ?? beyondClip(r.icF, r.toF, n);
    const at = edge === 'start' ? r.toF : r.icF;
    if (!edge || r.inferred) continue;
    const st = r.edge
      ? edges.find((x) => x.edge === r.edge && Math.abs(edgeEvent(x.st, x.edge).atF - at) < 0.2 * tl.fps)?.st
      : out.reduce((a, b) => (Math.abs(b.ic.atF - r.icF) < Math.abs(a.ic.atF - r.icF) ? b : a));
    if (!st) continue;
    const ev = edge === 'start' ? makeEvent(tl, 'toe-off', side, r.toF, st.to.confidence) : null;
    edgeEvents.push(
      withTemplateSpread(ev ?? makeEvent(tl, 'initial-contact', side, r.icF, st.ic.confidence), spread),
    );
  }
  // A contact the rhythm put in where the foot was outside the image is not one it saw.
  const seen = (f: number): boolean => {
    const i = Math.max(0, Math.min(n - 1, Math.round(f)));
    return !bounds || footInImage(raw[side], i, bounds);
  };
  const refined = refinedAll.filter(
    (r) => !r.edge && !beyondClip(r.icF, r.toF, n) && (!r.inferred || (seen(r.icF) && seen(r.toF))),
  );
  // A contact the rhythm put in carries half the clip's typical confidence of that foot.
  const typical = median(out.map((st) => Math.min(st.ic.confidence, st.to.confidence)));
  const timed = refined.map((r) => {
    const same = out.find((st) => st.ic.atF === r.icF && st.to.atF === r.toF);
    if (same) return same;
    const near = out.reduce((a, b) => (Math.abs(b.ic.atF - r.icF) < Math.abs(a.ic.atF - r.icF) ? b : a));
    const [ci, ct] = r.inferred ? [0.5 * typical, 0.5 * typical] : [near.ic.confidence, near.to.confidence];
    return {
      side,
      ic: makeEvent(tl, 'initial-contact', side, r.icF, ci),
      to: makeEvent(tl, 'toe-off', side, r.toF, ct),
    };
  });
  return timed.map((st) => ({
    ...st,
    ic: withTemplateSpread(st.ic, spread),
    to: withTemplateSpread(st.to, spread),
  }));
}

function midstance(body: Body, tl: Timeline, angles: AngleSet, st: Stance, view: GaitView): GaitEvent | null {
  const side = st.side;
  const lo = Math.ceil(st.ic.atF);
  const hi = Math.floor(st.to.atF);
  if (hi <= lo) return null;
  if (view === 'side') {
    const a = body[side].ankle.x;
    let prev = NaN;
    for (let i = lo; i <= hi; i++) {
      const d = (a[i] as number) - pelvisX(body, i);
      if (Number.isFinite(prev) && prev > 0 && d <= 0) {
        const f = i - 1 + prev / (prev - d);
        return makeEvent(tl, 'midstance', side, f, meanVis(body, side, ['ankle', 'hip'], i));
      }
      prev = d;
    }
    const knee = angles['knee-flexion']?.[side];
    const p = knee ? peak(knee, lo, hi) : null;
    return p === null
      ? null
      : makeEvent(
          tl,
          'midstance',
          side,
          p,
          0.5 * meanVis(body, side, ['hip', 'knee', 'ankle'], Math.round(p)),
        );
  }
  // Rear view: lowest pelvis centre in stance.
  const neg = new Float64Array(tl.t.length);
  for (let i = 0; i < neg.length; i++)
    neg[i] = -(((body.left.hip.y[i] as number) + (body.right.hip.y[i] as number)) / 2);
  const p = peak(neg, lo, hi);
  return p === null
    ? null
    : makeEvent(tl, 'midstance', side, p, 0.7 * meanVis(body, side, ['hip'], Math.round(p)));
}

export function detectEvents(
  body: Body,
  unfiltered: Body,
  tl: Timeline,
  angles: AngleSet,
  legPx: number,
  view: GaitView,
  /** The clip's landmark noise estimate, pixels (clean stage), 0 if unknown. */
  noisePx = 0,
  /** The image's extent: no event where the foot is outside it. */
  bounds?: ImageBounds,
): GaitEvent[] {
  const events: GaitEvent[] = [];
  for (const side of SIDES) {
    const edgeEvents: GaitEvent[] = [];
    const stances = detectStances(body, unfiltered, tl, side, legPx, view, noisePx, edgeEvents, bounds);
    events.push(...edgeEvents);
    for (let i = 0; i < stances.length; i++) {
      const st = stances[i] as Stance;
      events.push(st.ic, st.to);
      const ms = midstance(body, tl, angles, st, view);
      if (ms) events.push(ms);
      const hip = angles['hip-flexion']?.[side];
      if (view === 'side' && hip) {
        const prev = stances[i - 1];
        const lo =
          prev && st.ic.t - prev.ic.t < 2.5 ? Math.ceil(prev.to.atF) : Math.ceil(st.ic.atF - 0.3 * tl.fps);
        if (lo >= 0) {
          // Frames strictly before the contact frame: after contact the thigh can keep moving forward.
          const hi = Math.ceil(st.ic.atF) - 1;
          const p = peak(hip, lo, hi);
          if (p !== null && p > lo && p < hi + 0.5)
            events.push(
              makeEvent(tl, 'late-swing', side, p, meanVis(body, side, ['hip', 'knee'], Math.round(p))),
            );
        }
      }
    }
  }
  return events.sort((a, b) => a.atF - b.atF);
}

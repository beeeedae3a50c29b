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
 * 1. Ground level per foot: the median of the lowest quarter of the foot's heights (each foot has
 *    its own: the far foot's belt line sits higher in the image).
 * 2. Candidate stances: the foot within 4% of a leg length of the ground (hysteresis: it leaves at
 *    8%), lasting at least 50 ms, and (side view) not moving forward relative to the pelvis: a
 *    swing foot moves forward, which also splits walking stances whose swing foot skims the belt.
 * 3. Each stance's own ground level and jitter (median and MAD of the plateau); IC is the first
 *    frame within 2.5 jitter SDs of the ground after the descent, TO the last before the lift; both
 *    are then refined to sub-frame time on the unfiltered heights (kinkFit: a plateau-plus-line fit),
 *    or, for noise-free data, by extending the last two frames' line.
 * 4. MS: side view, the stance ankle passing under the pelvis centre (clinical-variables.md), with
 *    the frame of peak stance knee flexion as fallback; rear view, the lowest pelvis in stance
 *    (= peak knee flexion in running).
 * 5. LS: side view, the peak of hip flexion (thigh vs vertical) between the previous TO and IC,
 *    refined by a parabola through the peak and its neighbours.
 * Each event carries a confidence 0..1 from the landmarks' visibility around it and, for IC/TO, how
 * far the foot moves per frame compared with the jitter.
 */
import type { AngleSet } from './angles';
import {
  SIDES,
  type Body,
  type EventKind,
  type GaitEvent,
  type GaitView,
  type Side,
  type Timeline,
} from './types';

const TAU = 0.04;
const MIN_STANCE_S = 0.05;

interface Stance {
  readonly side: Side;
  readonly ic: GaitEvent;
  readonly to: GaitEvent;
}

function timeAt(tl: Timeline, f: number): number {
  const i = Math.floor(f);
  const a = tl.t[Math.max(0, Math.min(tl.t.length - 1, i))] as number;
  const b = tl.t[Math.max(0, Math.min(tl.t.length - 1, i + 1))] as number;
  return a + (b - a) * (f - i);
}

export function makeEvent(
  tl: Timeline,
  kind: EventKind,
  side: Side,
  atF: number,
  confidence: number,
  source: GaitEvent['source'] = 'detected',
): GaitEvent {
  const clamped = Math.max(0, Math.min(tl.t.length - 1, atF));
  return {
    kind,
    side,
    at: Math.round(clamped),
    atF: clamped,
    t: timeAt(tl, clamped),
    confidence: Math.max(0, Math.min(1, confidence)),
    source,
  };
}

function median(a: number[]): number {
  const s = [...a].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length === 0
    ? NaN
    : s.length % 2
      ? (s[m] as number)
      : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function footHeight(body: Body, side: Side): Float64Array {
  const h = body[side].heel.y;
  const t = body[side].toe.y;
  return Float64Array.from(h, (v, i) => {
    const w = t[i] as number;
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

/**
 * Sub-frame contact from the unfiltered heights, by a two-segment least-squares fit around the
 * coarse contact frame: a flat stance plateau joined at the contact time to a straight descent
 * (IC) or lift (TO), h(i) = g + s·max(0, ±(i − tc)), with tc searched on a 0.05-frame grid and g, s
 * solved linearly for each tc. Using unfiltered data avoids the low-pass filter rounding the
 * contact "kink" (which delays IC and advances TO by tens of ms); fitting both segments over many
 * frames averages the landmark noise out. Only heights up to 10% of a leg length above the plateau
 * enter the fit, where the foot's path is close to straight.
 */
function kinkFit(
  raw: Float64Array,
  k: number,
  j: number,
  dir: -1 | 1,
  legPx: number,
  fps: number,
): number | null {
  const n = raw.length;
  const near = dir < 0 ? k : j;
  const span = Math.max(6, Math.round(0.15 * fps));
  const plateau: number[] = [];
  for (let i = k; i <= j; i++) if (Number.isFinite(raw[i] as number)) plateau.push(raw[i] as number);
  if (plateau.length < 2) return null;
  const g0 = median(plateau);
  const top = g0 + 0.05 * legPx;
  // Clearly off the plateau: the points that define the descent (lift) line.
  const off = g0 + Math.max(3 * 1.4826 * median(plateau.map((v) => Math.abs(v - g0))), 0.01 * legPx);
  const idx: number[] = [];
  // Inside the stance (up to the other end of the plateau), then outward until the foot is high.
  const inner = dir < 0 ? Math.min(j, near + span) : Math.max(k, near - span);
  for (let i = Math.min(inner, near); i <= Math.max(inner, near); i++) {
    if (Number.isFinite(raw[i] as number)) idx.push(i);
  }
  let outward = 0;
  for (let i = near + dir; Math.abs(i - near) <= span && i >= 0 && i < n; i += dir) {
    const v = raw[i] as number;
    if (!Number.isFinite(v)) continue;
    // At low frame rates the foot crosses the band in a frame or two: a line needs two points.
    if (v > top && outward >= 2) break;
    idx.push(i);
    if (v > off) outward++;
    if (v > top && outward >= 2) break;
  }
  if (idx.length < 4) return null;
  let best: number | null = null;
  let bestSse = Infinity;
  const lo = near - span;
  const hi = near + span;
  for (let tc = lo; tc <= hi; tc += 0.05) {
    let m = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (const i of idx) {
      const x = Math.max(0, dir * (i - tc));
      const y = raw[i] as number;
      m++;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      syy += y * y;
    }
    const den = m * sxx - sx * sx;
    if (!(den > 1e-12)) continue;
    const slope = (m * sxy - sx * sy) / den;
    if (!(slope > 0)) continue;
    const g = (sy - slope * sx) / m;
    const sse = syy - g * sy - slope * sxy;
    if (sse < bestSse) {
      bestSse = sse;
      best = tc;
    }
  }
  return best;
}

function detectStances(
  body: Body,
  raw: Body,
  tl: Timeline,
  side: Side,
  legPx: number,
  view: GaitView,
  noisePx: number,
): Stance[] {
  const h = footHeight(body, side);
  const hRaw = footHeight(raw, side);
  const n = h.length;
  const finite = Array.from(h)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (finite.length < 8) return [];
  const g0 = median(finite.slice(0, Math.max(1, Math.floor(finite.length / 4))));
  const enter = g0 + TAU * legPx;
  const leave = g0 + 2 * TAU * legPx;

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

  // Candidate stance runs, with hysteresis on the height.
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

  const out: Stance[] = [];
  for (const [rs, re] of runs) {
    if (rs === 0 || re >= n) continue; // cut by the clip's edges: its IC or TO is not in the clip
    if ((tl.t[re - 1] as number) - (tl.t[rs] as number) < MIN_STANCE_S) continue;
    // The stance foot moves backward relative to the pelvis (side view only: x is depth in a rear view).
    if (view === 'side') {
      const a = body[side].ankle.x;
      const d0 = (a[rs] as number) - pelvisX(body, rs);
      const d1 = (a[re - 1] as number) - pelvisX(body, re - 1);
      if (!(d1 < d0)) continue;
    }
    // Plateau: ground level and jitter of this stance.
    const inner = Array.from(h.subarray(rs, re)).filter(Number.isFinite);
    const lowHalf = [...inner].sort((p, q) => p - q).slice(0, Math.max(1, Math.ceil(inner.length / 2)));
    const g = median(lowHalf);
    const mad = median(lowHalf.map((v) => Math.abs(v - g)));
    const sigma = 1.4826 * mad;
    const eps = Math.max(2.5 * sigma, 1e-6 * legPx);
    const level = g + eps;
    // IC: first frame at ground level in the run; sub-frame crossing from the frame before.
    let k = rs;
    while (k < re && !((h[k] as number) <= level)) k++;
    let j = re - 1;
    while (j > k && !((h[j] as number) <= level)) j--;
    if (k >= j) continue;
    // Sub-frame contact time: extend the foot's descent (or lift) line from the two frames before
    // (after) the first (last) frame at ground level to the level, staying within that frame gap.
    const extend = (near: number, far: number, ground: number): number => {
      const hn = h[near] as number;
      const hf = h[far] as number;
      if (far < 0 || far >= n || !Number.isFinite(hn) || !Number.isFinite(hf) || !(hf > hn)) return near;
      return near + (ground - near) * Math.max(0, Math.min(1, (hn - level) / (hf - hn)));
    };
    // Noise-free data: extend the last two frames' line (exact for a straight approach); otherwise
    // the two-segment fit on the unfiltered heights.
    const noisy = noisePx > 0 || sigma > 0;
    const icF =
      (noisy ? kinkFit(hRaw, k, j, -1, legPx, tl.fps) : null) ?? (k > 0 ? extend(k - 1, k - 2, k) : k);
    const toF =
      (noisy ? kinkFit(hRaw, k, j, 1, legPx, tl.fps) : null) ?? (j + 1 < n ? extend(j + 1, j + 2, j) : j);
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
    out.push({
      side,
      ic: makeEvent(tl, 'initial-contact', side, icF, icConf),
      to: makeEvent(tl, 'toe-off', side, toF, toConf),
    });
  }
  return out;
}

/**
 * Sub-frame position of the maximum of a[lo..hi]: the frame of the largest value, refined by the
 * cubic through it and its three nearest neighbours (a parabola through three points is biased
 * toward the flatter side of a skewed peak).
 */
function peak(a: Float64Array, lo: number, hi: number): number | null {
  let best = -1;
  let bv = -Infinity;
  for (let i = Math.max(0, lo); i <= Math.min(a.length - 1, hi); i++) {
    const v = a[i] as number;
    if (Number.isFinite(v) && v > bv) {
      bv = v;
      best = i;
    }
  }
  if (best < 0 || best <= lo || best >= hi) return best < 0 ? null : best;
  const l = a[best - 1] as number;
  const r = a[best + 1] as number;
  const s = r > l ? best - 1 : best - 2;
  const y = [a[s], a[s + 1], a[s + 2], a[s + 3]] as number[];
  if (s < lo || s + 3 > hi || !y.every(Number.isFinite)) {
    const den = l - 2 * bv + r;
    return Number.isFinite(den) && den < 0
      ? best + Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / den))
      : best;
  }
  // Cubic through (0..3, y) in Newton form; its derivative's root nearest the best frame.
  const [y0, y1, y2, y3] = y as [number, number, number, number];
  const c3 = (y3 - 3 * y2 + 3 * y1 - y0) / 6;
  const c2 = (y2 - 2 * y1 + y0) / 2 - 3 * c3;
  const c1 = y1 - y0 - c2 - c3;
  // p(x) = y0 + c1 x + c2 x² + c3 x³  →  p'(x) = c1 + 2 c2 x + 3 c3 x²
  const x0 = best - s;
  const roots: number[] = [];
  if (Math.abs(c3) < 1e-12) {
    if (c2 !== 0) roots.push(-c1 / (2 * c2));
  } else {
    const disc = 4 * c2 * c2 - 12 * c3 * c1;
    if (disc >= 0) {
      const q = Math.sqrt(disc);
      roots.push((-2 * c2 + q) / (6 * c3), (-2 * c2 - q) / (6 * c3));
    }
  }
  const ok = roots.filter((x) => Math.abs(x - x0) <= 1 && 2 * c2 + 6 * c3 * x < 0);
  return ok.length ? s + (ok[0] as number) : best;
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
): GaitEvent[] {
  const events: GaitEvent[] = [];
  for (const side of SIDES) {
    const stances = detectStances(body, unfiltered, tl, side, legPx, view, noisePx);
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

/**
 * Person selection: with several people in view, hold ONE track through the clip — the patient, not
 * a bystander. MediaPipe returns up to `numPoses` poses per frame with no identity; this links them
 * into tracklets by bounding-box overlap (IoU, as in SORT: Bewley et al. 2016, "Simple Online and
 * Realtime Tracking", without the Kalman step: at 30–60 fps a runner's box moves little per frame),
 * then chooses one tracklet and extends it with the tracklets that continue it after a gap.
 *
 * Default choice: the runner, i.e. the tracklet with the largest sum over its frames of
 * (box area / image area) × centrality — large, central and persistent in one score. The user can
 * choose another by giving a point on a frame: the person whose box holds that point.
 *
 * Pure: boxes in, per-frame choice out; unit-tested on generated scenes (track.test.ts).
 */

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface Pick {
  readonly frame: number;
  readonly x: number;
  readonly y: number;
}

export interface TrackOptions {
  readonly width: number;
  readonly height: number;
  /** Minimum IoU to link a box to a tracklet's last box. */
  readonly minIou?: number;
  /** Frames a tracklet may miss and still be continued. */
  readonly maxGap?: number;
}

/** Tunables, with why. */
const DEFAULTS = {
  // Consecutive boxes of one runner overlap far more than 0.3 at 30 fps; two people crossing rarely
  // do for long, and when they do the greedy highest-IoU match keeps each on its own box.
  minIou: 0.3,
  // Half a second at 30 fps: MediaPipe's tracker drops a person for a few frames when limbs blur.
  maxGap: 15,
};

export const area = (b: Box): number => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const iy = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = ix * iy;
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

const contains = (b: Box, x: number, y: number): boolean => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
const centre = (b: Box): { x: number; y: number } => ({ x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 });

interface Tracklet {
  readonly id: number;
  /** frame -> candidate index */
  readonly members: Map<number, number>;
  first: number;
  last: number;
  lastBox: Box;
  firstBox: Box;
  score: number;
}

/** Link each frame's boxes into tracklets: greedy highest-IoU matching against recent tracklets. */
export function buildTracklets(frames: readonly (readonly Box[])[], opts: TrackOptions): Tracklet[] {
  const minIou = opts.minIou ?? DEFAULTS.minIou;
  const maxGap = opts.maxGap ?? DEFAULTS.maxGap;
  const diag = Math.hypot(opts.width, opts.height);
  const imageArea = opts.width * opts.height;
  const tracklets: Tracklet[] = [];
  frames.forEach((boxes, f) => {
    const live = tracklets.filter((t) => f - t.last <= maxGap + 1);
    const pairs: { t: Tracklet; c: number; v: number }[] = [];
    for (const t of live) boxes.forEach((b, c) => pairs.push({ t, c, v: iou(t.lastBox, b) }));
    pairs.sort((a, b) => b.v - a.v);
    const usedT = new Set<number>();
    const usedC = new Set<number>();
    const assign = (t: Tracklet, c: number): void => {
      const b = boxes[c]!;
      t.members.set(f, c);
      t.last = f;
      t.lastBox = b;
      const cc = centre(b);
      const centrality = Math.max(
        0,
        1 - Math.hypot(cc.x - opts.width / 2, cc.y - opts.height / 2) / (diag / 2),
      );
      t.score += (area(b) / imageArea) * centrality;
    };
    for (const p of pairs) {
      if (p.v < minIou || usedT.has(p.t.id) || usedC.has(p.c)) continue;
      usedT.add(p.t.id);
      usedC.add(p.c);
      assign(p.t, p.c);
    }
    boxes.forEach((b, c) => {
      if (usedC.has(c)) return;
      const t: Tracklet = {
        id: tracklets.length,
        members: new Map(),
        first: f,
        last: f,
        lastBox: b,
        firstBox: b,
        score: 0,
      };
      tracklets.push(t);
      assign(t, c);
    });
  });
  return tracklets;
}

/**
 * Could box `b`, seen `gap` frames after box `a`, be the same person? Overlapping, or with centres
 * closer than half the person's size plus a tenth of it per missed frame (a runner crosses about a
 * body width in a few frames; a flip or a fall moves the box further, so the allowance grows).
 */
function near(a: Box, b: Box, gap: number): boolean {
  const ca = centre(a);
  const cb = centre(b);
  const size = Math.max(a.y1 - a.y0, b.y1 - b.y0, a.x1 - a.x0, b.x1 - b.x0);
  return iou(a, b) > 0.1 || Math.hypot(ca.x - cb.x, ca.y - cb.y) < size * (0.5 + 0.1 * gap);
}

/**
 * Choose one person per frame. Returns, for each frame, the index of the chosen candidate, or -1
 * when the chosen person is not detected in that frame (a bystander there is NOT substituted).
 * Throws when `pick` names a frame without any detected person.
 */
export function selectPerson(
  frames: readonly (readonly Box[])[],
  opts: TrackOptions & { readonly pick?: Pick },
): number[] {
  const tracklets = buildTracklets(frames, opts);
  const choice = frames.map(() => -1);
  if (!tracklets.length) return choice;
  let seed: Tracklet;
  if (opts.pick) {
    const { frame, x, y } = opts.pick;
    const boxes = frames[frame];
    if (!boxes || !boxes.length) throw new RangeError(`no person was detected in frame ${frame}`);
    const inside = boxes.map((b, c) => ({ b, c })).filter(({ b }) => contains(b, x, y));
    // The smallest box holding the point (a person in front of another), else the nearest centre.
    const chosen = inside.length
      ? inside.sort((p, q) => area(p.b) - area(q.b))[0]!.c
      : boxes
          .map((b, c) => ({ c, d: Math.hypot(centre(b).x - x, centre(b).y - y) }))
          .sort((p, q) => p.d - q.d)[0]!.c;
    seed = tracklets.find((t) => t.members.get(frame) === chosen)!;
  } else {
    seed = tracklets.reduce((best, t) => (t.score > best.score ? t : best));
  }
  const selected = new Map<number, Box>();
  const take = (t: Tracklet): void => {
    for (const [f, c] of t.members) {
      choice[f] = c;
      selected.set(f, frames[f]![c]!);
    }
  };
  take(seed);
  // Extend through detection gaps and track breaks: forwards in order of start, then backwards in
  // order of end, take each tracklet that shares no frame with the selection and begins (ends)
  // near where the person was last (next) seen, within `maxGap` × 4 frames. A tracklet that shares
  // a frame with the selection is another person (two poses in that frame).
  const reach = 4 * (opts.maxGap ?? DEFAULTS.maxGap);
  const shares = (t: Tracklet): boolean => [...t.members.keys()].some((f) => selected.has(f));
  const rest = tracklets.filter((t) => t !== seed);
  for (const t of rest
    .filter((t) => t.first > seed.first)
    .sort((a, b) => a.first - b.first || b.score - a.score)) {
    if (shares(t)) continue;
    let f = -1;
    for (const k of selected.keys()) if (k < t.first && k > f) f = k;
    if (f >= 0 && t.first - f <= reach && near(selected.get(f)!, t.firstBox, t.first - f)) take(t);
  }
  for (const t of rest
    .filter((t) => t.first < seed.first)
    .sort((a, b) => b.last - a.last || b.score - a.score)) {
    if (shares(t)) continue;
    let g = Infinity;
    for (const k of selected.keys()) if (k > t.last && k < g) g = k;
    if (g !== Infinity && g - t.last <= reach && near(t.lastBox, selected.get(g)!, g - t.last)) take(t);
  }
  return choice;
}

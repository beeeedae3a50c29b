/**
 * Rear view: which marker is which through a folded leg, chosen over the whole fold at once
 * (docs/markers.md, "Rear legs", "Identity through the fold"). In swing the heel-counter pair passes
 * over the lower-shank pair on one vertical line; two markers of one colour on one spot make one
 * image, so no frame-by-frame rule can tell which left a crossing as which. Here the fold's frames,
 * from the last upright frame before it (the leg's order names the four) to the first upright one
 * after it (named again), are searched for the four paths that move most smoothly: each member on
 * each frame takes one observation (a blob, or one disc of a merged blob split by track-split.ts) or
 * none (covered by a nearer marker, or merged), and a path costs its squared second differences
 * (constant velocity, the tracker's own motion model) over a scale that grows with speed, plus a
 * price for each frame without an observation. Markers that merge and part are told apart by their
 * motion across the event, as in single-particle tracking [Jaqaman 2008: Jaqaman et al., Robust
 * single-particle tracking in live-cell time-lapse sequences, Nat Methods 5:695].
 *
 * The search is a beam search over joint assignments (multiple-hypothesis tracking [Reid 1979: An
 * algorithm for tracking multiple targets, IEEE Trans Autom Control 24:843]) with both ends fixed;
 * hypotheses in the same state (every member at the same place with the same velocity) are merged,
 * the dearer recorded as the cheaper's rival, which makes it a Viterbi search over the members'
 * last two frames [Viterbi 1967]. Each chosen point comes with its margin: how much dearer the best
 * whole path is that gives that member another observation (or none) on that frame. A point is to be
 * trusted only where the margin is wide: a wrong identity costs more than a lost frame.
 */
import {
  BEAM,
  cheapest,
  keep,
  nodesOf,
  pack,
  pathOf,
  prune,
  unpack,
  type Leaves,
  type Node,
} from './track-fold-beam';

/** An observation on one frame: a blob's centroid or a disc of a split blob (same `group`). */
export interface FoldObs {
  readonly x: number;
  readonly y: number;
  /** Observations of one merged blob share a group; `whole` is the blob's own centroid. */
  readonly group: number;
  readonly whole: boolean;
}

export interface FoldStart {
  readonly x: number;
  readonly y: number;
  readonly vx: number;
  readonly vy: number;
}

export interface FoldOptions {
  /** Pairs [upper, lower] of members whose order in height always holds (the shank pair, the heel pair). */
  readonly order: readonly (readonly [number, number])[];
  /** Marker radius, px. */
  readonly radius: number;
  /**
   * The frame interval over 1/60 s, squared: a change of velocity per frame grows with it (on the
   * synthetic runner a member's change beside the leg's is at most 3.9 px at 60 fps, 12.8 at 30).
   */
  readonly scale: number;
}

export interface FoldResult {
  /** Per frame of `obs` and member: the observation taken, or -1. */
  readonly pick: number[][];
  /** Per frame and member: cost of the best path choosing otherwise there, less the best path's. */
  readonly margin: number[][];
  /** Per frame and member: the best path's place (an observation, or carried where unseen). */
  readonly at: { x: number; y: number }[][];
  readonly cost: number;
  /**
   * Per frame and member: the picks of the search from the start alone (the best path on the last
   * frame before the end is weighed in; the same as searching with no end).
   */
  readonly fromStart: number[][];
}

/** Candidate observations tried per member and frame (the nearest to its prediction). */
const PER_MEMBER = 4;
/**
 * Scale of a member's change of velocity beside the leg's, px: SIGMA0 + SIGMA1 × its speed (a swing
 * foot changes speed harder than a still one), and of the leg's common change (SIGMA_COMMON*, by
 * the members' mean speed). SHRINK: the common change is the mean of the seen members' over
 * (seen + SHRINK), so one member seen alone still pays part of its change.
 */
const SIGMA0 = 1;
const SIGMA1 = 0.2;
const SIGMA_COMMON0 = 3;
const SIGMA_COMMON1 = 0.5;
const SHRINK = 0.5;
/**
 * Scale of a member's change of velocity across the image (x), px: LATERAL0 + SIGMA1 × its speed
 * across, at most its scale above. Seen from behind, the legs swing in the sagittal plane, toward
 * the camera and up and down in the image; across it each marker keeps its place (on the synthetic
 * runner at 30 fps within 0.6 px a frame while its vertical change reaches 28 px), while a leg's
 * four markers sit up to ~2 px apart across. With one round scale, a path that hands three members'
 * observations round in a cycle at the fold's top cost what the true one did (26.0 against 25.9 on
 * frames 39-46 of noise seed 7's right leg at 30 fps) and was chosen with a margin of 28.
 */
const LATERAL0 = 1;
/** Beyond this many scales from its prediction an observation is not the member's. */
const GATE = 4;
/** Price of a frame without an observation: beside a member seen (covered or merged), or in the open. */
const MISS_COVERED = 4;
const MISS_OPEN = 12;
/**
 * Price of an observation no member takes (a blob of the leg's column left unexplained): the
 * column holds the leg's four markers and little else, and a marker does not appear from nowhere
 * (the false-alarm term of multiple-hypothesis tracking [Reid 1979]). Free before, a path could
 * leave a marker's blob in the open unexplained, call its member covered beside another and move
 * the leg's names down a slot (noise seed 7, 30 fps, right leg frames 24-25, in a draft with the
 * lateral scale at 1.5 px: three swaps 20-58 px off, both one-ended searches agreeing). Priced as a
 * member covered (a covered marker whose rim shows is such a blob); priced as a member unseen in the
 * open (12), the search gave a covered marker's rim to its coverer's partner 9 px off, agreed by
 * both one-ended searches (noise seed 163, 30 fps, right leg frame 42).
 */
const UNEXPLAINED = MISS_COVERED;
/** An unseen member is taken as covered within this many radii of a member seen. */
const COVER_RADII = 2.5;

/** Robust square: quadratic to 3 scales, linear beyond (one hard jolt does not cost the world). */
function huber(z: number): number {
  return z <= 3 ? z * z : 6 * z - 9;
}

/**
 * The smoothest assignment of `start.length` members to the observations of each frame, the
 * members starting at `start` (position and velocity on the frame before obs[0]) and ending at
 * `end` (positions on the frame after the last). Null when no path reaches the end.
 */
export function foldSearch(
  obs: readonly (readonly FoldObs[])[],
  start: readonly FoldStart[],
  end: readonly { x: number; y: number }[] | null,
  o: FoldOptions,
): FoldResult | null {
  const m = start.length;
  const root: Node = {
    parent: null,
    pick: new Int16Array(m).fill(-1),
    x: Float64Array.from(start, (s) => s.x),
    y: Float64Array.from(start, (s) => s.y),
    vx: Float64Array.from(start, (s) => s.vx),
    vy: Float64Array.from(start, (s) => s.vy),
    cost: 0,
    rivals: [],
  };
  let beam: Node[] = [root];
  /** The best hypothesis before the end is weighed in: the search from the start alone. */
  let open: Node = root;
  const frames = end ? [...obs, end.map((e, k) => ({ x: e.x, y: e.y, group: -1 - k, whole: true }))] : obs;
  for (let f = 0; f < frames.length; f++) {
    const os = frames[f]!;
    const last = end !== null && f === obs.length;
    // Leaves are priced first and only the cheapest made into hypotheses (a leaf is its parent, its
    // picks packed 5 bits a member, and its cost: no object per leaf).
    const leaves: Leaves = { h: [], code: [], cost: [], bound: Infinity };
    for (const h of beam) expand(h, os, last, o, leaves);
    const next = new Map<string, Node>();
    for (const i of cheapest(leaves, 3 * BEAM))
      keep(next, child(leaves.h[i]!, os, unpack(leaves.code[i]!, m), leaves.cost[i]!));
    beam = [...next.values()].sort((a, b) => a.cost - b.cost).slice(0, BEAM);
    if (beam.length === 0) return null;
    if (f === obs.length - 1) open = beam[0]!;
  }
  const best = beam[0]!;
  const path = pathOf(best, obs.length);
  const margin = path.map(() => new Array<number>(m).fill(Infinity));
  const at = nodesOf(best, obs.length).map((p) => Array.from(p!.x, (x, k) => ({ x, y: p!.y[k]! })));
  const differ = (other: Node, d: number): void => {
    const alt = pathOf(other, obs.length);
    alt.forEach((p, f) => {
      if (!p) return;
      for (let k = 0; k < m; k++)
        if (contradicts(obs[f]!, path[f]!, p, k, at[f])) margin[f]![k] = Math.min(margin[f]![k]!, d);
    });
  };
  for (const h of beam.slice(1)) differ(h, h.cost - best.cost);
  for (let n: Node | null = best; n; n = n.parent) for (const r of n.rivals) differ(r.node, r.d);
  const fromStart = pathOf(open, obs.length).map((p) => Array.from(p ?? []));
  return { pick: path.map((p) => Array.from(p!)), margin, at, cost: best.cost, fromStart };
}

/** Two observations this close are one place (a merged blob's centroid and its disc may be). */
const SAME_PX = 1;

/**
 * Whether picks `b` contradict picks `a` on member k's place: `b` puts k somewhere else, or puts
 * another member where `a` puts k. A miss in `b` alone is no contradiction (covered, or unsure).
 * Nor is another member on k's place where `a` leaves that member unseen but carries it there
 * (`places`, `a`'s places on the frame, within SAME_PX): two markers on one spot make one image,
 * and either name puts the point within a pixel of both. Without it, as the shank's lower marker
 * passes behind the heel counter's upper one, the path naming the hidden one cost the same and held
 * the seen one back (its margin under resolveFold's TRUST; 60 fps noise seeds 7 / 11 / 3: 96.2 /
 * 96.2 / 96.4% within 1 px without, 96.7 / 96.8 / 96.8% with).
 */
export function contradicts(
  os: readonly FoldObs[],
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  k: number,
  places?: readonly { x: number; y: number }[],
): boolean {
  const ja = a[k]!;
  if (ja < 0) return false;
  const at = os[ja]!;
  const near = (x: number, y: number): boolean => Math.hypot(x - at.x, y - at.y) <= SAME_PX;
  const seenNear = (j: number): boolean => j >= 0 && near(os[j]!.x, os[j]!.y);
  const carriedHere = (q: number): boolean =>
    places !== undefined && a[q]! < 0 && near(places[q]!.x, places[q]!.y);
  if (b[k]! >= 0 && !seenNear(b[k]!)) return true;
  for (let q = 0; q < b.length; q++) if (q !== k && seenNear(b[q]!) && !carriedHere(q)) return true;
  return false;
}

/**
 * Every joint assignment of one hypothesis to one frame's observations, passed to `emit`. The legs'
 * markers share most of their motion (the body's bounce, the leg's swing): on the synthetic runner a
 * member's change of velocity less the leg's mean change is at most 3.9 px a frame at 60 fps (12 px
 * absolute) and 12.8 px at 30 fps (28 absolute). So the common change is estimated from the members
 * seen (shrunk toward none) and each member pays for its own change less the common one. A member
 * unseen moves as its pair's partner changed where that is seen (`child`), else at its own velocity;
 * carried with the whole leg's change instead, a covered shank marker took up the heel pair's
 * swing (frames 66-67 of the 60 fps clip: the shank's upper marker left on the heel's blob).
 */
function expand(h: Node, os: readonly FoldObs[], last: boolean, o: FoldOptions, leaves: Leaves): void {
  const m = h.x.length;
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  const sig = new Float64Array(m);
  const sigX = new Float64Array(m);
  let speed = 0;
  for (let k = 0; k < m; k++) {
    px[k] = h.x[k]! + h.vx[k]!;
    py[k] = h.y[k]! + h.vy[k]!;
    const v = Math.hypot(h.vx[k]!, h.vy[k]!);
    sig[k] = SIGMA0 * o.scale + SIGMA1 * v;
    sigX[k] = Math.min(sig[k]!, LATERAL0 + SIGMA1 * Math.abs(h.vx[k]!));
    speed += v / m;
  }
  const sigCommon = SIGMA_COMMON0 * o.scale + SIGMA_COMMON1 * speed;
  // Per member: its candidates, the nearest first (a miss is tried for every member).
  const cands: number[][] = [];
  for (let k = 0; k < m; k++) {
    const list: { j: number; d: number }[] = [];
    os.forEach((ob, j) => {
      if (last && j !== k) return;
      const d = Math.sqrt((ob.x - px[k]!) ** 2 + (ob.y - py[k]!) ** 2);
      if (d <= GATE * (sig[k]! + sigCommon) || last) list.push({ j, d });
    });
    list.sort((a, b) => a.d - b.d);
    const mine = list.slice(0, PER_MEMBER).map((c) => c.j);
    if (!last) mine.push(-1);
    cands.push(mine);
  }
  const pick = new Int16Array(m);
  const cover2 = (COVER_RADII * o.radius) ** 2;
  // Blobs on this frame (a merged blob's centroid and its discs are one); none on the fixed end.
  const blobs = new Set(os.map((ob) => ob.group)).size;
  const leaf = (): void => {
    let ex = 0;
    let ey = 0;
    let seen = 0;
    for (let k = 0; k < m; k++) {
      const j = pick[k]!;
      if (j < 0) continue;
      ex += os[j]!.x - px[k]!;
      ey += os[j]!.y - py[k]!;
      seen++;
    }
    ex /= seen + SHRINK;
    ey /= seen + SHRINK;
    // Math.hypot is several times slower than the square root in V8, here in the innermost loop.
    let cost = h.cost + huber(Math.sqrt(ex * ex + ey * ey) / sigCommon);
    for (let k = 0; k < m && cost < leaves.bound; k++) {
      const j = pick[k]!;
      if (j >= 0) {
        const dx = os[j]!.x - px[k]! - ex;
        const dy = os[j]!.y - py[k]! - ey;
        const zx = dx / sigX[k]!;
        const zy = dy / sig[k]!;
        cost += huber(Math.sqrt(zx * zx + zy * zy));
        continue;
      }
      // Unseen: covered by (or merged with) a member seen near where it should be, or missing.
      const cx = px[k]! + ex;
      const cy = py[k]! + ey;
      let covered = false;
      for (let q = 0; q < m && !covered; q++) {
        const i = pick[q]!;
        if (i < 0) continue;
        const dx = os[i]!.x - cx;
        const dy = os[i]!.y - cy;
        if (dx * dx + dy * dy <= cover2) covered = true;
      }
      // Which of two markers on one spot is in front is not assumed: with the heel pair taken as
      // always in front, the 60 fps clip of noise seed 11 gave 9 swaps where it gave none.
      cost += covered ? MISS_COVERED : MISS_OPEN;
    }
    if (!last) cost += UNEXPLAINED * (blobs - blobsTaken(pick, os));
    if (cost >= leaves.bound) return;
    leaves.h.push(h);
    leaves.code.push(pack(pick));
    leaves.cost.push(cost);
    prune(leaves);
  };
  const walk = (k: number): void => {
    if (k === m) {
      leaf();
      return;
    }
    for (const j of cands[k]!) {
      if (j >= 0 && !compatible(pick, k, j, os, o)) continue;
      pick[k] = j;
      walk(k + 1);
    }
  };
  walk(0);
}

/** How many blobs the picks take (a blob counts once, by its centroid or any of its discs). */
function blobsTaken(pick: Int16Array, os: readonly FoldObs[]): number {
  let n = 0;
  for (let k = 0; k < pick.length; k++) {
    const j = pick[k]!;
    if (j < 0) continue;
    let first = true;
    for (let q = 0; q < k && first; q++)
      if (pick[q]! >= 0 && os[pick[q]!]!.group === os[j]!.group) first = false;
    if (first) n++;
  }
  return n;
}

/** Whether member k may take observation j beside the members before it. */
function compatible(pick: Int16Array, k: number, j: number, os: readonly FoldObs[], o: FoldOptions): boolean {
  const ob = os[j]!;
  for (let q = 0; q < k; q++) {
    const i = pick[q]!;
    if (i < 0) continue;
    if (i === j) return false;
    // A merged blob's centroid and its discs are one image: not both taken.
    const other = os[i]!;
    if (other.group === ob.group && (other.whole || ob.whole)) return false;
  }
  for (const [a, b] of o.order) {
    const ia = a < k ? pick[a]! : a === k ? j : -1;
    const ib = b < k ? pick[b]! : b === k ? j : -1;
    if ((a === k || b === k) && ia >= 0 && ib >= 0 && os[ia]!.y >= os[ib]!.y) return false;
  }
  return true;
}

function child(h: Node, os: readonly FoldObs[], pick: Int16Array, cost: number): Node {
  const m = pick.length;
  const n: Node = {
    parent: h,
    pick,
    x: new Float64Array(m),
    y: new Float64Array(m),
    vx: new Float64Array(m),
    vy: new Float64Array(m),
    cost,
    rivals: [],
  };
  for (let k = 0; k < m; k++) {
    const j = pick[k]!;
    if (j < 0) {
      // Unseen: moves as its pair's partner changed, if seen (the shank pair and the heel pair are
      // each nearly rigid), else with its own velocity.
      const q = k ^ 1;
      const jq = q < m ? pick[q]! : -1;
      const cx = jq >= 0 ? os[jq]!.x - h.x[q]! - h.vx[q]! : 0;
      const cy = jq >= 0 ? os[jq]!.y - h.y[q]! - h.vy[q]! : 0;
      n.vx[k] = h.vx[k]! + cx;
      n.vy[k] = h.vy[k]! + cy;
      n.x[k] = h.x[k]! + n.vx[k]!;
      n.y[k] = h.y[k]! + n.vy[k]!;
    } else {
      n.x[k] = os[j]!.x;
      n.y[k] = os[j]!.y;
      n.vx[k] = os[j]!.x - h.x[k]!;
      n.vy[k] = os[j]!.y - h.y[k]!;
    }
  }
  return n;
}

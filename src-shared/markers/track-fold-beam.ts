/**
 * The fold search's beam (./track-fold.ts): its hypotheses, the leaves priced but not yet made, and
 * how they are kept, merged and read back. Bookkeeping only; the costs are the search's.
 */

/** Hypotheses kept per frame. */
export const BEAM = 80;

export interface Node {
  readonly parent: Node | null;
  readonly pick: Int16Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly cost: number;
  /** Hypotheses merged into this one (same state, dearer by d). */
  rivals: { node: Node; d: number }[];
}

/** Hypotheses priced but not yet made: parents, packed picks, costs; `bound`: dearer ones are dropped. */
export interface Leaves {
  h: Node[];
  code: number[];
  cost: number[];
  bound: number;
}

/** Indices of the n cheapest leaves. */
export function cheapest(l: Leaves, n: number): number[] {
  return l.cost
    .map((_, i) => i)
    .sort((a, b) => l.cost[a]! - l.cost[b]!)
    .slice(0, n);
}

/** Keeps the leaves within bounds: past 8 beams, the 3 beams cheapest, and the bound at the dearest. */
export function prune(l: Leaves): void {
  if (l.cost.length < 8 * BEAM) return;
  const keepers = cheapest(l, 3 * BEAM);
  l.h = keepers.map((i) => l.h[i]!);
  l.code = keepers.map((i) => l.code[i]!);
  l.cost = keepers.map((i) => l.cost[i]!);
  l.bound = l.cost[l.cost.length - 1]!;
}

export function pack(pick: Int16Array): number {
  let c = 0;
  for (let k = pick.length - 1; k >= 0; k--) c = c * 32 + (pick[k]! + 1);
  return c;
}

export function unpack(c: number, m: number): Int16Array {
  const out = new Int16Array(m);
  for (let k = 0; k < m; k++) {
    out[k] = (c % 32) - 1;
    c = Math.floor(c / 32);
  }
  return out;
}

/** The picks of a node's path, frame by frame (the end frame and the root left out). */
export function pathOf(n: Node, frames: number): (Int16Array | undefined)[] {
  return nodesOf(n, frames).map((p) => p?.pick);
}

/** A node's path, frame by frame (the end frame and the root left out). */
export function nodesOf(n: Node, frames: number): (Node | undefined)[] {
  const out: (Node | undefined)[] = new Array(frames);
  let depth = 0;
  for (let p: Node | null = n; p?.parent; p = p.parent) depth++;
  let f = depth - 1;
  for (let p: Node | null = n; p?.parent; p = p.parent, f--) if (f < frames) out[f] = p;
  return out;
}

export function keep(next: Map<string, Node>, n: Node): void {
  let key = '';
  for (let k = 0; k < n.x.length; k++)
    key += `${Math.round(100 * n.x[k]!)},${Math.round(100 * n.y[k]!)},${Math.round(100 * n.vx[k]!)},${Math.round(100 * n.vy[k]!)};`;
  const had = next.get(key);
  if (!had) next.set(key, n);
  else if (n.cost < had.cost) {
    n.rivals.push({ node: had, d: had.cost - n.cost });
    next.set(key, n);
  } else had.rivals.push({ node: n, d: n.cost - had.cost });
}

/**
 * Optimal one-to-one assignment (Hungarian method [Kuhn 1955; Munkres 1957], the O(n³) shortest
 * augmenting path form of Jonker & Volgenant 1987): each marker takes at most one blob and each
 * blob serves at most one marker, at the least total cost. This is what keeps identities apart
 * when two markers pass each other: a greedy nearest-blob rule lets both claim the same blob.
 */

/**
 * `cost[i][j]` for row i (marker) and column j (blob), Infinity where not allowed. A row may stay
 * unassigned at `missCost`. Returns for each row the column it takes, or -1.
 */
export function assign(cost: readonly (readonly number[])[], missCost: number): number[] {
  const n = cost.length;
  if (n === 0) return [];
  const m = cost[0]!.length;
  // Square matrix: m real columns plus n "miss" columns (row i's own miss column costs missCost).
  const cols = m + n;
  const size = Math.max(n, cols);
  const BIG = 1e9;
  const a = (i: number, j: number): number => {
    if (i >= n) return 0;
    if (j < m) {
      const c = cost[i]![j]!;
      return Number.isFinite(c) ? c : BIG;
    }
    return j - m === i ? missCost : BIG;
  };
  // Jonker–Volgenant style potentials, 1-based arrays.
  const u = new Float64Array(size + 1);
  const v = new Float64Array(size + 1);
  const p = new Int32Array(size + 1);
  const way = new Int32Array(size + 1);
  for (let i = 1; i <= size; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(size + 1).fill(Infinity);
    const used = new Uint8Array(size + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= size; j++) {
        if (used[j]) continue;
        const cur = a(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= size; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const out = new Array<number>(n).fill(-1);
  for (let j = 1; j <= size; j++) {
    const i = p[j]! - 1;
    if (i >= 0 && i < n && j - 1 < m && Number.isFinite(cost[i]![j - 1]!)) out[i] = j - 1;
  }
  return out;
}

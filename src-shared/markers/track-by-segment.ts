/**
 * Re-acquisition by segment (docs/markers.md "Segments"): a marker without a blob whose segment
 * partners are seen is placed where the fixed lengths put it and given a blob that fits there.
 * One job of the tracker's step (track.ts).
 */
import type { Prediction } from './track-neighbours';
import { constrainedPoint, pairCost, type Placed, type Segments } from './track-segments';
import { appearanceCost, type State } from './track-search';
import type { Blob } from './types';

/**
 * Markers without a blob on a segment with partners that have one: placed where the segment puts
 * them (`constrainedPoint`), looked for there, and given a blob that fits its place and its
 * segment's lengths. Returns the place of each marker still without a blob (undefined: no partner).
 */
export function bySegment(
  states: readonly State[],
  pred: readonly Prediction[],
  choice: number[],
  blobs: Blob[],
  segments: Segments,
  candidates: (i: number, px: number, py: number, gate: number) => Blob[],
  addBlobs: (more: Blob[]) => void,
): (Placed | undefined)[] {
  const placed: (Placed | undefined)[] = states.map(() => undefined);
  const known = (k: number): { x: number; y: number } | null =>
    choice[k]! >= 0 ? blobs[choice[k]!]! : (placed[k] ?? null);
  // Two passes: partners with blobs first, then partners placed by the first pass.
  for (let pass = 0; pass < 2; pass++)
    states.forEach((s, i) => {
      if (choice[i]! >= 0 || placed[i]) return;
      const start = pred[i]!;
      const c = constrainedPoint(
        i,
        start,
        segments,
        pass === 0 ? (k) => (choice[k]! >= 0 ? blobs[choice[k]!]! : null) : known,
      );
      if (!c) return;
      placed[i] = c;
      if (pass > 0) return;
      const gate = Math.max(6, 2.5 * s.radius);
      addBlobs(candidates(i, c.x, c.y, gate));
      const taken = new Set(choice.filter((j) => j >= 0));
      let best = -1;
      let bestCost = 1;
      blobs.forEach((b, j) => {
        if (taken.has(j)) return;
        const d = Math.hypot(b.x - c.x, b.y - c.y);
        if (d > gate) return;
        let cost = (d / gate) ** 2 + appearanceCost(s, b);
        for (const p of segments.pairs) {
          const k = p.a === i ? p.b : p.b === i ? p.a : -1;
          if (k >= 0 && choice[k]! >= 0) {
            const o = blobs[choice[k]!]!;
            cost += pairCost(p, Math.hypot(b.x - o.x, b.y - o.y));
          }
        }
        if (cost < bestCost) {
          bestCost = cost;
          best = j;
        }
      });
      if (best >= 0) {
        choice[i] = best;
        placed[i] = undefined;
      }
    });
  return placed;
}

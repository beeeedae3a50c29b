/**
 * The body's constraint on marker tracking (track.ts; docs/markers.md, "Tracking"): markers taped on
 * one segment accelerate together, so a marker's prediction is corrected by the error its segment
 * neighbours agree on.
 */
import { tooLargeForOneMarker } from './merged-blob';
import { appearanceCost, type State } from './track-search';
import type { Blob } from './types';

/** Where a marker is expected on the next frame, and how far from it a blob may be. */
export interface Prediction {
  x: number;
  y: number;
  gate: number;
}

/**
 * Neighbours that move with marker i: within 150 px and with a similar velocity (the markers of one
 * segment, or of the pelvis, rather than the other leg's marker passing by).
 */
function neighbours(states: readonly State[], i: number): number[] {
  const s = states[i]!;
  const speed = Math.hypot(s.vx, s.vy);
  const out: number[] = [];
  states.forEach((o, k) => {
    if (k === i || o.lost || Math.hypot(o.x - s.x, o.y - s.y) > 150) return;
    const dv = Math.hypot(o.vx - s.vx, o.vy - s.vy);
    if (dv <= 0.5 * Math.max(speed, Math.hypot(o.vx, o.vy)) + 6) out.push(k);
  });
  return out;
}

/**
 * Frames unseen after which a marker's prediction is no longer moved onto another marker's blob.
 * A marker cannot sit on a blob of one marker's size that another tracked marker is predicted on,
 * unless it is covered by that marker, and then it was predicted there (within 2.5 radii: touching).
 * A prediction coasted that long is no witness against the "agreement" of a rear leg's markers in a
 * line, which a shift by one spacing (about 20 px) puts each on its neighbour's blob: on noise seed
 * 71 (rear, 30 fps) the shank's upper marker, hidden on frames 40-44, was moved on frame 43 onto the
 * lower one's blob (40 px) and named on the heel counter's at 45 (docs/markers.md, "A hidden marker
 * is not moved onto another's blob"). From two frames unseen the rule moved the forward pass's other
 * choices too (within 1 px down 0.6-1.9 points on three noise seeds at 30 fps); without the covered
 * exception, a rear heel marker hidden behind its partner at 60 fps lost it (a swap, seed 17).
 */
const UNSEEN_FRAMES = 3;

/** Whether blob b is, for marker i, another marker's: of one marker's size, on its prediction. */
function othersBlob(states: readonly State[], pred: readonly Prediction[], i: number, b: Blob): boolean {
  const s = states[i]!;
  if (s.coast < UNSEEN_FRAMES || tooLargeForOneMarker(b.areaPx, Math.PI * s.radius * s.radius)) return false;
  // Covered: behind the other marker, where it was predicted.
  if (Math.hypot(b.x - pred[i]!.x, b.y - pred[i]!.y) <= 2.5 * s.radius) return false;
  return states.some(
    (o, k) => k !== i && !o.lost && Math.hypot(b.x - pred[k]!.x, b.y - pred[k]!.y) <= o.radius,
  );
}

/**
 * Corrects each prediction by the error its neighbours share. Markers taped on one segment
 * accelerate together, so the error of a constant-velocity prediction is nearly common to them:
 * measured on the synthetic runner at 60 fps, a foot marker's prediction error of up to 17 px falls
 * to 3–7 px once corrected by a neighbour's, while the foot's markers are 24–29 px apart. Each
 * candidate correction (a blob minus the prediction) is voted for by the neighbours that have a blob
 * at their own prediction plus that correction (consensus voting, as in RANSAC [Fischler & Bolles
 * 1981]); the best-voted correction wins (ties: the smallest), and the gate shrinks around it.
 * Votes are weighed by how much each blob looks like its marker (`appearanceCost`), so that a pair
 * (the pelvis: ASIS and PSIS) can agree too: both markers, each on a marker-like blob. On the sample
 * treadmill run with drawn pelvis markers, where the drawn markers jump up to 40 px from the
 * constant-velocity prediction, this is what keeps the ASIS on its disc.
 */
export function correctByNeighbours(
  states: readonly State[],
  pred: Prediction[],
  blobs: readonly Blob[],
): void {
  const corrected = states.map((s, i): Prediction | null => {
    if (s.lost) return null;
    const nb = neighbours(states, i);
    if (nb.length === 0) return null;
    const p = pred[i]!;
    let best: { dx: number; dy: number; votes: number; len: number } | null = null;
    for (const b of blobs) {
      if (othersBlob(states, pred, i, b)) continue;
      const dx = b.x - p.x;
      const dy = b.y - p.y;
      const len = Math.hypot(dx, dy);
      if (len > p.gate) continue;
      // A segment also turns: a quarter of the correction may differ between its markers.
      const tol = Math.max(5, 2 * s.radius, 0.25 * len);
      // Each vote is weighed by how much the blob looks like the marker that casts it.
      let votes = Math.exp(-appearanceCost(s, b));
      for (const k of nb) {
        const q = pred[k]!;
        let vote = 0;
        for (const c of blobs) {
          const near = Math.hypot(c.x - (q.x + dx), c.y - (q.y + dy));
          vote = Math.max(vote, Math.exp(-0.5 * (near / tol) ** 2 - appearanceCost(states[k]!, c)));
        }
        votes += vote;
      }
      if (!best || votes > best.votes + 1e-9 || (Math.abs(votes - best.votes) <= 1e-9 && len < best.len))
        best = { dx, dy, votes, len };
    }
    // Two markers of three agreeing; of a pair (the pelvis), both, and each blob like its marker.
    if (!best || best.votes < Math.min(2.5, 1 + 0.8 * nb.length)) return null;
    return {
      x: p.x + best.dx,
      y: p.y + best.dy,
      gate: Math.max(6, 2.5 * s.radius) + 0.15 * Math.hypot(s.vx, s.vy),
    };
  });
  corrected.forEach((c, i) => {
    if (c) pred[i] = c;
  });
}

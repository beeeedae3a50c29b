/**
 * The search along a circle (docs/markers.md, "Segments"): a limb marker held by one fixed length
 * alone (a malleolus taped without the foot's markers, a trochanter without the pelvis) lies on a
 * circle of that length around its partner. One job of the tracker's step (track.ts).
 *
 * Why: its gate is the plain one (it is not held by two lengths, so `gateOf` gives it no room for a
 * hard change of speed), and a swinging ankle reverses at the end of the swing: on the synthetic
 * runner at 60 fps its constant-velocity prediction missed by 17 px with a 16 px gate, and, coasting
 * on, it never caught up (within 1 px on 8% of the frames). The shank's angle changes smoothly even
 * there (by at most ~4° a frame from one frame to the next at 60 fps), so the blob is looked for on
 * an arc of the circle around the angle the shank's turn predicts, and chosen by how far it is from
 * that angle, from the length, and how much it looks like the marker.
 */
import { pairCost, tolerance, type SegmentPair, type Segments } from './track-segments';
import { appearanceCost, streakContrast, type State } from './track-search';
import type { Blob } from './types';

const DEG = Math.PI / 180;
/**
 * Half-width of the arc searched: 20° plus half the segment's turn a frame (at 30 fps the shank turns
 * by up to 26° a frame in the swing and by 15° less or more from one frame to the next at its end).
 */
const ARC_BASE = 20 * DEG;

/** Marker i's one fixed limb length, or null if it has none or more than one. */
export function singleLength(i: number, segments: Segments): SegmentPair | null {
  const own = segments.pairs.filter((p) => p.kind === 'fixed' && p.limb && (p.a === i || p.b === i));
  const all = segments.pairs.filter((p) => p.kind === 'fixed' && (p.a === i || p.b === i));
  return own.length === 1 && all.length === 1 ? own[0]! : null;
}

const wrap = (a: number): number => Math.atan2(Math.sin(a), Math.cos(a));

/**
 * Markers without a blob, held by one fixed limb length to a partner detected on this frame and the
 * last: given the blob on an arc of the circle around the partner that costs least (angle from the
 * predicted one, length, appearance), if it costs less than a miss's share (1, as `bySegment`).
 */
export function byCircle(
  states: readonly State[],
  choice: number[],
  blobs: Blob[],
  segments: Segments,
  candidates: (i: number, px: number, py: number, gate: number) => Blob[],
  addBlobs: (more: Blob[]) => void,
): void {
  states.forEach((s, i) => {
    // Only the frame after one where it was seen: the arc is then short and its angle known. A marker
    // unseen for longer (hidden behind the other leg) searched along a wider arc took a round
    // background spot on the circle (the synthetic runner at 30 fps: the knee, hidden on frame 44,
    // with the trochanter alone named below the pelvis), where `bySegment` reports a place instead.
    if (choice[i]! >= 0 || s.age === 0 || s.coast > 0) return;
    const p = singleLength(i, segments);
    if (!p) return;
    const k = p.a === i ? p.b : p.a;
    const sk = states[k]!;
    if (choice[k]! < 0 || sk.coast > 0 || sk.lost) return;
    const c = blobs[choice[k]!]!;
    // The segment's angle on the last frame and its turn a frame (relative velocity across it).
    const rx = s.x - sk.x;
    const ry = s.y - sk.y;
    const r2 = Math.max(1, rx * rx + ry * ry);
    const omega = (rx * (s.vy - sk.vy) - ry * (s.vx - sk.vx)) / r2;
    const theta = Math.atan2(ry, rx) + omega;
    const half = ARC_BASE + 0.5 * Math.abs(omega);
    const tol = tolerance(p);
    const gate = Math.max(tol, 2.5 * s.radius);
    // Windows along the arc, a gate apart.
    const n = Math.max(1, Math.ceil((2 * half * p.length) / gate));
    for (let m = 0; m <= n; m++) {
      const a = theta - half + (2 * half * m) / n;
      addBlobs(candidates(i, c.x + p.length * Math.cos(a), c.y + p.length * Math.sin(a), gate));
    }
    const taken = new Set(choice.filter((j) => j >= 0));
    let best = -1;
    let bestCost = 1;
    blobs.forEach((b, j) => {
      if (taken.has(j)) return;
      const da = Math.abs(wrap(Math.atan2(b.y - c.y, b.x - c.x) - theta));
      if (da > half) return;
      // A blob dimmer than the streak the marker was seen to leave costs more (track-search.ts):
      // a hidden marker's arc otherwise takes a faint smear 15–18 px off for a frame or two.
      const dim = 0.3 * Math.max(0, 1 - b.contrast / Math.max(1, streakContrast(s)));
      const cost =
        0.5 * (da / half) ** 2 + pairCost(p, Math.hypot(b.x - c.x, b.y - c.y)) + appearanceCost(s, b) + dim;
      if (cost < bestCost) {
        bestCost = cost;
        best = j;
      }
    });
    if (best >= 0) choice[i] = best;
  });
}

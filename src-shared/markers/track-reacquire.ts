/**
 * Re-acquisition of a lost marker held by one fixed length (docs/markers.md, "Re-acquisition"): a
 * malleolus named without the foot's markers, a trochanter, one of the pelvis pair. One job of the
 * tracker's step (track.ts).
 *
 * Why: such a marker, once lost (a wrong blob taken, then nothing where it went), was searched for
 * only around where it was last seen, with its velocity set to zero, and a limb's marker is not
 * there again until the limb passes by: on the knee-markers clip (seven taped, three named; noise
 * seeds 7 and 11) the malleolus took the unnamed 5th metatarsal's blob on frame 266 and was lost
 * from 268 to the clip's end. A marker with two fixed lengths is placed by them (`bySegment`); one
 * length leaves the circle around its partner, and the marker, if visible, is on it.
 *
 * How: while lost, every frame, the blobs on that circle (within a third of the length's tolerance)
 * that no other marker owns (assigned this frame, or under a coasting marker's prediction) are
 * followed frame to frame as candidates (track-before-confirm, as a radar tracker confirms a new
 * track by M of N detections [Blackman & Popoli 1999, ch. 6]). A candidate followed on three frames
 * in a row is taken, but only when it is the one candidate followed on two frames or more: a
 * neighbouring unnamed marker crossing the circle (the 5th metatarsal lies within 4 px of the
 * shank's length for 3–4 frames at a time on that clip) and the marker itself are then both
 * candidates, and neither is taken until one leaves the circle. The length alone cannot tell them
 * apart, their motion over frames can. The first points after it are reported with a low confidence
 * that rises over five frames (track.ts).
 */
import { tolerance, type SegmentPair, type Segments } from './track-segments';
import type { Prediction } from './track-neighbours';
import type { State, TrackerConfig } from './track-search';
import type { Blob } from './types';

/** A blob on the circle followed from frame to frame while its marker is lost. */
export interface Candidate {
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** Frames in a row it was on the circle. */
  n: number;
}

/** Frames in a row a candidate must be on the circle to be taken. */
export const CONFIRM_FRAMES = 3;

/** Marker i's one fixed length (any segment, the pelvis included), or null with none or several. */
function onlyLength(i: number, segments: Segments): SegmentPair | null {
  const own = segments.pairs.filter((p) => p.kind === 'fixed' && (p.a === i || p.b === i));
  return own.length === 1 ? own[0]! : null;
}

/**
 * Lost markers with one fixed length to a partner detected on this frame: their circle searched,
 * their candidates followed, and the confirmed one given to them (`choice`, and the state as if it
 * had been followed on that candidate: its last place and velocity; `pred` at the candidate).
 * Returns the markers taken up again this way.
 */
export function reacquire(
  states: readonly State[],
  pred: Prediction[],
  choice: number[],
  blobs: Blob[],
  segments: Segments,
  cfg: TrackerConfig,
  candidates: (i: number, px: number, py: number, gate: number) => Blob[],
  addBlobs: (more: Blob[]) => void,
): Set<number> {
  const regained = new Set<number>();
  states.forEach((s, i) => {
    if (choice[i]! >= 0 || s.age === 0) {
      s.candidates = undefined;
      return;
    }
    const p = onlyLength(i, segments);
    if (!p) return;
    const k = p.a === i ? p.b : p.a;
    const sk = states[k]!;
    if (choice[k]! < 0 || sk.lost || sk.doubt) {
      s.candidates = undefined;
      return;
    }
    const c = blobs[choice[k]!]!;
    // The whole circle: the marker may be anywhere on it by now.
    addBlobs(candidates(i, c.x, c.y, p.length + tolerance(p)));
    const taken = new Set(choice.filter((j) => j >= 0));
    const band = Math.max(2, tolerance(p) / 3);
    const minRound = 0.5 * (cfg.detection.minRoundness ?? 0.5);
    const owned = (b: Blob): boolean =>
      states.some(
        (o, m) =>
          m !== i &&
          !o.lost &&
          choice[m]! < 0 &&
          Math.hypot(b.x - pred[m]!.x, b.y - pred[m]!.y) <= Math.max(6, 2.5 * o.radius),
      );
    const ring = blobs
      .map((b, j) => ({ b, j }))
      .filter(
        ({ b, j }) =>
          !taken.has(j) &&
          Math.abs(Math.hypot(b.x - c.x, b.y - c.y) - p.length) <= band &&
          // As the main assignment's rule for a lost marker: round and well contrasted.
          b.roundness >= minRound &&
          b.contrast >= 0.35 * s.contrast &&
          !owned(b),
      );
    // Follow the candidates: the longest followed first, each to the nearest ring blob within a
    // gate around its constant-velocity prediction (twice as wide before its velocity is known).
    const used = new Set<number>();
    const next: (Candidate & { j: number })[] = [];
    const base = cfg.gatePx ?? Math.max(12, 6 * s.radius);
    for (const t of [...(s.candidates ?? [])].sort((a, b) => b.n - a.n)) {
      const px = t.x + t.vx;
      const py = t.y + t.vy;
      const gate = (base + 0.6 * Math.hypot(t.vx, t.vy)) * (t.n === 1 ? 2 : 1);
      let best: { b: Blob; j: number; d: number } | null = null;
      for (const { b, j } of ring) {
        if (used.has(j)) continue;
        const d = Math.hypot(b.x - px, b.y - py);
        if (d <= gate && (!best || d < best.d)) best = { b, j, d };
      }
      if (!best) continue;
      used.add(best.j);
      next.push({ x: best.b.x, y: best.b.y, vx: best.b.x - t.x, vy: best.b.y - t.y, n: t.n + 1, j: best.j });
    }
    for (const { b, j } of ring) if (!used.has(j)) next.push({ x: b.x, y: b.y, vx: 0, vy: 0, n: 1, j });
    s.candidates = next.map(({ x, y, vx, vy, n }) => ({ x, y, vx, vy, n }));
    const ready = next.filter((t) => t.n >= CONFIRM_FRAMES);
    if (ready.length !== 1 || next.filter((t) => t.n >= 2).length !== 1) return;
    const t = ready[0]!;
    choice[i] = t.j;
    s.x = t.x - t.vx;
    s.y = t.y - t.vy;
    s.vx = t.vx;
    s.vy = t.vy;
    pred[i] = { x: t.x, y: t.y, gate: pred[i]!.gate };
    s.candidates = undefined;
    regained.add(i);
  });
  return regained;
}

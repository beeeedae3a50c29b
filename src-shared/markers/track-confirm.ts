/**
 * Rear view: a folded leg's points confirmed by tracking its swing backward (docs/markers.md, "Rear
 * legs", "Confirmed backward"). In swing a leg's markers pass over one another on one vertical line;
 * two markers of one colour on one spot make one image whatever their identities, so the forward
 * tracker holds back (reports as lost) every member that came close to another until the leg is
 * upright again (track-legs.ts `updateDoubt`). Once it is upright, the order along it names the
 * blobs again, and the frames of the swing are tracked once more, backward from there (the
 * forward-backward consistency check of trackers [Kalal 2010: Kalal, Mikolajczyk & Matas,
 * Forward-backward error, ICPR]). A held-back point that the backward pass puts on the same spot for
 * the same member was reached by both ends of the swing with that identity: it is reported as
 * detected. Where the passes disagree it stays lost: a wrong identity costs more than a lost frame.
 * Then the whole fold is searched at once for the smoothest paths (track-fold.ts, on blobs and split
 * discs: track-fold-obs.ts), which places most of the rest ("Identity through the fold").
 *
 * Memory: the frames of the current folded periods and the two before them as grey level images
 * (1 byte a pixel; 0.5 MB at 960x540), at most MAX_FRAMES. Time: the swing's frames once more for
 * four markers, and the fold search.
 */
import { levels } from './detect';
import { resolveFold } from './track-fold-obs';
import { isUpright, UPRIGHT } from './track-legs';
import { localBlobs, type State, type TrackerConfig } from './track-search';
import type { Blob, DetectionOptions, MarkerImage, MarkerPoint } from './types';

/** The tracking step of track.ts (passed in: track.ts imports this module). */
export type Step = (
  states: State[],
  candidates: (i: number, px: number, py: number, gate: number) => Blob[],
  cfg: TrackerConfig,
  seen?: boolean[],
) => MarkerPoint[];

/** Longest swing kept for the backward pass, frames (a swing lasts ~0.4 s: 100 frames at 240 fps). */
const MAX_FRAMES = 240;
/** Upright frames before a fold searched with it. */
const PRE = 2;
/** Two passes agree when their points lie this close, px (both are blob centroids: the same blob). */
const AGREE_PX = 0.5;
/** The confidence of a confirmed point: its identity rests on the leg's motion, not its own blob. */
export const CONFIRMED_CONFIDENCE = 0.5;

export interface LegConfirmer {
  /**
   * After the forward step of frame `t` (its points and seen flags pushed at index t of `points` and
   * `seen`): keeps the frame while a leg is folded, and confirms a leg's swing when it is upright.
   */
  after(
    image: MarkerImage,
    t: number,
    states: readonly State[],
    points: MarkerPoint[][],
    seen: readonly boolean[][],
  ): void;
}

export function legConfirmer(cfg: TrackerConfig, detection: DetectionOptions, step: Step): LegConfirmer {
  const legs = cfg.legs ?? [];
  /** Per leg: the first frame of its current folded period, or -1 while upright. */
  const foldedFrom = legs.map(() => -1);
  const kept = new Map<number, MarkerImage>();
  /** Seconds of each kept frame (the frame interval scales the fold search's motion). */
  const times = new Map<number, number>();
  /** Buffers of frames let go, used again (a new 0.5 MB buffer a frame kept the collector busy). */
  const free: Uint8Array[] = [];
  return {
    after(image, t, states, points, seen) {
      if (legs.length === 0) return;
      legs.forEach((leg, l) => {
        const upright = isUpright(states, leg, cfg, UPRIGHT);
        if (!upright && foldedFrom[l]! < 0) foldedFrom[l] = t;
        // Named again on the first upright frame where all four have blobs and none is held back.
        const named = upright && leg.every((i) => seen[i]![t] && points[i]![t]!.state === 'detected');
        if (named && foldedFrom[l]! >= 0) {
          confirm(leg, foldedFrom[l]!, t, states, points, seen);
          foldedFrom[l] = -1;
        }
      });
      // The last PRE upright frames are kept too: the search starts before the fold (at 30 fps the
      // heel pair's blobs are taken one slot down on the toe-off frame, before the leg folds).
      const oldest = Math.min(...foldedFrom.map((f) => (f < 0 ? t : f))) - PRE;
      for (const [k, img] of kept)
        if (k <= oldest - (foldedFrom.some((f) => f >= 0) ? 1 : 0)) {
          free.push(img.data as Uint8Array);
          kept.delete(k);
          times.delete(k);
        }
      if (t - oldest < MAX_FRAMES) {
        kept.set(t, legsImage(image, states));
        times.set(t, (image as { t?: number }).t ?? 0);
      }
    },
  };

  /**
   * The frame as a grey level image (as track.ts keeps the frames before the seed), converted only
   * around each leg, where the backward pass searches: 60 px either side of its members, a leg span
   * and 40 px above and below them (track-legs.ts sweepLegs looks a span beyond); zero (no marker)
   * elsewhere. The whole frame took 0.5 s of the rear 60 fps case, as long as the backward passes.
   */
  function legsImage(image: MarkerImage, states: readonly State[]): MarkerImage {
    const n = image.width * image.height;
    const reused = free.pop();
    const data = reused?.length === n ? reused.fill(0) : new Uint8Array(n);
    const span = Math.max(0, ...(cfg.legSpans ?? []));
    for (const leg of legs) {
      const xs = leg.map((i) => states[i]!.x);
      const ys = leg.map((i) => states[i]!.y);
      const x0 = Math.max(0, Math.floor(Math.min(...xs) - 60));
      const y0 = Math.max(0, Math.floor(Math.min(...ys) - span - 40));
      const x1 = Math.min(image.width, Math.ceil(Math.max(...xs) + 60));
      const y1 = Math.min(image.height, Math.ceil(Math.max(...ys) + span + 40));
      const rect = { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
      const level = levels(image, rect, detection);
      for (let y = 0; y < rect.h; y++)
        for (let x = 0; x < rect.w; x++)
          data[(y0 + y) * image.width + x0 + x] = Math.round(level[y * rect.w + x]!);
    }
    return { width: image.width, height: image.height, data, format: 'gray' };
  }

  function confirm(
    leg: readonly number[],
    from: number,
    to: number,
    states: readonly State[],
    points: MarkerPoint[][],
    seen: readonly boolean[][],
  ): void {
    if (!kept.has(from)) return;
    const back: State[] = leg.map((i) => {
      const s = states[i]!;
      return {
        ...s,
        vx: 0,
        vy: 0,
        coast: 0,
        lost: false,
        age: 0,
        doubt: false,
        jolt: 0,
        seenX: s.x,
        seenY: s.y,
      };
    });
    const sub: TrackerConfig = {
      detection: { ...detection, appearance: { kind: 'bright' } },
      chains: [
        [0, 1],
        [2, 3],
      ],
      legs: [[0, 1, 2, 3]],
      legSpans: [Math.max(0, ...(cfg.legSpans ?? []))],
      gatePx: cfg.gatePx,
      maxCoastFrames: cfg.maxCoastFrames,
      segments: undefined,
    };
    const now = leg.map(() => false);
    // A member's points are confirmed back from the upright frame while the passes agree on every
    // frame: the backward pass starts with the leg's order-given names, so an unbroken agreement
    // carries them back. Agreement after a break is not taken: on the synthetic runner at 60 fps
    // both passes, given one merged image, put the heel counter's lower marker on the shank's.
    // Confirmed back from the upright frame while the passes agree; the backward pass stops once
    // every member's agreement has broken (most break at the fold's last crossing: ~40% of the
    // fold's frames are tracked again).
    const agreeing = leg.map(() => true);
    for (let t = to - 1; t >= from && agreeing.some(Boolean); t--) {
      const img = kept.get(t);
      if (!img) return;
      const pts = step(back, (k, px, py, gate) => localBlobs(img, back[k]!, px, py, gate, sub), sub, now);
      leg.forEach((i, k) => {
        const p = points[i]![t]!;
        if (!agreeing[k] || Math.hypot(p.x - pts[k]!.x, p.y - pts[k]!.y) > AGREE_PX) {
          agreeing[k] = false;
          return;
        }
        if (p.state !== 'detected' && seen[i]![t] && now[k])
          points[i]![t] = { ...p, state: 'detected', confidence: CONFIRMED_CONFIDENCE };
      });
    }
    // The search starts from two upright frames before the fold (its fixed start). A fold under way
    // on the clip's first frames has none: searched from its own folded frames 0-1 (the right leg
    // of the rear clips is folded on frame 0), its new points gave 3 swaps on noise seed 61 at
    // 60 fps. There it only takes back the forward pass's points its best path does not keep.
    const start = Math.max(2, from - PRE);
    searchFold(leg, start, to, states, points, start <= from);
  }

  /** The fold's identities searched over its kept frames (track-fold-obs.ts `resolveFold`). */
  function searchFold(
    leg: readonly number[],
    from: number,
    to: number,
    states: readonly State[],
    points: MarkerPoint[][],
    report: boolean,
  ): void {
    if (from < 2) return;
    const images: MarkerImage[] = [];
    for (let t = from; t < to; t++) {
      const img = kept.get(t);
      if (!img) return;
      images.push(img);
    }
    const dt = (times.get(to - 1)! - times.get(from)!) / Math.max(1, to - 1 - from);
    resolveFold({
      images,
      from,
      leg,
      states,
      points,
      detection: { ...detection, appearance: { kind: 'bright' } },
      span: Math.max(0, ...(cfg.legSpans ?? [])),
      scale: dt > 0 ? (dt * 60) ** 2 : 1,
      confidence: CONFIRMED_CONFIDENCE,
      report,
    });
  }
}

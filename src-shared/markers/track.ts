/**
 * Marker tracking through a clip (docs/markers.md, "Tracking"). Per frame and marker: predict with
 * constant velocity (an alpha-beta filter [Kalata 1984] on the measured centroids), search a window
 * around the prediction for blobs (local automatic threshold, so a motion-blurred marker dimmer than
 * the still ones is still found), then assign blobs to markers all at once (assign.ts: one blob per
 * marker, gated by distance), so markers passing each other never swap. A marker without a blob
 * coasts on its prediction with falling confidence, is 'lost' after `maxCoastFrames`, and is taken
 * up again when a round, contrasted blob appears near where it should be.
 */
import { pixels } from '../units';
import { assign } from './assign';
import { detectBlobs, levelImage } from './detect';
import { MERGED_MIN_ROUNDNESS } from './merged-blob';
import { TOP_TO_BOTTOM } from './protocol';
import { keepOrder, regainChains } from './track-chains';
import {
  byPartner,
  carryMerged,
  columns,
  offColumn,
  chainsNow,
  learnSpans,
  merged,
  sweepLegs,
  updateDoubt,
} from './track-legs';
import { bySegment } from './track-by-segment';
import { legConfirmer } from './track-confirm';
import { byCircle } from './track-circle';
import { correctByNeighbours, type Prediction } from './track-neighbours';
import { reacquire } from './track-reacquire';
import { assignWithSegments, learnLengths, segmentsOf } from './track-segments';
import {
  appearanceCost,
  expectedContrast,
  streakContrast,
  gateOf,
  learnBlur,
  localBlobs,
  pool,
  seedStates,
  stateAtSeed,
  type State,
  type TrackerConfig,
} from './track-search';
import type {
  Blob,
  CancelSignal,
  DetectionOptions,
  MarkerFrame,
  MarkerImage,
  MarkerPoint,
  MarkerTrack,
  TrackMarkers,
} from './types';

/**
 * Frames before the seed frame that the backward pass can keep (grey, 1 byte a pixel: 0.5 MB each
 * at 960x540, about 2 MB at 1920x1080); the PT names the markers near the start of a clip.
 */
export const MAX_BACKWARD_FRAMES = 240;

/** Fastest believable marker motion, px a frame (a swing foot at 30 fps filmed close moves ~100). */
const MAX_SPEED = 150;

/** Alpha-beta gains: the velocity follows the last displacement closely (markers accelerate hard). */
const BETA = 0.7;

function abortError(): Error {
  const e = new Error('Marker tracking was cancelled.');
  e.name = 'AbortError';
  return e;
}

/**
 * One tracking step for all markers on one frame's candidates. `candidates(i, px, py, gate)` gives
 * marker i's blobs (a local search, or a stored list). Returns the point of each marker.
 */
export function step(
  states: State[],
  candidates: (i: number, px: number, py: number, gate: number) => Blob[],
  cfg: TrackerConfig,
  seen?: boolean[],
): MarkerPoint[] {
  // Constant velocity: a constant-acceleration term doubled the pelvis markers' worst prediction
  // error on the synthetic runner (the pelvis changes direction at each contact).
  const pred: Prediction[] = states.map((s) => ({ x: s.x + s.vx, y: s.y + s.vy, gate: gateOf(s, cfg) }));
  const blobs = pool(
    states.map((_, i) => candidates(i, pred[i]!.x, pred[i]!.y, pred[i]!.gate)),
    states,
  );
  const addBlobs = (more: Blob[]): void => {
    for (const b of pool([blobs, more], states).slice(blobs.length)) blobs.push(b);
  };
  correctByNeighbours(states, pred, blobs);
  const chains = chainsNow(states, cfg);
  // How dim a blob is, for a marker held by a fixed length (side view), against the streak it was
  // seen to leave (track-search.ts streakContrast): on the knee-markers clip (noise seeds 7, 11) a
  // faint smear (contrast 44, roundness 0.22) beside the reversing ankle passed for the malleolus
  // (157) against the whole travel's bound. The rear legs keep that bound: their folded markers'
  // blobs at 30 fps are dimmer than the upright views they learn from (seed 11: 65% -> 50% within
  // 1 px with it).
  const held = states.map((_, i) =>
    (cfg.segments?.pairs ?? []).some((p) => p.kind === 'fixed' && (p.a === i || p.b === i)),
  );
  const column = columns(states, cfg);
  const cost = states.map((s, i) => {
    const p = pred[i]!;
    return blobs.map((b) => {
      const d = Math.hypot(b.x - p.x, b.y - p.y);
      if (d > p.gate) return Infinity;
      // A rear leg's member takes no blob off its leg's column (track-legs.ts `columns`).
      if (offColumn(s, b.x, column[i])) return Infinity;
      // A lost marker is taken up again only by a round, well-contrasted blob.
      if (
        s.lost &&
        (b.roundness < 0.5 * (cfg.detection.minRoundness ?? 0.5) || b.contrast < 0.35 * s.contrast)
      )
        return Infinity;
      const dim = Math.max(
        0,
        1 - b.contrast / Math.max(1, held[i] ? streakContrast(s) : expectedContrast(s)),
      );
      return (d / p.gate) ** 2 + 0.3 * dim + appearanceCost(s, b);
    });
  });
  const segments = cfg.segments;
  const choice = segments ? assignWithSegments(cost, blobs, segments, 1.5, chains) : assign(cost, 1.5);
  keepOrder(choice, blobs, chains);
  // A chain member without a blob is looked for where its chain puts it: between its assigned
  // neighbours, or at its seed-frame offset from the nearest one.
  for (const chain of chains) {
    chain.forEach((i, k) => {
      if (choice[i]! >= 0) return;
      const up = chain
        .slice(0, k)
        .reverse()
        .find((m) => choice[m]! >= 0);
      const down = chain.slice(k + 1).find((m) => choice[m]! >= 0);
      const at = (m: number): Blob => blobs[choice[m]!]!;
      let ex: number;
      let ey: number;
      if (up !== undefined && down !== undefined) {
        const f = (states[i]!.seedY - states[up]!.seedY) / (states[down]!.seedY - states[up]!.seedY || 1);
        ex = at(up).x + f * (at(down).x - at(up).x);
        ey = at(up).y + f * (at(down).y - at(up).y);
      } else {
        const m = up ?? down;
        if (m === undefined) return;
        ex = at(m).x;
        ey = at(m).y + (states[i]!.seedY - states[m]!.seedY);
      }
      addBlobs(candidates(i, ex, ey, Math.max(8, 3 * states[i]!.radius)));
    });
  }
  regainChains(states, choice, blobs, chains);
  if (segments) byCircle(states, choice, blobs, segments, candidates, addBlobs);
  // A lost marker held by one length: the blobs on its circle followed until one is confirmed.
  const regained = segments
    ? reacquire(states, pred, choice, blobs, segments, cfg, candidates, addBlobs)
    : new Set<number>();
  const placed = segments ? bySegment(states, pred, choice, blobs, segments, candidates, addBlobs) : [];
  sweepLegs(states, choice, blobs, cfg, candidates, addBlobs);
  const carried = carryMerged(pred, merged(states, pred, choice, blobs, chains));
  const partnered = byPartner(states, pred, choice, blobs, cfg);
  updateDoubt(states, pred, choice, blobs, chains, cfg, partnered);
  learnSpans(choice, blobs, cfg);
  const points = states.map((s, i): MarkerPoint => {
    const p = pred[i]!;
    const j = choice[i]!;
    if (j >= 0) {
      const b = blobs[j]!;
      const d = Math.hypot(b.x - p.x, b.y - p.y);
      const mx = b.x - s.x;
      const my = b.y - s.y;
      // A blob beyond the gate was handed over by a chain's order (a member taking its own blob back
      // from a neighbour): the jump is the identity put right, not the marker's motion.
      const handed = d > p.gate && s.age > 0 && chains.some((c) => c.includes(i));
      if (!s.lost && s.age > 0 && !handed) s.jolt = Math.max(0.9 * s.jolt, Math.hypot(mx - s.vx, my - s.vy));
      // Alpha-beta velocity update (alpha = 1: the position is the measurement itself).
      if (handed) {
        s.vx = 0;
        s.vy = 0;
      } else if ((s.lost && !regained.has(i)) || s.age === 0) {
        s.vx = s.age === 0 ? mx : 0;
        s.vy = s.age === 0 ? my : 0;
      } else {
        s.vx += BETA * (mx - s.vx);
        s.vy += BETA * (my - s.vy);
      }
      // A marker faster than MAX_SPEED px a frame is a wrong blob, not a runner: never extrapolate it.
      const speed = Math.hypot(s.vx, s.vy);
      if (speed > MAX_SPEED) {
        s.vx *= MAX_SPEED / speed;
        s.vy *= MAX_SPEED / speed;
      }
      learnBlur(s, b, Math.hypot(mx, my));
      s.x = b.x;
      s.y = b.y;
      s.seenX = b.x;
      s.seenY = b.y;
      s.coast = 0;
      // Taken up again after a loss: its confidence starts at a quarter and is whole after 5 frames.
      if (s.lost || regained.has(i)) s.regained = 0;
      else if (s.regained !== undefined) s.regained = s.regained < 4 ? s.regained + 1 : undefined;
      const trust = s.regained === undefined ? 1 : 0.25 + 0.15 * s.regained;
      s.lost = false;
      // The marker's own (unblurred) contrast is learnt from round views of it only.
      if (b.roundness > 0.6) {
        s.contrast = 0.8 * s.contrast + 0.2 * b.contrast;
        s.level = 0.8 * s.level + 0.2 * b.level;
      }
      s.age++;
      const confidence =
        Math.exp(-2 * (d / p.gate) ** 2) *
        Math.min(1, b.contrast / Math.max(1, expectedContrast(s))) *
        Math.min(1, 0.4 + b.roundness);
      // A folded leg's member that may carry its neighbour's identity: followed, not reported.
      if (s.doubt) return { x: pixels(b.x), y: pixels(b.y), confidence: 0, state: 'lost' };
      return {
        x: pixels(b.x),
        y: pixels(b.y),
        confidence: Math.max(0.05, Math.min(1, confidence) * trust),
        state: 'detected',
      };
    }
    s.age++;
    s.coast++;
    const m = carried.get(i);
    if (m) {
      // On a blob it shares with a chain neighbour: moved with the blob, not seen, not lost.
      s.vx += BETA * (m.x - s.x - s.vx);
      s.vy += BETA * (m.y - s.y - s.vy);
      s.x = m.x;
      s.y = m.y;
      s.coast = Math.min(s.coast, cfg.maxCoastFrames);
      return { x: pixels(s.x), y: pixels(s.y), confidence: 0, state: 'lost' };
    }
    // A rear leg's member beside its steady pair partner keeps its offset from it (track-legs.ts).
    const c = partnered.get(i) ?? placed[i];
    if (c) {
      // Carried by its segment: where its partners put it, moving as they do.
      s.vx += BETA * (c.x - s.x - s.vx);
      s.vy += BETA * (c.y - s.y - s.vy);
      s.x = c.x;
      s.y = c.y;
    } else {
      s.x = p.x;
      s.y = p.y;
    }
    // Nor is it carried off it: a member pushed sideways by its bounds ('at most' lengths) took that
    // as velocity and ran off, its leg's search with it (noise seed 23 at 30 fps, frame 37: 27 px,
    // then 170; seed 3 before this change: 54% within 1 px, 28 swaps).
    if (offColumn(s, s.x, column[i])) {
      s.x = column[i]!;
      s.vx = 0;
    }
    // Reported as a place only where its segment fixes it, or while its coasting has carried it less
    // than three of its radii (a marker barely moving, as a shank in stance); elsewhere the coasted
    // point is the tracker's search centre, not something to draw or measure (issue 15: a hidden
    // marker is not visible, not guessed). On the synthetic rear view at 60 fps, a lower shank marker
    // covered at toe-off coasted 30 px off and gave a peak eversion of 66° where the design has 6°.
    const shown =
      (c !== undefined && 'determined' in c && c.determined) ||
      s.coast * Math.hypot(s.vx, s.vy) <= 3 * s.radius;
    if (s.coast > cfg.maxCoastFrames || !shown) {
      if (s.coast > cfg.maxCoastFrames) s.lost = true;
      if (s.lost && !c) {
        // A lost marker stops drifting: search where it was last seen (a coasted prediction runs off).
        s.x = s.seenX;
        s.y = s.seenY;
        s.vx = 0;
        s.vy = 0;
      }
      return { x: pixels(s.x), y: pixels(s.y), confidence: 0, state: 'lost' };
    }
    if (s.doubt) return { x: pixels(s.x), y: pixels(s.y), confidence: 0, state: 'lost' };
    return { x: pixels(s.x), y: pixels(s.y), confidence: 0.5 * 0.8 ** s.coast, state: 'predicted' };
  });
  if (seen) states.forEach((_, i) => (seen[i] = choice[i]! >= 0));
  if (segments)
    learnLengths(segments, (k) =>
      choice[k]! >= 0 && points[k]!.confidence > 0.5 ? blobs[choice[k]!]! : null,
    );
  return points;
}

export const trackMarkers: TrackMarkers = async (frames, seeds, options, onProgress, signal) => {
  if (seeds.length === 0) return [];
  const seedFrame = seeds[0]!.frame;
  if (seeds.some((s) => s.frame !== seedFrame))
    throw new Error('trackMarkers: all seeds must be on one frame');
  const chains = TOP_TO_BOTTOM.flatMap((sites) =>
    (['left', 'right'] as const).map((side) =>
      sites.map((site) => seeds.findIndex((s) => s.name === `${side}${site}`)).filter((i) => i >= 0),
    ),
  ).filter((c) => c.length > 1);
  const legs = (['left', 'right'] as const)
    .map((side) =>
      ['ShankUpper', 'ShankLower', 'HeelCounterUpper', 'HeelCounterLower'].map((site) =>
        seeds.findIndex((s) => s.name === `${side}${site}`),
      ),
    )
    .filter((leg) => leg.every((i) => i >= 0));
  const cfg: TrackerConfig = {
    detection: options.detection,
    chains,
    legs,
    segments: undefined,
    gatePx: options.gatePx,
    maxCoastFrames: options.maxCoastFrames ?? 8,
  };
  // Frames before the seed frame are kept as grey level images (1 byte a pixel) for the backward pass.
  const relaxed: DetectionOptions = { ...options.detection, minRoundness: MERGED_MIN_ROUNDNESS };
  const levelCfg: TrackerConfig = {
    ...cfg,
    detection: { ...options.detection, appearance: { kind: 'bright' } },
  };
  const before: MarkerImage[] = [];
  const confirmer = legConfirmer(cfg, options.detection, step);
  const points: MarkerPoint[][] = seeds.map(() => []);
  // Per marker and frame: whether its point is a blob's (track-confirm.ts confirms the rear legs' on them).
  const seen: boolean[][] = seeds.map(() => []);
  const now: boolean[] = seeds.map(() => false);
  let states: State[] | null = null;
  let done = 0;
  const every = Math.max(1, Math.round((options.frameCount ?? 100) / 100));
  const check = (s?: CancelSignal): void => {
    if (s?.aborted) throw abortError();
  };
  for await (const frame of frames as AsyncIterable<MarkerFrame>) {
    check(signal);
    if (frame.index < seedFrame) {
      if (before.length >= MAX_BACKWARD_FRAMES)
        throw new Error(`trackMarkers: name the markers within the first ${MAX_BACKWARD_FRAMES} frames`);
      before.push(levelImage(frame, options.detection));
    } else if (states === null) {
      const blobs = detectBlobs(frame, relaxed);
      states = seedStates(seeds, blobs);
      cfg.segments = segmentsOf(
        seeds.map((s) => s.name),
        states,
      );
      levelCfg.segments = cfg.segments;
      const ys = (leg: readonly number[]): number[] => leg.map((i) => states![i]!.y);
      cfg.legSpans = legs.map((leg) => Math.max(...ys(leg)) - Math.min(...ys(leg)));
      levelCfg.legSpans = cfg.legSpans;
      // Two fixed lengths check a blob's place, one only its distance: the wider gates need two.
      const fixedPartners = states.map(() => 0);
      for (const p of cfg.segments.pairs)
        if (p.kind === 'fixed') {
          fixedPartners[p.a]!++;
          fixedPartners[p.b]!++;
        }
      states.forEach((s, i) => {
        s.rigid = fixedPartners[i]! >= 2;
      });
      states.forEach((s, i) => {
        points[i]!.push({ x: pixels(s.x), y: pixels(s.y), confidence: 1, state: 'detected' });
        seen[i]!.push(true);
      });
    } else {
      const st: State[] = states;
      const pts = step(st, (i, px, py, gate) => localBlobs(frame, st[i]!, px, py, gate, cfg), cfg, now);
      pts.forEach((p, i) => points[i]!.push(p));
      now.forEach((v, i) => seen[i]!.push(v));
      confirmer.after(frame, points[0]!.length - 1, st, points, seen);
    }
    done++;
    if (onProgress && done % every === 0) onProgress({ framesDone: done, frameCount: options.frameCount });
  }
  check(signal);
  if (states === null) throw new Error(`trackMarkers: the clip has no frame ${seedFrame}`);
  // Backward pass from the seed frame over the stored blob lists.
  const back = seeds.map((s) => stateAtSeed(s, []));
  back.forEach((b, i) =>
    Object.assign(b, {
      x: points[i]![0]!.x,
      y: points[i]![0]!.y,
      seenX: points[i]![0]!.x,
      seenY: points[i]![0]!.y,
      radius: states![i]!.radius,
      contrast: states![i]!.contrast,
      rigid: states![i]!.rigid,
    }),
  );
  const earlier: MarkerPoint[][] = seeds.map(() => []);
  for (let f = before.length - 1; f >= 0; f--) {
    check(signal);
    const img = before[f]!;
    const pts = step(back, (i, px, py, gate) => localBlobs(img, back[i]!, px, py, gate, levelCfg), levelCfg);
    pts.forEach((p, i) => earlier[i]!.push(p));
  }
  if (onProgress) onProgress({ framesDone: done, frameCount: options.frameCount });
  return seeds.map((s, i): MarkerTrack => ({
    name: s.name,
    points: [...earlier[i]!.reverse(), ...points[i]!],
  }));
};

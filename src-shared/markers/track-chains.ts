/**
 * The rear view's chains in marker tracking (track.ts; docs/markers.md, "Tracking"): a leg's
 * heel-counter and lower-shank markers never pass each other along the leg (protocol.ts
 * TOP_TO_BOTTOM), so their order in the image height names them when they fold together in swing
 * and part again at the next stance.
 */
import type { State } from './track-search';
import type { Blob } from './types';

/** Within each chain, the assigned blobs are handed out again top to bottom in the chain's order. */
export function keepOrder(
  choice: number[],
  blobs: readonly Blob[],
  chains: readonly (readonly number[])[],
): void {
  for (const chain of chains) {
    const members = chain.filter((i) => choice[i]! >= 0);
    const taken = members.map((i) => choice[i]!).sort((a, b) => blobs[a]!.y - blobs[b]!.y);
    members.forEach((i, k) => {
      choice[i] = taken[k]!;
    });
  }
}

/**
 * A leg's rear markers merge into one or two blobs in swing (the foot comes up behind the shank) and
 * part again at the next stance, where a marker coasting alone has drifted. When a chain misses a
 * member and exactly as many blobs as it has members lie in the chain's corridor (within 4 radii of
 * its mean x, between its top and bottom extended by its own length), they are handed out top to
 * bottom: the order along the leg names them.
 */
export function regainChains(
  states: readonly State[],
  choice: number[],
  blobs: readonly Blob[],
  chains: readonly (readonly number[])[],
): void {
  for (const chain of chains) {
    if (chain.every((i) => choice[i]! >= 0)) continue;
    const seen = chain.filter((i) => choice[i]! >= 0);
    if (seen.length === 0) continue;
    const xs = seen.map((i) => blobs[choice[i]!]!.x);
    const cx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const r = Math.max(...chain.map((i) => states[i]!.radius));
    const ys = seen.map((i) => blobs[choice[i]!]!.y);
    const top = Math.min(...ys) - 1.2 * span0(states, chain) - 2 * r;
    const bottom = Math.max(...ys) + 1.2 * span0(states, chain) + 2 * r;
    const mine = new Set(chain.map((i) => choice[i]!).filter((j) => j >= 0));
    const taken = new Set(choice.filter((j, i) => j >= 0 && !chain.includes(i)));
    const corridor = blobs
      .map((b, j) => ({ b, j }))
      .filter(({ b, j }) => !taken.has(j) && Math.abs(b.x - cx) <= 4 * r && b.y >= top && b.y <= bottom)
      .sort((a, b) => a.b.y - b.b.y);
    if (corridor.length !== chain.length || !corridor.every(({ j }) => mine.has(j) || !taken.has(j)))
      continue;
    // Never farther from a member's last sighting than the chain is long.
    const far = chain.some(
      (i, k) =>
        Math.hypot(corridor[k]!.b.x - states[i]!.seenX, corridor[k]!.b.y - states[i]!.seenY) >
        span0(states, chain) + 6 * r,
    );
    if (far) continue;
    chain.forEach((i, k) => {
      choice[i] = corridor[k]!.j;
    });
  }
}

/** The chain's length (top to bottom) on the seed frame. */
function span0(states: readonly State[], chain: readonly number[]): number {
  const ys = chain.map((i) => states[i]!.seedY);
  return Math.max(...ys) - Math.min(...ys);
}

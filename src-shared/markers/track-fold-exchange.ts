/**
 * Rear view: which of the fold's two one-ended searches to believe where they disagree (docs/markers.md,
 * "Identity through the fold", "The pairs exchanged at the fold's top"). resolveFold (track-fold-obs.ts)
 * reports a point only where neither the search from the fold's start alone nor the one from its end
 * alone contradicts the two-ended search: the forward-backward check [Kalal 2010]. At 30 fps each
 * one-ended search carries its end's names to the fold's top, where the four markers stand within
 * ~25 px of one another on one line, the shank pair and the heel-counter pair nearly alike in length
 * and angle; there it often exchanges the two pairs as wholes and carries the exchange on to the
 * fold's other end. Its vote past the top is then wrong, and held right points back (150 of 173 misses,
 * noise seed 7).
 *
 * The exchange shows where the leg opens again: the heel-counter pair sits on the shoe's heel counter
 * and is never longer than at the fold's upright ends (7-21 px on the synthetic runner, with the
 * tracker's tolerance for an "at most" length, track-segments.ts), while the shank pair opens to two
 * or three times that (59 px); a reading that gives the heel pair the shank's length has the pairs
 * exchanged. The pairs' angles cannot show it: each pair keeps its order in height
 * (so an exchange never turns one by 180°), and at the fold's top both lie on one line (on the
 * synthetic runner within 2° of each other). A search found exchanged is no witness on the frames past
 * the fold's top, on the side away from its own end, once the leg has opened again; the top's own
 * frames, where the exchange happens and either reading may be wrong, still need both votes.
 */
import { contradicts, type FoldObs } from './track-fold';
import { UPRIGHT } from './track-legs';
import { tolerance } from './track-segments';

/**
 * The leg counts as open again from this fraction of its longest span. At the fold's top the span is
 * 0.16-0.23 of it (30 fps, synthetic runner); voiding votes from 0.2 gave 2-3 swaps a clip at 30 fps
 * (noise seeds 7, 11, 13), from 0.3 none and from 0.4 none, 0.6-1.2 points fewer within 1 px than 0.3
 * (ten tuning seeds): 0.4 keeps a margin over the top's spans.
 */
export const OPEN = 0.4;

export interface ExchangeInput {
  readonly obs: readonly (readonly FoldObs[])[];
  /** The one-ended search's picks per frame of `obs` (in the fold's order), member-indexed. */
  readonly reading: readonly (ArrayLike<number> | undefined)[];
  /** Whether the search ran from the fold's end (backward); else from its start. */
  readonly fromEnd: boolean;
  /** The two-ended search's places per frame and member (where the fold's top is). */
  readonly at: readonly (readonly { x: number; y: number }[])[];
  /** The heel-counter pair's members (upper, lower) and its longest length, px. */
  readonly heel: readonly [number, number];
  readonly heelLongest: number;
  /** The leg's longest span, px. */
  readonly span: number;
}

/** Per frame of the fold: whether the one-ended search's vote there is void (it exchanged the pairs). */
export function voidVotes(c: ExchangeInput): boolean[] {
  const n = c.obs.length;
  const none = new Array<boolean>(n).fill(false);
  const spans = spansOf(c.at);
  if (!exchanged(c) && !outOfOrder(c, spans)) return none;
  const top = topOf(spans);
  return none.map((_, f) => (c.fromEnd ? f < top : f > top) && spans[f]! >= OPEN * c.span);
}

/** The leg's span per frame, by the two-ended search's places. */
function spansOf(at: readonly (readonly { x: number; y: number }[])[]): number[] {
  return at.map((ps) => {
    const ys = ps.map((p) => p.y);
    return Math.max(...ys) - Math.min(...ys);
  });
}

/** The fold's top: the frame of least span. */
function topOf(spans: readonly number[]): number {
  let top = 0;
  for (let f = 1; f < spans.length; f++) if (spans[f]! < spans[top]!) top = f;
  return top;
}

/**
 * Whether the reading puts the heel-counter pair further apart, on some frame, than it ever is: its
 * longest and the tracker's tolerance for an "at most" length (10% + 2 px).
 */
function exchanged(c: ExchangeInput): boolean {
  const [u, l] = c.heel;
  const limit = c.heelLongest + tolerance({ a: u, b: l, kind: 'atMost', limb: true, length: c.heelLongest });
  return c.reading.some((p, f) => {
    if (!p || p[u]! < 0 || p[l]! < 0) return false;
    const a = c.obs[f]![p[u]!]!;
    const b = c.obs[f]![p[l]!]!;
    return Math.hypot(a.x - b.x, a.y - b.y) > limit;
  });
}

/**
 * Whether the reading breaks the leg's order, top to bottom, on a frame where the leg is upright
 * (its span, by the two-ended search's places, at least UPRIGHT of its longest: the order the
 * tracker itself names an upright leg by, track-legs.ts). With the lateral scale and the price of
 * an unexplained blob in the search (track-fold.ts), the search from the fold's end on the rendered
 * fold of noise seed 7 (30 fps, right leg) no longer gave the heel pair the shank's length but put
 * the shank's names on the heel pair's markers and the heel's lower marker on the shank's upper one
 * (frames 11-17, the leg open), leaving the heel's upper member unseen.
 */
function outOfOrder(c: ExchangeInput, spans: readonly number[]): boolean {
  return c.reading.some((p, f) => {
    if (!p || spans[f]! < UPRIGHT * c.span) return false;
    let above = -Infinity;
    for (let k = 0; k < p.length; k++) {
      const j = p[k]!;
      if (j < 0) continue;
      const y = c.obs[f]![j]!.y;
      if (y <= above) return true;
      above = y;
    }
    return false;
  });
}

export interface ReturnInput {
  readonly obs: readonly (readonly FoldObs[])[];
  /** The one-ended search's picks per frame of `obs` (in the fold's order), member-indexed. */
  readonly reading: readonly (ArrayLike<number> | undefined)[];
  /** Whether the search ran from the fold's end (backward); else from its start. */
  readonly fromEnd: boolean;
  /** The two-ended search's picks and places per frame. */
  readonly pick: readonly ArrayLike<number>[];
  readonly at: readonly (readonly { x: number; y: number }[])[];
  /** The leg's longest span, px. */
  readonly span: number;
}

/**
 * Per frame of the fold: whether the one-ended search's vote there is void because it does not come
 * back to the fold's other end. The forward-backward check [Kalal 2010: a track run forward and then
 * backward that does not return to its start has failed] asks the search from the fold's end to
 * reach the fold's start with the names the start has: there, on the upright frames before the fold
 * (span at least UPRIGHT of the longest), the leg's order names the four, and the two-ended search,
 * fixed to the start, agrees with it. A search that arrives with other names (at 30 fps often the
 * pairs exchanged or the names moved round, cdab or bdac, noise seed 7) took a wrong turn on its
 * way; it then has no vote past the fold's top on the side away from its own end, nor beyond its
 * first contradiction of the two-ended search counted from its own end. The top's own frames still
 * need both votes, as for an exchange (voidVotes), but not the frames before them where the leg is
 * still folding (span under OPEN of the longest), which the exchange rule leaves voting. Such
 * votes had held back the two-ended search's right points on the fold's near half: 90 of the 187
 * misses of noise seeds 7 and 11 at 30 fps. Voiding beyond the first contradiction alone, the top
 * included, gained another 0-0.9 points but showed hidden markers as detected 5-10 px off (seed
 * 31) and gave a swap (seed 59): at the top the two-ended search handed three names round, and only
 * the search from the end said so. The search from the start is held to the fold's end the same way.
 */
export function strayedVotes(c: ReturnInput): boolean[] {
  const n = c.obs.length;
  const none = new Array<boolean>(n).fill(false);
  const spans = spansOf(c.at);
  const agrees = (f: number): boolean => {
    const p = c.reading[f];
    return p !== undefined && c.at[f]!.every((_, k) => !contradicts(c.obs[f]!, c.pick[f]!, p, k, c.at[f]));
  };
  // The other end's upright frames: the fold's first two for the search from its end, else its last two.
  const far = (c.fromEnd ? [0, 1] : [n - 1, n - 2]).filter(
    (f) => f >= 0 && f < n && spans[f]! >= UPRIGHT * c.span,
  );
  if (far.every(agrees)) return none;
  const top = topOf(spans);
  if (c.fromEnd) {
    let g = n - 1;
    while (g >= 0 && agrees(g)) g--;
    return none.map((_, f) => f < Math.min(g, top));
  }
  let g = 0;
  while (g < n && agrees(g)) g++;
  return none.map((_, f) => f > Math.max(g, top));
}

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
import type { FoldObs } from './track-fold';
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
  const spans = c.at.map((ps) => {
    const ys = ps.map((p) => p.y);
    return Math.max(...ys) - Math.min(...ys);
  });
  if (!exchanged(c) && !outOfOrder(c, spans)) return none;
  let top = 0;
  for (let f = 1; f < n; f++) if (spans[f]! < spans[top]!) top = f;
  return none.map((_, f) => (c.fromEnd ? f < top : f > top) && spans[f]! >= OPEN * c.span);
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

/**
 * What the fold search (track-fold.ts) sees of a folded leg on one kept frame (docs/markers.md,
 * "Identity through the fold"): the blobs in the leg's column, and for a blob too large for one
 * marker the two discs it splits into (track-split.ts, a fit of exposure-smeared discs of one
 * radius), kept beside the blob's own centroid as alternatives (one image: a member takes the
 * centroid or a disc, never both): a smeared single marker is also large, and only its motion
 * tells whether the centroid or a disc is a marker. And what is reported from the search
 * (`resolveFold`).
 */
import { pixels } from '../units';
import { detectAtThresholds } from './detect';
import { contradicts, foldSearch, type FoldObs } from './track-fold';
import { strayedVotes, voidVotes } from './track-fold-exchange';
import { MERGED_MIN_ROUNDNESS, tooLargeForOneMarker } from './merged-blob';
import { fitDiscs } from './track-split';
import type { State } from './track-search';
import type { DetectionOptions, MarkerImage, MarkerPoint } from './types';

export interface ColumnSpec {
  /** The members' places on this frame (the forward pass's, some only carried). */
  readonly at: readonly { x: number; y: number }[];
  readonly radius: number;
  /** The members' contrast above the background, grey levels. */
  readonly contrast: number;
  /** The leg's longest span, px. */
  readonly span: number;
}

/** A member unseen within this many radii of a member's observation may have joined its blob. */
const COVERED_RADII = 3;
/** Discs closer than this many radii are one marker smeared, not two. */
const MIN_APART = 0.7;
/**
 * The column searched reaches this many leg spans above the members' highest place and below their
 * lowest (track-legs.ts sweepLegs looks a whole span beyond too). The places are the forward pass's,
 * some only carried: at 30 fps it had stacked all four on the shank's upper blob at a contact (noise
 * seed 151, right leg frames 45-46), and half a span left the heel pair's blobs, 70-100 px below,
 * outside the column; the search then named the heel pair a slot up (a swap at frame 47).
 */
const COLUMN = 1;
/**
 * A blob larger than this many marker areas holds three markers, and is split into three discs:
 * on the rear clips (noise seed 7, blobs over 1.5 areas in the fold search) two markers merged make
 * 1.53-2.50 areas, three 2.78-3.91 at 30 and 60 fps. Split in two, a three-marker blob gave one
 * disc between two markers, taken by one of them 1.8 px off and reported (noise seed 67, 30 fps,
 * right leg frame 22: the heel pair's upper marker on its lower one's place).
 */
const THREE = 2.6;

export function foldObservations(image: MarkerImage, detection: DetectionOptions, c: ColumnSpec): FoldObs[] {
  const r = c.radius;
  const xs = c.at.map((p) => p.x).sort((a, b) => a - b);
  const ys = c.at.map((p) => p.y);
  const cx = (xs[1]! + xs[2]!) / 2;
  const half = Math.max(6 * r, 20);
  const top = Math.min(...ys) - COLUMN * c.span - 3 * r;
  const bottom = Math.max(...ys) + COLUMN * c.span + 3 * r;
  const area = Math.PI * r * r;
  const opts: DetectionOptions = {
    ...detection,
    minRoundness: MERGED_MIN_ROUNDNESS,
    minAreaPx: Math.max(2, 0.3 * area),
    maxAreaPx: 8 * area,
    region: { x: cx - half, y: top, width: 2 * half, height: bottom - top },
  };
  const blobs =
    detectAtThresholds(image, opts, (_, median) => [median + Math.max(10, 0.5 * c.contrast)])[0] ?? [];
  const out: FoldObs[] = [];
  blobs.forEach((b, g) => {
    out.push({ x: b.x, y: b.y, group: g, whole: true });
    if (!tooLargeForOneMarker(b.areaPx, area)) return;
    // Three discs where the blob is larger than two markers make, else (or where two of the three
    // fall on one marker) two.
    const discs =
      (b.areaPx > THREE * area && split(image, detection, b, r, 3)) || split(image, detection, b, r, 2);
    if (discs) for (const p of discs) out.push({ x: p.x, y: p.y, group: g, whole: false });
  });
  return out;
}

/**
 * A merged blob split into n discs of the markers' radius (track-split.ts), started spread along the
 * leg's vertical line over the length its extra area says (n discs over a length d cover about
 * πr² + 2rd); null where the fit fails or two discs fall on one marker (closer than MIN_APART radii).
 */
function split(
  image: MarkerImage,
  detection: DetectionOptions,
  b: { x: number; y: number; areaPx: number },
  r: number,
  n: number,
): { x: number; y: number }[] | null {
  const d = Math.min(4 * r * (n - 1), Math.max(r, (b.areaPx - Math.PI * r * r) / (2 * r)));
  const fit = fitDiscs(
    image,
    detection,
    Array.from({ length: n }, (_, i) => ({ x: b.x, y: b.y + d * (i / (n - 1) - 0.5), dx: 0, dy: 0 })),
    r,
  );
  if (!fit) return null;
  const cs = fit.centres;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (Math.hypot(cs[i]!.x - cs[j]!.x, cs[i]!.y - cs[j]!.y) < MIN_APART * r) return null;
  return cs;
}

export interface FoldInput {
  /** The kept frames from `from` to the upright frame after the fold (excluded). */
  readonly images: readonly MarkerImage[];
  readonly from: number;
  /** The leg's members: shank upper, shank lower, heel-counter upper, heel-counter lower. */
  readonly leg: readonly number[];
  readonly states: readonly State[];
  /** Per marker and frame: the forward pass's points, to frame `from + images.length` (named). */
  readonly points: MarkerPoint[][];
  readonly detection: DetectionOptions;
  /** The leg's longest span, px. */
  readonly span: number;
  /** (frame interval × 60)²: track-fold.ts FoldOptions.scale. */
  readonly scale: number;
  /** Confidence of a point placed by the search. */
  readonly confidence: number;
  /** Whether the search's points are reported; if not, it only takes back the forward pass's. */
  readonly report: boolean;
}

/**
 * Margin (track-fold.ts) a point needs to be reported: on the synthetic rear clips (noise seed 7)
 * 2, 4 and 6 gave 94.1 / 93.7 / 92.9% within 1 px at 60 fps and the same swaps (none), 77.1 / 76.8 /
 * 75.3% at 30 fps (4 swaps each, all from the forward pass): the forward-backward check below is what
 * keeps identities, the margin a second guard.
 */
const TRUST = 4;
/** The shank pair and the heel-counter pair keep their order in height (track-legs.ts). */
const ORDER: readonly (readonly [number, number])[] = [
  [0, 1],
  [2, 3],
];

/**
 * Searches a fold (track-fold.ts) and reports its points: a member's observation is reported
 * (detected, at the observation) where the two-ended search chose it with a wide margin and neither
 * the search from the fold's start alone nor the one from its end alone (run backward) contradicts
 * it: the forward-backward check of trackers [Kalal 2010] on the searches, so a point stands only
 * where both ends of the fold reach it with that identity (on the 30 fps clips, either end alone
 * was enough for 13-18 swaps). A point the forward pass reported inside the fold stands only where
 * the search's best path puts that member within 1 px of it; elsewhere it is taken back (lost): at
 * 30 fps the heel pair's blobs are taken one slot down at toe-off, and a member in the open far from
 * its path (noise seed 7, frame 18: 4.6 px off, nearer its partner) was a swap shown at confidence
 * 0.19. Taking back only the points the search gives to another member left that one. A one-ended
 * search that exchanged the shank and heel pairs at the fold's top has no vote past the top
 * (track-fold-exchange.ts).
 */
export function resolveFold(c: FoldInput): void {
  const { leg, points, from, states } = c;
  const n = c.images.length;
  const to = from + n;
  const r = median(leg.map((i) => states[i]!.radius));
  const contrast = median(leg.map((i) => states[i]!.contrast));
  const obs = c.images.map((img, f) =>
    foldObservations(img, c.detection, {
      at: leg.map((i) => points[i]![from + f]!),
      radius: r,
      contrast,
      span: c.span,
    }),
  );
  const start = leg.map((i) => {
    const a = points[i]![from - 2]!;
    const b = points[i]![from - 1]!;
    return { x: b.x, y: b.y, vx: b.x - a.x, vy: b.y - a.y };
  });
  const end = leg.map((i) => points[i]![to]!);
  const opts = { order: ORDER, radius: r, scale: c.scale };
  const best = foldSearch(obs, start, end, opts);
  if (!best) return;
  // Backward from the upright frame, at the velocity the two-ended search gives its last step.
  const lastPick = best.pick[n - 1]!;
  const back = end.map((e, k) => {
    const j = lastPick[k]!;
    const ob = j >= 0 ? obs[n - 1]![j]! : null;
    return { x: e.x, y: e.y, vx: ob ? ob.x - e.x : 0, vy: ob ? ob.y - e.y : 0 };
  });
  const bwd = foldSearch([...obs].reverse(), back, null, opts);
  const fromEnd = bwd ? obs.map((_, f) => bwd.pick[n - 1 - f]) : undefined;
  // The heel pair's longest, from the fold's two upright ends where the leg's order names it (the
  // tracker's own "at most" length is not used: for a leg named while folded it stays at the folded
  // length, 8.3 px against 21 on the rear clips' right leg).
  const heelLength = (t: number): number => {
    const [u, l] = [points[leg[2]!]![t]!, points[leg[3]!]![t]!];
    return Math.hypot(u.x - l.x, u.y - l.y);
  };
  const heelLongest = Math.max(heelLength(from - 1), heelLength(to));
  const voided = (reading: (ArrayLike<number> | undefined)[] | undefined, backward: boolean): boolean[] =>
    reading
      ? voidVotes({
          obs,
          reading,
          fromEnd: backward,
          at: best.at,
          heel: ORDER[1]!,
          heelLongest,
          span: c.span,
        })
      : obs.map(() => false);
  // Void where it exchanged the pairs or where it strayed from the other end's names.
  const strayed = (reading: (ArrayLike<number> | undefined)[] | undefined, backward: boolean): boolean[] =>
    reading
      ? strayedVotes({ obs, reading, fromEnd: backward, pick: best.pick, at: best.at, span: c.span })
      : obs.map(() => false);
  const either = (a: boolean[], b: boolean[]): boolean[] => a.map((v, f) => v || b[f]!);
  const startVoid = either(voided(best.fromStart, false), strayed(best.fromStart, false));
  const endVoid = either(voided(fromEnd, true), strayed(fromEnd, true));
  const agree = (one: (ArrayLike<number> | undefined)[] | undefined, f: number, k: number): boolean =>
    one?.[f] !== undefined && !contradicts(obs[f]!, best.pick[f]!, one[f]!, k, best.at[f]);
  for (let f = 0; f < n; f++)
    leg.forEach((i, k) => {
      const j = best.pick[f]![k]!;
      const p = points[i]![from + f]!;
      if (
        c.report &&
        j >= 0 &&
        best.margin[f]![k]! >= TRUST &&
        (startVoid[f] || agree(best.fromStart, f, k)) &&
        (endVoid[f] || agree(fromEnd, f, k))
      ) {
        const ob = refine(c.images[f]!, c.detection, best.at[f]!, best.pick[f]!, k, obs[f]![j]!, r);
        points[i]![from + f] = {
          x: pixels(ob.x),
          y: pixels(ob.y),
          state: 'detected',
          confidence: c.confidence,
        };
        return;
      }
      if (p.state !== 'detected') return;
      const mine = best.at[f]![k]!;
      if (j < 0 || Math.hypot(mine.x - p.x, mine.y - p.y) > 1)
        points[i]![from + f] = { ...p, state: 'lost', confidence: 0 };
    });
}

/**
 * A member's place beside a covered member: the covered marker's uncovered rim joins the member's
 * blob and pulls its centroid toward it (on the 60 fps clip 1.7-2.7 px, seed 7), so the two are
 * fitted as two discs (track-split.ts) from the member's observation and the covered one's carried
 * place, and the member's disc is its place.
 */
function refine(
  image: MarkerImage,
  detection: DetectionOptions,
  at: readonly { x: number; y: number }[],
  pick: readonly number[],
  k: number,
  ob: FoldObs,
  r: number,
): { x: number; y: number } {
  const q = at.findIndex(
    (p, m) => m !== k && pick[m]! < 0 && Math.hypot(p.x - ob.x, p.y - ob.y) < COVERED_RADII * r,
  );
  // A split disc was fitted beside every marker of its blob already. Fitted again beside the
  // covered one alone (the blob's other markers left out), a disc on its marker's truth moved off:
  // 30 fps, a covered shank marker shown as detected 3.1 px off (noise seed 13, right leg frame
  // 22), a heel counter's lower marker 2.8 px off (seed 7, left leg frame 54).
  if (q < 0 || !ob.whole) return ob;
  const fit = fitDiscs(
    image,
    detection,
    [
      { x: ob.x, y: ob.y, dx: 0, dy: 0 },
      { x: at[q]!.x, y: at[q]!.y, dx: 0, dy: 0 },
    ],
    r,
  );
  const p = fit?.centres[0];
  return p && Math.hypot(p.x - ob.x, p.y - ob.y) <= r ? p : ob;
}

// Upper middle, not stats.ts `median` (mean of the middle two): that moves rear figures (seed 71, 30 fps: 80.9 -> 79.8%).
function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

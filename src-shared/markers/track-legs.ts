/**
 * The rear view's legs in marker tracking (track.ts; docs/markers.md, "Rear legs"). A leg's four
 * markers (lower shank upper and lower, heel counter upper and lower: protocol.ts TOP_TO_BOTTOM)
 * take their blobs as one group: a hypothesis hands the chain's members blobs in their order along
 * the leg (`inOrder`, in track-segments.ts's group search), so no member can take a blob above its
 * upper neighbour's. In swing the foot folds behind the shank and two members come onto one blob;
 * such a blob names neither of them, so both are reported as not seen while they touch (`merged`)
 * and carried with the blob, and each takes a blob of its own again when they part (as merging and
 * splitting are gap events of a track, not its end, in single-particle tracking [Jaqaman 2008]).
 */
import type { Prediction } from './track-neighbours';
import type { State, TrackerConfig } from './track-search';
import type { Blob } from './types';

/**
 * Whether blob j may go to the m-th member of a chain (top first) given the blobs `ch` chosen for
 * the members above it (-1: none): it must lie below every one of them.
 */
export function inOrder(ch: readonly number[], m: number, j: number, blobs: readonly Blob[]): boolean {
  const y = blobs[j]!.y;
  for (let k = 0; k < m; k++) if (ch[k]! >= 0 && blobs[ch[k]!]!.y >= y) return false;
  return true;
}

/** Area of marker s's blob when alone: its disc smeared over its streak (as appearanceCost). */
function aloneArea(s: State): number {
  return Math.PI * s.radius * s.radius + 2 * s.radius * s.blur * Math.hypot(s.vx, s.vy);
}

/**
 * Members of a chain that share one blob: a member without a blob whose prediction lies on another
 * member's blob, that blob being larger than one marker. Both are taken off the blob (`choice` set to
 * -1) and returned with the blob, so the step carries them with it and reports them as not seen.
 */
export function merged(
  states: readonly State[],
  pred: readonly Prediction[],
  choice: number[],
  blobs: readonly Blob[],
  chains: readonly (readonly number[])[],
): Map<number, Blob> {
  const out = new Map<number, Blob>();
  for (const chain of chains)
    for (const i of chain) {
      const j = choice[i]!;
      if (j < 0) continue;
      const b = blobs[j]!;
      if (b.areaPx < 1.4 * aloneArea(states[i]!)) continue;
      const with_ = chain.filter(
        (k) =>
          k !== i &&
          choice[k]! < 0 &&
          Math.hypot(pred[k]!.x - b.x, pred[k]!.y - b.y) <= b.radiusPx + states[k]!.radius,
      );
      if (with_.length === 0) continue;
      for (const k of [i, ...with_]) out.set(k, b);
    }
  for (const i of out.keys()) choice[i] = -1;
  return out;
}

/**
 * Where the members sharing a blob are carried: each at its prediction shifted by the offset that
 * puts their mean prediction on the blob (the blob moves as the group does; their spread stays).
 */
export function carryMerged(
  pred: readonly Prediction[],
  shared: ReadonlyMap<number, Blob>,
): Map<number, { x: number; y: number }> {
  const out = new Map<number, { x: number; y: number }>();
  const byBlob = new Map<Blob, number[]>();
  for (const [i, b] of shared) byBlob.set(b, [...(byBlob.get(b) ?? []), i]);
  for (const [b, members] of byBlob) {
    const mx = members.reduce((a, i) => a + pred[i]!.x, 0) / members.length;
    const my = members.reduce((a, i) => a + pred[i]!.y, 0) / members.length;
    for (const i of members) out.set(i, { x: pred[i]!.x + b.x - mx, y: pred[i]!.y + b.y - my });
  }
  return out;
}

/**
 * Where a member without a blob of a leg clearly upright (CLEAR) lies: at its offset on the last
 * frame from its pair partner (shank pair, heel-counter pair), where the partner has a blob where it
 * was predicted. Each pair is nearly rigid over a few frames in stance; coasted on its own velocity
 * instead, the shank's upper marker hidden just after contact (the test clips' hidden marker, frames
 * 40-44) ran on down toward the lower one, the leg looked folded, and at 30 fps the fold search over
 * that stance gave the shank's lower marker the heel's blob (a swap at frame 44 on noise seeds 7,
 * 11, 23 and 31).
 */
export function byPartner(
  states: readonly State[],
  pred: readonly Prediction[],
  choice: readonly number[],
  blobs: readonly Blob[],
  cfg: TrackerConfig,
): Map<number, { x: number; y: number }> {
  const out = new Map<number, { x: number; y: number }>();
  const span = legSpan(cfg);
  for (const leg of cfg.legs ?? []) {
    if (!isUpright(states, leg, cfg, CLEAR)) continue;
    leg.forEach((i, m) => {
      const k = leg[m ^ 1]!;
      if (choice[i]! >= 0 || choice[k]! < 0 || states[i]!.lost) return;
      const dx = states[i]!.x - states[k]!.x;
      const dy = states[i]!.y - states[k]!.y;
      // Only a pair's own offset (a lost or far-off member's is no offset to keep).
      if (Math.hypot(dx, dy) > span) return;
      const b = blobs[choice[k]!]!;
      // A partner where it was predicted (steady), not one just handed a blob from elsewhere.
      if (Math.hypot(b.x - pred[k]!.x, b.y - pred[k]!.y) > 2.5 * states[k]!.radius) return;
      out.set(i, { x: b.x + dx, y: b.y + dy });
    });
  }
  return out;
}

/** A leg's markers lie within this many radii of its column (the members' median x). */
const COLUMN_RADII = 4;

/**
 * Per marker: the x of its leg's column (the median of the four members' x on the last frame), or
 * undefined for a marker on no leg. A leg's four markers lie on one near-vertical line (the back of
 * the shank and the heel counter, within 16 degrees of vertical on the synthetic runner), so a blob
 * beyond COLUMN_RADII of it is none of theirs.
 */
export function columns(states: readonly State[], cfg: TrackerConfig): (number | undefined)[] {
  const out: (number | undefined)[] = states.map(() => undefined);
  for (const leg of cfg.legs ?? []) {
    const xs = leg.map((i) => states[i]!.x).sort((a, b) => a - b);
    const cx = (xs[1]! + xs[2]!) / 2;
    for (const i of leg) out[i] = cx;
  }
  return out;
}

export function offColumn(s: State, x: number, cx: number | undefined): boolean {
  return cx !== undefined && Math.abs(x - cx) > COLUMN_RADII * s.radius;
}

/**
 * A leg is upright enough for its four markers to lie in their order along it while they span at
 * least UPRIGHT of the longest span seen (`legSpan`): the heel then hangs below the ankle. The span
 * of the four, not of one pair, so that it is read right even when members have taken each other's
 * blobs. On the synthetic runner the heel counter's upper marker rises above the shank's lower one
 * only once the span has fallen to about 0.6 (the shank tilted back). A member's doubt is cleared,
 * and a leg found again by its shape (`sweepLegs`), only at CLEAR, where the markers stand well
 * apart. Measured on the synthetic cases (docs/markers.md): with one threshold of 0.85 the late
 * stance at 30 fps (the heel rising, the leg at 0.7-0.85) was reported lost and 5 of 24 stances
 * fell under the 80% of frames their peak needs; 0.7 for the order keeps them.
 */
export const UPRIGHT = 0.7;
const CLEAR = 0.85;

/**
 * The chains that keep their order on this frame: the shank pair and the heel-counter pair always
 * (protocol.ts TOP_TO_BOTTOM); a whole leg, top to bottom, while it is upright. In swing the heel
 * comes up over the lower-shank markers and the whole-leg order does not hold; in stance it does,
 * and there it puts back a member that took its neighbour's blob in swing.
 */
export function chainsNow(states: readonly State[], cfg: TrackerConfig): (readonly number[])[] {
  const chains: (readonly number[])[] = [...(cfg.chains ?? [])];
  for (const leg of cfg.legs ?? []) {
    if (!isUpright(states, leg, cfg, UPRIGHT)) continue;
    for (let k = chains.length - 1; k >= 0; k--)
      if (chains[k]!.some((i) => leg.includes(i))) chains.splice(k, 1);
    chains.push(leg);
  }
  return chains;
}

/** Grows each leg's longest span from a frame where all four members have blobs. */
export function learnSpans(choice: readonly number[], blobs: readonly Blob[], cfg: TrackerConfig): void {
  (cfg.legs ?? []).forEach((leg, l) => {
    if (leg.some((i) => choice[i]! < 0)) return;
    const ys = leg.map((i) => blobs[choice[i]!]!.y);
    const span = Math.max(...ys) - Math.min(...ys);
    const spans = (cfg.legSpans ??= []);
    if (span > (spans[l] ?? 0)) spans[l] = span;
  });
}

/**
 * Which members of each leg are in doubt after this frame's assignment (`State.doubt`). While the
 * leg is folded, a member whose blob (or, without one, its prediction) lies within 2.5 radii of
 * another member's place (2.5 radii: their blobs touch) may leave with its neighbour's identity (they lie on one vertical line and pass each other); it
 * stays in doubt until an upright frame hands it a blob in the leg's order. In swing a lost point is
 * better than a wrong one; in stance, where eversion is read, the legs are upright.
 */
export function updateDoubt(
  states: readonly State[],
  pred: readonly Prediction[],
  choice: readonly number[],
  blobs: readonly Blob[],
  chains: readonly (readonly number[])[],
  cfg: TrackerConfig,
  partnered: ReadonlyMap<number, unknown>,
): void {
  for (const leg of cfg.legs ?? []) {
    const at = (i: number): { x: number; y: number } => (choice[i]! >= 0 ? blobs[choice[i]!]! : pred[i]!);
    // Upright on the last frame and on this one's places: the first folded frame's touching members
    // were reported (at 60 fps, the clip's last fold, a covered shank marker 3.8 px off at confidence
    // 0.81 on 7 of 10 noise seeds; seeds 7 and 13: frame 175).
    const ys = leg.map((i) => at(i).y);
    const upright =
      isUpright(states, leg, cfg, UPRIGHT) && Math.max(...ys) - Math.min(...ys) >= UPRIGHT * legSpan(cfg);
    // Clear only with every member seen on the last frame: a coasted member's place is a guess, and
    // a heel marker coasted down at toe-off made the folding leg look clear (seed 7, frame 89).
    const clear = isUpright(states, leg, cfg, CLEAR) && leg.every((i) => states[i]!.coast === 0);
    for (const i of leg) {
      const s = states[i]!;
      if (clear && choice[i]! >= 0) s.doubt = false;
      // Not where the partner is carried at its offset (byPartner: hidden beside a steady member).
      const k = leg[leg.indexOf(i) ^ 1]!;
      if (!clear && choice[i]! >= 0 && !partnered.has(k) && vanished(states, pred, choice, blobs, k))
        s.doubt = true;
      if (upright) continue;
      const p = at(i);
      const near = leg.some((k) => {
        if (k === i) return false;
        const q = at(k);
        return Math.hypot(p.x - q.x, p.y - q.y) < 1.25 * (s.radius + states[k]!.radius);
      });
      if (near) s.doubt = true;
    }
  }
}

/**
 * Whether member k has no blob and none lies where it should be (within 2.5 radii of its
 * prediction: not covered, not merged). A marker does not vanish in the open; where a pair's member
 * does, on a leg not clearly upright, the pair has most likely moved on by a slot and its partner
 * sits on k's blob: at 30 fps, at toe-off, the heel pair rises 25 px in a frame, the upper marker's
 * velocity was reset by a hand-over, and it took the lower one's blob (noise seeds 7 and 11, frames
 * 88-89, the forward pass's swaps at confidence 0.7-1).
 */
function vanished(
  states: readonly State[],
  pred: readonly Prediction[],
  choice: readonly number[],
  blobs: readonly Blob[],
  k: number,
): boolean {
  if (choice[k]! >= 0) return false;
  const q = pred[k]!;
  const r2 = (2.5 * states[k]!.radius) ** 2;
  return !blobs.some((b) => (b.x - q.x) ** 2 + (b.y - q.y) ** 2 <= r2);
}

/**
 * Finds a leg again by its shape alone: where a member has no blob, is in doubt or is lost, the
 * leg's column (the members' median x, from a leg span above its highest member to one below its
 * lowest) is searched, and if it holds exactly four marker-like blobs, apart from one another and
 * spanning an upright leg, they are handed out top to bottom. The members' own predictions play no
 * part: on the synthetic runner at 60 fps the heel pair drops from the top of its swing by 20 px a
 * frame, the edge of its gate, and all four members were left stacked at the shank while the
 * four markers stood apart in the next stance.
 */
export function sweepLegs(
  states: readonly State[],
  choice: number[],
  blobs: Blob[],
  cfg: TrackerConfig,
  candidates: (i: number, px: number, py: number, gate: number) => Blob[],
  addBlobs: (more: Blob[]) => void,
): void {
  for (const leg of cfg.legs ?? []) {
    if (leg.every((i) => choice[i]! >= 0 && !states[i]!.doubt && !states[i]!.lost)) continue;
    const span = legSpan(cfg);
    if (span <= 0) continue;
    const r = Math.max(...leg.map((i) => states[i]!.radius));
    const xs = leg.map((i) => states[i]!.x).sort((a, b) => a - b);
    const cx = (xs[1]! + xs[2]!) / 2;
    const ys = leg.map((i) => states[i]!.y);
    const top = Math.min(...ys) - span;
    const bottom = Math.max(...ys) + span;
    for (let y = top + 40; y < bottom + 40; y += 80)
      addBlobs(candidates(leg[0]!, cx, Math.min(y, bottom), 40));
    const others = new Set(choice.filter((j, i) => j >= 0 && !leg.includes(i)));
    const area = Math.PI * r * r;
    const column = blobs
      .map((b, j) => ({ b, j }))
      .filter(
        ({ b, j }) =>
          !others.has(j) &&
          Math.abs(b.x - cx) <= 4 * r &&
          b.y >= top &&
          b.y <= bottom &&
          b.roundness >= 0.6 &&
          b.areaPx >= 0.4 * area &&
          b.areaPx <= 2.5 * area,
      )
      .sort((a, b) => a.b.y - b.b.y);
    if (column.length !== leg.length) continue;
    if (column[column.length - 1]!.b.y - column[0]!.b.y < CLEAR * span) continue;
    const apart = column.every(
      ({ b }, k) => k === 0 || Math.hypot(b.x - column[k - 1]!.b.x, b.y - column[k - 1]!.b.y) >= 2.5 * r,
    );
    if (!apart) continue;
    leg.forEach((i, k) => {
      choice[i] = column[k]!.j;
    });
  }
}

/**
 * A leg's longest span, or the other leg's where that is longer: both legs carry the protocol's
 * markers at the same heights, and a leg named while folded (one always is in a rear view of
 * running) would otherwise take its folded span for its upright one.
 */
function legSpan(cfg: TrackerConfig): number {
  return Math.max(0, ...(cfg.legSpans ?? []));
}

/** Whether a leg's four members span at least `fraction` of its longest span (`legSpan`). */
export function isUpright(
  states: readonly State[],
  leg: readonly number[],
  cfg: TrackerConfig,
  fraction: number,
): boolean {
  const ys = leg.map((i) => states[i]!.y);
  return Math.max(...ys) - Math.min(...ys) >= fraction * legSpan(cfg);
}

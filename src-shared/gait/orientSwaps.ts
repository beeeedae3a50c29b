/**
 * Side view: undoing the pose model's left/right leg confusions without ever inventing one.
 *
 * Pose models in profile sometimes give the near leg's label to the far leg for a few frames (the
 * legs cross or blur, the far leg is half hidden). Which frames to exchange is decided for the
 * whole clip at once, as the labelling that makes both legs move most smoothly: a Viterbi search
 * (Viterbi 1967; the same decoding as multi-target track assignment, Bar-Shalom & Li 1995) over
 * the per-frame choice keep/exchange, minimising
 *
 *   Σ_i Σ_legs Σ_joints w · min(|p(i+1) − 2 p(i) + p(i−1)|, cap)   +   λ · (exchanged frames),
 *
 * the summed acceleration of the chosen labelling (weighted by the points' visibility, so the
 * far leg's jittery points weigh less, and capped, so one wild point cannot buy an exchange of its
 * neighbours) plus a price for every exchanged frame (the model's own labels are right most of
 * the time). Acceleration, not displacement: where two knees pass each
 * other at midstance with opposite velocities, swapping them ("bouncing") costs acceleration
 * while keeping them costs none, so a crossing is recognised as a crossing.
 *
 * Why a global search: the earlier version decided frame by frame against a constant-velocity
 * prediction from the two frames before, which were its own earlier decisions. One wrong
 * exchange (a far-knee jitter, or a single frame with both ankles on one foot) then made the
 * next frame look exchanged as well, and the decision latched for many frames, replacing good
 * near-leg points with the far leg's (issue 20: a 60 fps clip lost its near-leg series from
 * frame 118 on). Here an exchanged stretch must pay for both of its ends and for its length, so
 * it is chosen only where the labels jump to the other leg and back.
 */
import { median } from '../stats';
import type { Body, Joint, Side } from './types';

/** Joint groups the pose model confuses together (it may swap the feet but not the knees). */
export const SWAP_GROUPS: readonly (readonly Joint[])[] = [['knee'], ['ankle', 'heel', 'toe']];

/**
 * Price of exchanging one frame, in leg lengths of weighted acceleration per group. A genuine
 * confusion jumps the series by the distance between the legs (typically 0.2–0.6 leg) at both
 * ends, which costs about 4 × that distance per point in acceleration; at 0.05 leg a frame, an
 * exchange of 10–40 frames still pays off, while a stretch whose ends hardly jump (legs close
 * together, i.e. a crossing) never does.
 */
const PRICE_PER_FRAME = 0.15;
/** Lowest weight of a point: a point the model barely sees still counts a little. */
const MIN_WEIGHT = 0.2;
/**
 * Largest acceleration one point can charge, leg lengths: a single wild point (both ankles put on
 * one foot for a frame) must not be able to buy an exchange of its neighbours; a genuine exchange
 * still charges this at each of its ends.
 */
const MAX_CHARGE = 0.25;

/** Median hip-to-ankle image distance over both legs and all frames. */
export function legLength(body: Body): number {
  const n = body.left.hip.x.length;
  const legs: number[] = [];
  for (const side of ['left', 'right'] as const) {
    for (let i = 0; i < n; i++) {
      const d = Math.hypot(
        (body[side].hip.x[i] as number) - (body[side].ankle.x[i] as number),
        (body[side].hip.y[i] as number) - (body[side].ankle.y[i] as number),
      );
      if (Number.isFinite(d)) legs.push(d);
    }
  }
  return median(legs);
}

const flip = (s: Side): Side => (s === 'left' ? 'right' : 'left');

/**
 * The frames whose leg labels should be exchanged, per joint group: a 0/1 array per group (1 =
 * exchange). Pure: the body is not changed.
 */
export function planLegSwaps(body: Body, leg = legLength(body)): Uint8Array[] {
  const n = body.left.hip.x.length;
  return SWAP_GROUPS.map((group) => {
    const plan = new Uint8Array(n);
    if (!Number.isFinite(leg) || n < 4) return plan;
    const lambda = PRICE_PER_FRAME * leg;
    const cap = MAX_CHARGE * leg;
    // Point of `side`'s track at frame i when that frame's labels are exchanged (s = 1) or not.
    const px = (side: Side, j: Joint, i: number, s: number): number =>
      body[s ? flip(side) : side][j].x[i] as number;
    const py = (side: Side, j: Joint, i: number, s: number): number =>
      body[s ? flip(side) : side][j].y[i] as number;
    const pv = (side: Side, j: Joint, i: number, s: number): number =>
      body[s ? flip(side) : side][j].v[i] as number;
    const accel = (i: number, a: number, b: number, c: number): number => {
      let cost = 0;
      for (const side of ['left', 'right'] as const) {
        for (const j of group) {
          const ax = px(side, j, i + 1, c) - 2 * px(side, j, i, b) + px(side, j, i - 1, a);
          const ay = py(side, j, i + 1, c) - 2 * py(side, j, i, b) + py(side, j, i - 1, a);
          const d = Math.hypot(ax, ay);
          if (!Number.isFinite(d)) continue; // a missing point says nothing about its label
          const w = Math.max(
            MIN_WEIGHT,
            Math.min(pv(side, j, i - 1, a), pv(side, j, i, b), pv(side, j, i + 1, c)),
          );
          cost += w * Math.min(d, cap);
        }
      }
      return cost;
    };
    // D[a*2+b]: best cost of frames 0..i with s(i−1) = a, s(i) = b; back[i][c*2... ] the a chosen.
    let D = [0, lambda, lambda, 2 * lambda];
    const back: Uint8Array[] = [];
    for (let i = 1; i + 1 < n; i++) {
      const next = [Infinity, Infinity, Infinity, Infinity];
      const from = new Uint8Array(4);
      for (let b = 0; b < 2; b++) {
        for (let c = 0; c < 2; c++) {
          for (let a = 0; a < 2; a++) {
            const v = (D[a * 2 + b] as number) + accel(i, a, b, c) + lambda * c;
            if (v < (next[b * 2 + c] as number)) {
              next[b * 2 + c] = v;
              from[b * 2 + c] = a;
            }
          }
        }
      }
      back.push(from);
      D = next;
    }
    // Trace back: the last pair of states, then each earlier state from the stored choices.
    let best = 0;
    for (let k = 1; k < 4; k++) if ((D[k] as number) < (D[best] as number)) best = k;
    let b = best >> 1;
    let c = best & 1;
    plan[n - 1] = c;
    plan[n - 2] = b;
    for (let i = n - 2; i >= 1; i--) {
      const a = (back[i - 1] as Uint8Array)[b * 2 + c] as number;
      plan[i - 1] = a;
      c = b;
      b = a;
    }
    return plan;
  });
}

/** Applies planLegSwaps in place; returns the number of frames changed. */
export function fixLegSwaps(body: Body): number {
  const plans = planLegSwaps(body);
  const changed = new Set<number>();
  SWAP_GROUPS.forEach((group, g) => {
    const plan = plans[g] as Uint8Array;
    for (let i = 0; i < plan.length; i++) {
      if (!plan[i]) continue;
      for (const j of group) {
        const l = body.left[j];
        const r = body.right[j];
        for (const arr of ['x', 'y', 'v'] as const) {
          const tmp = l[arr][i] as number;
          l[arr][i] = r[arr][i] as number;
          r[arr][i] = tmp;
        }
      }
      changed.add(i);
    }
  });
  return changed.size;
}

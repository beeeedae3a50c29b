/**
 * The rear view's leg chains (track-legs.ts) on constructed blobs with known answers: a leg's
 * members take blobs in their order along the leg even where each member's own cost prefers
 * another, and two members on one blob larger than a marker are both taken off it and carried
 * with it; a member without a blob beside its steady pair partner keeps its offset from it, a blob
 * off the leg's column is none of its members', and a member whose pair partner vanished in the open
 * is held in doubt.
 */
import { describe, expect, it } from 'vitest';
import { byPartner, carryMerged, columns, inOrder, merged, offColumn, updateDoubt } from './track-legs';
import { assignWithSegments } from './track-segments';
import type { State, TrackerConfig } from './track-search';
import { testBlob, testState } from './testing';

const blob = testBlob;
const state = (x: number, y: number): State => testState(x, y);

describe('rear leg chains', () => {
  it('checks a blob against the blobs of the members above it', () => {
    const blobs = [blob(0, 0), blob(0, 30), blob(0, 20)];
    expect(inOrder([0, -1, -1], 1, 1, blobs)).toBe(true);
    expect(inOrder([1, -1, -1], 1, 0, blobs)).toBe(false);
    // A member with no blob above does not constrain.
    expect(inOrder([-1, 1, -1], 2, 2, blobs)).toBe(false);
    expect(inOrder([-1, 2, -1], 2, 1, blobs)).toBe(true);
  });

  it("hands a chain's members blobs in their order along the leg", () => {
    // Shank upper, shank lower, heel upper, heel lower; blob 1 lies above blob 0.
    const blobs = [blob(0, 40), blob(0, 10), blob(0, 70), blob(0, 90)];
    // One by one, the shank upper prefers blob 0 and the shank lower blob 1: swapped along the leg.
    const cost = [
      [0.1, 0.3, Infinity, Infinity],
      [0.3, 0.2, Infinity, Infinity],
      [Infinity, Infinity, 0.1, Infinity],
      [Infinity, Infinity, Infinity, 0.1],
    ];
    const none = { pairs: [], triangles: [] };
    expect(assignWithSegments(cost, blobs, none, 1.5)).toEqual([0, 1, 2, 3]);
    expect(assignWithSegments(cost, blobs, none, 1.5, [[0, 1, 2, 3]])).toEqual([1, 0, 2, 3]);
  });

  it('takes two members off a blob they share and carries them with it', () => {
    const states = [state(0, 0), state(0, 7), state(0, 40)];
    const pred = [
      { x: 2, y: 1, gate: 20 },
      { x: 2, y: 8, gate: 20 },
      { x: 2, y: 41, gate: 20 },
    ];
    // Blob 0: two discs touching (twice a marker's area) midway between the first two predictions.
    const blobs = [blob(3, 4.5, 72), blob(2, 41)];
    const choice = [0, -1, 1];
    const shared = merged(states, pred, choice, blobs, [[0, 1, 2]]);
    expect([...shared.keys()].sort()).toEqual([0, 1]);
    expect(choice).toEqual([-1, -1, 1]);
    const at = carryMerged(pred, shared);
    expect(at.get(0)!.x).toBeCloseTo(3, 9);
    expect(at.get(0)!.y).toBeCloseTo(1, 9);
    expect(at.get(1)!.y).toBeCloseTo(8, 9);
    // A blob of one marker's size is its own, whatever lies near.
    const choice2 = [0, -1, 1];
    expect(merged(states, pred, choice2, [blob(3, 4.5), blob(2, 41)], [[0, 1, 2]]).size).toBe(0);
    expect(choice2).toEqual([0, -1, 1]);
  });

  // One upright leg: shank upper, shank lower, heel upper, heel lower (span 100, the longest seen).
  const leg = (): State[] => [state(100, 0), state(100, 60), state(102, 80), state(101, 100)];
  const cfg = (): TrackerConfig => ({
    detection: { appearance: { kind: 'bright' } },
    legs: [[0, 1, 2, 3]],
    legSpans: [100],
    maxCoastFrames: 8,
    segments: undefined,
  });
  const still = (states: readonly State[]): { x: number; y: number; gate: number }[] =>
    states.map((s) => ({ x: s.x, y: s.y, gate: 20 }));

  it('carries a member without a blob at its offset from its steady pair partner', () => {
    const states = leg();
    // The shank's lower marker seen 3 px lower, where it was predicted; the upper one hidden.
    const blobs = [blob(100, 63), blob(102, 80), blob(101, 100)];
    const at = byPartner(states, still(states), [-1, 0, 1, 2], blobs, cfg());
    expect(at.get(0)).toEqual({ x: 100, y: 3 });
    expect(at.size).toBe(1);
    // A partner handed a blob far from its prediction is no anchor; nor is a folded leg.
    expect(
      byPartner(states, still(states), [-1, 0, 1, 2], [blob(100, 75), ...blobs.slice(1)], cfg()).size,
    ).toBe(0);
    const folded = leg();
    folded[0]!.y = 40;
    expect(byPartner(folded, still(folded), [-1, 0, 1, 2], blobs, cfg()).size).toBe(0);
  });

  it("refuses a blob off the leg's column", () => {
    const states = leg();
    const cx = columns(states, cfg());
    expect(cx).toEqual([100.5, 100.5, 100.5, 100.5]);
    // Radius 3.4 (testState): the column is 13.6 px either side.
    expect(offColumn(states[0]!, 114, cx[0])).toBe(false);
    expect(offColumn(states[0]!, 115, cx[0])).toBe(true);
    expect(offColumn(states[0]!, 500, undefined)).toBe(false);
  });

  it('holds a member in doubt when its pair partner vanished in the open on a leg not clear', () => {
    // Toe-off: the heel pair rose 12 px; the upper marker took the lower one's blob, the lower one
    // has no blob and none lies where it was predicted. The leg spans 0.82 of its longest (110):
    // upright, not clear.
    const toeOff = (): State[] => [state(100, 0), state(100, 60), state(102, 70), state(101, 90)];
    const c = { ...cfg(), legSpans: [110] };
    const blobs = [blob(100, 0), blob(100, 60), blob(101, 78)];
    const states = toeOff();
    updateDoubt(states, still(states), [0, 1, 2, -1], blobs, [], c, new Map());
    expect(states.map((s) => s.doubt ?? false)).toEqual([false, false, true, false]);
    // Where the lower one is carried at its offset from its partner (byPartner), no doubt.
    const again = toeOff();
    updateDoubt(again, still(again), [0, 1, 2, -1], blobs, [], c, new Map([[3, { x: 0, y: 0 }]]));
    expect(again.map((s) => s.doubt ?? false)).toEqual([false, false, false, false]);
  });
});

/**
 * The rear view's leg chains (track-legs.ts) on constructed blobs with known answers: a leg's
 * members take blobs in their order along the leg even where each member's own cost prefers
 * another, and two members on one blob larger than a marker are both taken off it and carried
 * with it.
 */
import { describe, expect, it } from 'vitest';
import { carryMerged, inOrder, merged } from './track-legs';
import { assignWithSegments } from './track-segments';
import type { State } from './track-search';
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
});

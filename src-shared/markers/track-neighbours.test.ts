/**
 * The neighbours' correction of a prediction (track-neighbours.ts `correctByNeighbours`) on
 * constructed blobs with known answers: markers still and on one vertical line 20 px apart (a
 * rear leg's four in swing), the first hidden for three frames. A shift by one spacing puts every
 * marker but the last on its neighbour's blob, so the neighbours "agree" on it; a marker cannot sit
 * on another tracked marker's blob, so the hidden one keeps its own prediction (noise seed 71, rear
 * 30 fps: the hidden upper shank marker was moved onto the lower one's blob, then named on the
 * heel counter's), unless it was predicted there, covered by that marker.
 */
import { describe, expect, it } from 'vitest';
import { correctByNeighbours, type Prediction } from './track-neighbours';
import { testBlob, testState } from './testing';

const X = 240;
const YS = [620, 640, 660, 680];

/** Marker 0's prediction after the correction; markers at `ys`, predicted there, blobs at `blobYs`. */
function correct(ys: readonly number[], blobYs: readonly number[]): Prediction {
  const states = ys.map((y) => testState(X, y));
  // Marker 0 coasting with a wide gate (hidden for three frames); the others seen on the last frame.
  states[0]!.coast = 3;
  const pred: Prediction[] = ys.map((y, i) => ({ x: X, y, gate: i === 0 ? 30 : 12 }));
  correctByNeighbours(
    states,
    pred,
    blobYs.map((y) => testBlob(X, y)),
  );
  return pred[0]!;
}

describe("the neighbours' correction of a prediction", () => {
  it('moves a prediction by the error its neighbours share onto its own blob', () => {
    // Every marker 4 px lower than predicted, each on its own blob.
    const p = correct(
      YS,
      YS.map((y) => y + 4),
    );
    expect(p.y).toBeCloseTo(YS[0]! + 4, 6);
    expect(p.gate).toBeLessThan(30);
  });

  it("never onto the blob another marker is predicted on: the hidden marker's prediction stays", () => {
    // Marker 0 hidden (no blob); the others on their blobs, where they are predicted.
    const p = correct(YS, YS.slice(1));
    expect(p).toEqual({ x: X, y: YS[0]!, gate: 30 });
  });

  it('onto it where the hidden marker was predicted beside it: covered by it', () => {
    // Marker 0 predicted 2 px above marker 1, behind it (no blob of its own).
    const p = correct([638, ...YS.slice(1)], YS.slice(1));
    expect(p.y).toBeCloseTo(640, 6);
  });
});

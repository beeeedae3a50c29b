/**
 * Re-acquisition of a lost single-length marker (track-reacquire.ts) on constructed blobs with known
 * answers: a knee seen at a fixed place, its malleolus lost 50 px away; blobs on the circle around
 * the knee move from frame to frame. The marker is taken up on the third frame its blob is followed,
 * not while a second blob is followed on the circle beside it, and never on a blob another marker owns.
 */
import { describe, expect, it } from 'vitest';
import { CONFIRM_FRAMES, reacquire } from './track-reacquire';
import type { Prediction } from './track-neighbours';
import type { State, TrackerConfig } from './track-search';
import type { Segments } from './track-segments';
import { testBlob, testState } from './testing';
import type { Blob } from './types';

const blob = (x: number, y: number): Blob => testBlob(x, y);
const state = testState;

const KNEE = { x: 200, y: 100 };
const L = 50;
/** A point on the circle around the knee at angle a (degrees, image y down). */
const on = (a: number): Blob =>
  blob(KNEE.x + L * Math.cos((a * Math.PI) / 180), KNEE.y + L * Math.sin((a * Math.PI) / 180));
const cfg: TrackerConfig = { detection: { appearance: { kind: 'bright' } }, maxCoastFrames: 8 };

/** Runs frames of [knee, malleolus (lost, far from where it is), others...]; blob 0 is the knee's. */
function run(
  frames: readonly Blob[][],
  others: readonly { s: State; blob: (f: number) => number }[] = [],
): { took: (number | null)[]; states: State[] } {
  const segments: Segments = {
    pairs: [{ a: 0, b: 1, kind: 'fixed', limb: true, length: L }],
    triangles: [],
  };
  const states = [state(KNEE.x, KNEE.y, false), state(400, 400, true), ...others.map((o) => o.s)];
  const took: (number | null)[] = [];
  frames.forEach((ring, f) => {
    const blobs = [blob(KNEE.x, KNEE.y), ...ring];
    const choice = [0, -1, ...others.map((o) => o.blob(f))];
    const pred: Prediction[] = states.map((s) => ({ x: s.x, y: s.y, gate: 20 }));
    const got = reacquire(
      states,
      pred,
      choice,
      blobs,
      segments,
      cfg,
      () => [],
      () => {},
    );
    took.push(got.has(1) ? choice[1]! : null);
  });
  return { took, states };
}

describe('re-acquisition of a lost single-length marker', () => {
  it('takes the blob followed on the circle on its third frame, with its motion', () => {
    const { took, states } = run([[on(60)], [on(66)], [on(72)], [on(78)]]);
    expect(CONFIRM_FRAMES).toBe(3);
    expect(took).toEqual([null, null, 1, null]);
    // Its velocity is the candidate's last step (a second taking-up would need the marker lost again).
    const step = { x: on(72).x - on(66).x, y: on(72).y - on(66).y };
    expect(states[1]!.vx).toBeCloseTo(step.x, 6);
    expect(states[1]!.vy).toBeCloseTo(step.y, 6);
  });

  it('ignores blobs off the circle by more than a third of the length tolerance', () => {
    const off = (a: number, dr: number): Blob =>
      blob(
        KNEE.x + (L + dr) * Math.cos((a * Math.PI) / 180),
        KNEE.y + (L + dr) * Math.sin((a * Math.PI) / 180),
      );
    // Tolerance of a 50 px fixed length: 4.5 px; a third: 1.5 px, at least 2 px.
    expect(run([[off(60, 3)], [off(66, 3)], [off(72, 3)]]).took).toEqual([null, null, null]);
    expect(run([[off(60, 1.5)], [off(66, 1.5)], [off(72, 1.5)]]).took).toEqual([null, null, 1]);
  });

  it('waits while a second blob is followed on the circle, and takes the one left when it goes', () => {
    // The marker at 60..84°; a neighbouring marker crossing the circle at 120..126° for three frames.
    const frames = [
      [on(60), on(120)],
      [on(66), on(123)],
      [on(72), on(126)],
      [on(78), blob(KNEE.x - 40, KNEE.y + 60)],
      [on(84)],
    ];
    const { took } = run(frames);
    expect(took.slice(0, 3)).toEqual([null, null, null]);
    // Once the other left the circle the marker's own candidate (on it 4 frames) is the only one.
    expect(took[3]).toBe(1);
  });

  it('never takes a blob another marker was given, nor one under a coasting marker', () => {
    // Marker 2 owns the blob on the circle (assigned to it each frame).
    const owner = { s: state(on(60).x, on(60).y, false), blob: () => 1 };
    expect(run([[on(60)], [on(66)], [on(72)]], [owner]).took).toEqual([null, null, null]);
    // Marker 2 coasting (no blob this frame) with its prediction on the blob.
    const coasting = { s: state(on(60).x, on(60).y, false), blob: () => -1 };
    expect(run([[on(60)], [on(60.5)], [on(61)]], [coasting]).took).toEqual([null, null, null]);
  });
});

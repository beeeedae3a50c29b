/**
 * The segment constraints of marker tracking (track-segments.ts) on constructed points with known
 * answers: a knee between a trochanter and a malleolus at the thigh's and shank's lengths, a foot
 * triangle never mirrored, and the assignment that takes the blob keeping a segment's length over a
 * nearer one.
 */
import { describe, expect, it } from 'vitest';
import { pixels } from '../units';
import { assignWithSegments, constrainedPoint, learnLengths, segmentsOf } from './track-segments';
import type { Blob, MarkerName } from './types';

const blob = (x: number, y: number): Blob => ({
  x: pixels(x),
  y: pixels(y),
  areaPx: 20,
  roundness: 0.95,
  contrast: 150,
  level: 240,
  radiusPx: 2.5,
});

describe('segment constraints', () => {
  const names: MarkerName[] = ['rightGreaterTrochanter', 'rightLateralKnee', 'rightLateralMalleolus'];
  // Thigh 100 px, shank 120 px, knee bent forward.
  const hip = { x: 0, y: 0 };
  const knee = { x: 60, y: 80 };
  const ankle = { x: 60 - 72, y: 80 + 96 };

  it('pairs only markers of one segment, with their seed-frame lengths', () => {
    const seg = segmentsOf(names, [hip, knee, ankle]);
    expect(seg.pairs.map((p) => [p.a, p.b, Math.round(p.length)])).toEqual([
      [0, 1, 100],
      [1, 2, 120],
    ]);
    expect(seg.pairs.every((p) => p.kind === 'fixed')).toBe(true);
    const rear = segmentsOf(['leftShankUpper', 'leftShankLower', 'rightShankUpper'], [hip, knee, ankle]);
    expect(rear.pairs).toHaveLength(1);
    expect(rear.pairs[0]!.kind).toBe('atMost');
  });

  it('places a hidden knee where the thigh and shank lengths meet, on the side it came from', () => {
    const seg = segmentsOf(names, [hip, knee, ankle]);
    const at = (k: number): { x: number; y: number } | null => (k === 0 ? hip : k === 2 ? ankle : null);
    // A coasted prediction 25 px off: the place is still the knee's, and it is determined.
    const c = constrainedPoint(1, { x: 80, y: 95 }, seg, at)!;
    expect(Math.hypot(c.x - knee.x, c.y - knee.y)).toBeLessThan(0.05);
    expect(c.determined).toBe(true);
    // With the trochanter alone the knee lies on a circle: the point nearest the prediction, a guess.
    const one = constrainedPoint(1, { x: 80, y: 95 }, seg, (k) => (k === 0 ? hip : null))!;
    expect(Math.hypot(one.x - hip.x, one.y - hip.y)).toBeCloseTo(100, 3);
    expect(one.determined).toBe(false);
  });

  it('never mirrors a rigid foot triangle', () => {
    const foot: MarkerName[] = ['rightLateralMalleolus', 'rightHeel', 'rightFifthMetatarsal'];
    const m = { x: 100, y: 100 };
    const h = { x: 75, y: 115 };
    const t = { x: 140, y: 120 };
    const seg = segmentsOf(foot, [m, h, t]);
    // A prediction on the far side of the heel-toe line converges to the mirror image; it is flipped back.
    const c = constrainedPoint(0, { x: 105, y: 140 }, seg, (k) => (k === 1 ? h : k === 2 ? t : null))!;
    expect(Math.hypot(c.x - m.x, c.y - m.y)).toBeLessThan(0.05);
  });

  it('hands a marker the blob that keeps its segment length over a nearer one that breaks it', () => {
    const seg = segmentsOf(names, [hip, knee, ankle]);
    const blobs = [blob(0, 0), blob(60, 80), blob(-12, 176), blob(-2, 150)];
    // The malleolus's own cost prefers blob 3 (26 px nearer its prediction); its shank length says blob 2.
    const cost = [
      [0, Infinity, Infinity, Infinity],
      [Infinity, 0, Infinity, Infinity],
      [Infinity, Infinity, 0.8, 0.1],
    ];
    expect(assignWithSegments(cost, blobs, seg, 1.5)).toEqual([0, 1, 2]);
    // Without segments the nearer blob wins.
    expect(assignWithSegments(cost, blobs, { pairs: [], triangles: [] }, 1.5)).toEqual([0, 1, 3]);
    // Never one blob for two markers.
    const shared = [
      [0.1, Infinity],
      [0.2, 0.9],
      [Infinity, Infinity],
    ];
    expect(assignWithSegments(shared, [blob(0, 0), blob(60, 80)], seg, 1.5)).toEqual([0, 1, -1]);
  });

  it('learns a fixed length slowly from fitting frames and ignores a misfit', () => {
    const seg = segmentsOf(names, [hip, knee, ankle]);
    const thigh = seg.pairs[0]!;
    learnLengths(seg, (k) => (k === 0 ? hip : k === 1 ? { x: 60, y: 82 } : null));
    expect(thigh.length).toBeGreaterThan(100);
    expect(thigh.length).toBeLessThan(100.2);
    const before = thigh.length;
    learnLengths(seg, (k) => (k === 0 ? hip : k === 1 ? { x: 60, y: 140 } : null));
    expect(thigh.length).toBe(before);
  });
});

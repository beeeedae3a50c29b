/**
 * A one-ended fold search that exchanged the shank and heel pairs (track-fold-exchange.ts), on
 * constructed observations with known identities and on a rendered fold (the synthetic rear clip at
 * 30 fps, noise seed 7, the right leg's fold of frames 11-25, where the search from the fold's end
 * exchanges the pairs at the fold's top: docs/markers.md, "The pairs exchanged at the fold's top").
 */
import { describe, expect, it } from 'vitest';
import { generateMarkerClip } from '../gait/synthetic/marker-clip';
import { pixels } from '../units';
import { testState } from './testing';
import type { FoldObs } from './track-fold';
import { OPEN, strayedVotes, voidVotes } from './track-fold-exchange';
import { resolveFold } from './track-fold-obs';
import type { MarkerName, MarkerPoint } from './types';

const SPAN = 110;

/**
 * A leg of four on one vertical line folding over n frames and opening again: the shank pair 50 px
 * long when open, 8 at the top; the heel pair 20 and 8; the heel pair above the shank's at the top.
 */
function fold(n: number): { x: number; y: number }[][] {
  return Array.from({ length: n }, (_, f) => {
    const u = Math.sin((Math.PI * f) / (n - 1)); // 0 -> 1 -> 0
    const su = 600 - 10 * u;
    const sl = su + 50 - 42 * u;
    const hu = sl + 8 - 35 * u;
    return [su, sl, hu, hu + 20 - 12 * u].map((y, k) => ({ x: 300 + 0.5 * k, y }));
  });
}

const obsOf = (at: { x: number; y: number }[][]): FoldObs[][] =>
  at.map((ps) => ps.map((p, g) => ({ x: p.x, y: p.y, group: g, whole: true })));

describe('voidVotes', () => {
  const at = fold(13);
  const obs = obsOf(at);
  const spans = at.map((ps) => Math.max(...ps.map((p) => p.y)) - Math.min(...ps.map((p) => p.y)));
  const top = spans.indexOf(Math.min(...spans));
  const right = at.map(() => [0, 1, 2, 3]);
  // Exchanged as wholes from the top on (the pairs keep their order in height).
  const exchangedAfter = at.map((_, f) => (f <= top ? [0, 1, 2, 3] : [2, 3, 0, 1]));
  const exchangedBefore = at.map((_, f) => (f >= top ? [0, 1, 2, 3] : [2, 3, 0, 1]));
  const input = { obs, at, heel: [2, 3] as const, heelLongest: 21, span: SPAN };

  it('leaves a reading that keeps the pairs its vote everywhere', () => {
    expect(voidVotes({ ...input, reading: right, fromEnd: false })).not.toContain(true);
    expect(voidVotes({ ...input, reading: right, fromEnd: true })).not.toContain(true);
  });

  it("voids an exchanged search's vote past the top, away from its own end, where the leg is open", () => {
    const fromStart = voidVotes({ ...input, reading: exchangedAfter, fromEnd: false });
    const fromEnd = voidVotes({ ...input, reading: exchangedBefore, fromEnd: true });
    at.forEach((_, f) => {
      const open = spans[f]! >= OPEN * SPAN;
      expect(fromStart[f]).toBe(f > top && open);
      expect(fromEnd[f]).toBe(f < top && open);
    });
    // The top's own frames keep both votes: some of the fold is still voted on by both searches.
    expect(fromStart.filter(Boolean).length).toBeGreaterThan(0);
    expect(fromStart.filter((v, f) => !v && f > top).length).toBeGreaterThan(0);
  });
});

describe('strayedVotes', () => {
  const at = fold(13);
  const n = at.length;
  const obs = obsOf(at);
  const spans = at.map((ps) => Math.max(...ps.map((p) => p.y)) - Math.min(...ps.map((p) => p.y)));
  const top = spans.indexOf(Math.min(...spans));
  const pick = at.map(() => [0, 1, 2, 3]);
  const input = { obs, pick, at, span: SPAN };
  // Right from its own end to frame `g0` (included), the names moved round a slot beyond it.
  const strayBefore = (g0: number): number[][] => at.map((_, f) => (f >= g0 ? [0, 1, 2, 3] : [1, 2, 3, 0]));
  const strayAfter = (g0: number): number[][] => at.map((_, f) => (f <= g0 ? [0, 1, 2, 3] : [1, 2, 3, 0]));

  it('leaves its votes to a search that comes back to the other end with its names', () => {
    expect(spans[0]).toBeGreaterThanOrEqual(0.7 * SPAN); // the far end is upright: its names are known
    // Wrong on the fold's middle frames only: it came back, each of its votes stands.
    const middle = at.map((_, f) => (f === top ? [1, 2, 3, 0] : [0, 1, 2, 3]));
    expect(strayedVotes({ ...input, reading: middle, fromEnd: true })).not.toContain(true);
    expect(strayedVotes({ ...input, reading: middle, fromEnd: false })).not.toContain(true);
  });

  it("voids a stray search's votes past the top and past its first contradiction, from its own end", () => {
    // Strayed after the top (counted from the end): void from its first contradiction on.
    const late = strayedVotes({ ...input, reading: strayBefore(top + 3), fromEnd: true });
    expect(late).toEqual(at.map((_, f) => f < top));
    // Strayed before the top: void from the frame before its first contradiction on; the top and
    // the frames between keep its vote.
    const early = strayedVotes({ ...input, reading: strayBefore(top - 2), fromEnd: true });
    expect(early).toEqual(at.map((_, f) => f < top - 3));
    // The search from the start, held to the fold's end.
    const fromStart = strayedVotes({ ...input, reading: strayAfter(top - 3), fromEnd: false });
    expect(spans[n - 1]).toBeGreaterThanOrEqual(0.7 * SPAN);
    expect(fromStart).toEqual(at.map((_, f) => f > top));
    expect(strayedVotes({ ...input, reading: strayAfter(top + 2), fromEnd: false })).toEqual(
      at.map((_, f) => f > top + 3),
    );
  });
});

describe('resolveFold with the heel pair exchanged by the search from the end', () => {
  // The rendered clip's right leg: folded from frame 13 (upright 11-12), named again on frame 26.
  const clip = generateMarkerClip({ view: 'rear', fps: 30, durationS: 1, seed: 7 });
  const frames = [...clip.frames()];
  const names: MarkerName[] = [
    'rightShankUpper',
    'rightShankLower',
    'rightHeelCounterUpper',
    'rightHeelCounterLower',
  ];
  const truth = names.map((m) => clip.truth.points[m]!);
  const from = 11;
  const to = 26;
  const run = (): MarkerPoint[][] => {
    // The forward pass's points: the truth, named on the fold's two upright frames before it and on
    // the frame after it, held back (lost) inside it.
    const points = truth.map((tr) =>
      tr.map((p, i): MarkerPoint => ({
        x: pixels(p.x),
        y: pixels(p.y),
        state: i < from || i >= to ? 'detected' : 'lost',
        confidence: i < from || i >= to ? 1 : 0,
      })),
    );
    const states = truth.map((tr) => ({ ...testState(tr[to]!.x, tr[to]!.y), radius: 3.2, contrast: 180 }));
    resolveFold({
      images: frames.slice(from, to),
      from,
      leg: [0, 1, 2, 3],
      states,
      points,
      detection: { appearance: { kind: 'bright' } },
      span: SPAN,
      scale: 4,
      confidence: 0.5,
      report: true,
    });
    return points;
  };
  const score = (points: MarkerPoint[][]): { within: number; swaps: number } => {
    let within = 0;
    let swaps = 0;
    for (let k = 0; k < 4; k++)
      for (let i = from; i < to; i++) {
        const p = points[k]![i]!;
        const t = truth[k]![i]!;
        if (p.state !== 'detected' || !t.visible) continue;
        const err = Math.hypot(p.x - t.x, p.y - t.y);
        if (err <= 1) within++;
        else if (
          truth.some((o, q) => q !== k && o[i]!.visible && Math.hypot(p.x - o[i]!.x, p.y - o[i]!.y) < err)
        )
          swaps++;
      }
    return { within, swaps };
  };

  it('reports the opening frames the exchanged search held back, each on its own marker', () => {
    // Measured: 26 of the fold's visible points within 1 px; 2 before the rule (the search from the
    // end exchanged the pairs at the top, so it contradicted every right point from frame 11 to the
    // top, and the one from the start every one past it).
    const { within, swaps } = score(run());
    expect(swaps).toBe(0);
    expect(within).toBeGreaterThanOrEqual(20);
  });
});

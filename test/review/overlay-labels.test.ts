import { describe, expect, it } from 'vitest';
import { imagePoint } from '../../src-shared/units';
import { labelBox, overlaps } from '../../src-shared/review/label-placement';
import { buildScene, DEFAULT_TOGGLES, type Primitive } from '../../src-shared/review/scene';
import { readSeries, TREADMILL_LANDMARKS } from './fixtures/pose-store';

/**
 * Overlay labels on every frame of the real treadmill clip (its MediaPipe landmarks, side view), at
 * the scales the review shows it (720 px wide video in a 420 px player, 1:1, and zoomed 3×): no
 * label covers another on any frame. The same frames with the labels where they were first asked
 * for (before the placement pass) must collide somewhere, or this test would prove nothing.
 */
const series = readSeries(TREADMILL_LANDMARKS);

function collide(scene: readonly Primitive[], unit: number, placed: boolean): boolean {
  const boxes = scene.flatMap((p) => {
    if (p.kind === 'arc') return [labelBox(p.label, placed ? p.labelAt : p.arc.labelAt, unit)];
    if (p.kind === 'reference')
      return [labelBox(p.label, placed ? p.labelAt : imagePoint(p.to.x + 24 * unit, p.to.y), unit)];
    return [];
  });
  return boxes.some((a, i) => boxes.some((b, j) => j > i && overlaps(a, b)));
}

describe('overlay labels on the real treadmill clip', () => {
  it.each([
    ['a 420 px player', 720 / 420],
    ['1:1', 1],
    ['zoomed 3×', 720 / 420 / 3],
  ])('no label covers another on any frame (%s)', (_, unit) => {
    let before = 0;
    let after = 0;
    for (const f of series.frames) {
      const scene = buildScene(f, 'side', DEFAULT_TOGGLES, undefined, unit);
      if (collide(scene, unit, false)) before++;
      if (collide(scene, unit, true)) after++;
    }
    expect(before).toBeGreaterThan(0);
    expect(after).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { Landmark, type LandmarkFrame } from '../pose/landmarks';
import { imagePoint } from '../units';
import { labelBox, overlaps, placeLabels } from './label-placement';
import { buildScene, DEFAULT_TOGGLES, type Primitive } from './scene';

/** Boxes of every drawn label of a scene. */
function boxes(scene: readonly Primitive[], unit: number) {
  return scene.flatMap((p) =>
    p.kind === 'arc' || p.kind === 'reference' ? [{ id: p.id, box: labelBox(p.label, p.labelAt, unit) }] : [],
  );
}

function collisions(scene: readonly Primitive[], unit: number): string[] {
  const b = boxes(scene, unit);
  const out: string[] = [];
  for (let i = 0; i < b.length; i++)
    for (let j = i + 1; j < b.length; j++)
      if (overlaps(b[i]!.box, b[j]!.box)) out.push(`${b[i]!.id} × ${b[j]!.id}`);
  return out;
}

/**
 * A side-view runner at midstance, legs nearly together: knees, ankles, heels and toes of the two
 * legs a few pixels apart, as at the feet of the treadmill clip where "R tibia" sat on "L tibia".
 */
function crossing(gap: number): LandmarkFrame {
  const image = Array.from(
    { length: 33 },
    () => [0, 0, 0, 0.9, 0.9] as [number, number, number, number, number],
  );
  for (const side of ['left', 'right'] as const) {
    const dx = side === 'right' ? gap : 0;
    const put = (name: keyof typeof Landmark, x: number, y: number) =>
      (image[Landmark[name]] = [x + dx, y, 0, 0.95, 0.99]);
    put(`${side}Shoulder`, 300, 100);
    put(`${side}Elbow`, 290, 170);
    put(`${side}Wrist`, 320, 220);
    put(`${side}Hip`, 300, 260);
    put(`${side}Knee`, 320 + dx, 360);
    put(`${side}Ankle`, 300, 460);
    put(`${side}Heel`, 285, 470);
    put(`${side}FootIndex`, 335, 472);
  }
  return { index: 0, t: 0, status: 'pose', image };
}

describe('overlay label placement', () => {
  it('keeps a label with room around it where it was asked for', () => {
    const at = imagePoint(100, 100);
    expect(placeLabels([{ anchor: at, text: 'trunk 7°' }], 1)).toEqual([at]);
    const far = placeLabels(
      [
        { anchor: imagePoint(100, 100), text: 'a 1°' },
        { anchor: imagePoint(400, 400), text: 'b 2°' },
      ],
      1,
    );
    expect(far).toEqual([imagePoint(100, 100), imagePoint(400, 400)]);
  });

  it('moves the second of two labels on the same spot, the first keeps it', () => {
    const a = imagePoint(200, 200);
    const [p, q] = placeLabels(
      [
        { anchor: a, text: 'L tibia −25°' },
        { anchor: a, text: 'R tibia −19°' },
      ],
      1,
    );
    expect(p).toEqual(a);
    expect(overlaps(labelBox('L tibia −25°', p!, 1), labelBox('R tibia −19°', q!, 1))).toBe(false);
    // The nearest free spot: one label height away, not across the picture.
    expect(Math.hypot(q!.x - a.x, q!.y - a.y)).toBeLessThan(40);
  });

  it.each([
    [2, 1],
    [6, 1],
    [12, 0.5],
    [4, 2.5],
  ])('no label of the scene covers another (legs %s px apart, %s video px per screen px)', (gap, unit) => {
    const scene = buildScene(crossing(gap), 'side', DEFAULT_TOGGLES, undefined, unit);
    // Both tibias, both knees, both ankles, trunk: the labels that used to pile up.
    expect(boxes(scene, unit).length).toBeGreaterThanOrEqual(7);
    // Without the pass, they would collide (the test would pass for nothing otherwise).
    const unplaced = scene.map((p) =>
      p.kind === 'arc'
        ? { ...p, labelAt: p.arc.labelAt }
        : p.kind === 'reference'
          ? { ...p, labelAt: imagePoint(p.to.x + 24 * unit, p.to.y) }
          : p,
    );
    expect(collisions(unplaced, unit).length).toBeGreaterThan(0);
    expect(collisions(scene, unit)).toEqual([]);
  });
});

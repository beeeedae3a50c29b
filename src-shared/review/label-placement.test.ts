import { describe, expect, it } from 'vitest';
import { Landmark, type LandmarkFrame } from '../pose/landmarks';
import { imagePoint } from '../units';
import { dotBoxes, labelBox, overlaps, placeGreedy, placeLabels, type Box } from './label-placement';
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

describe('labels leave the landmarks visible', () => {
  it('moves a label off a dot under it: one label height up, the first free spot', () => {
    const at = imagePoint(100, 100);
    const h = labelBox('trunk 12°', at, 1).h;
    expect(placeLabels([{ anchor: at, text: 'trunk 12°' }], 1, dotBoxes([at], 1))).toEqual([
      imagePoint(100, 100 - h),
    ]);
    // A dot just clear of the label's box leaves it where it was asked for.
    expect(
      placeLabels([{ anchor: at, text: 'trunk 12°' }], 1, dotBoxes([imagePoint(100, 100 + h)], 1)),
    ).toEqual([at]);
    // Dots keep their screen size: at 2.5 video px per screen px the square is 40 video px wide.
    expect(dotBoxes([at], 2.5)).toEqual([{ x: 80, y: 80, w: 40, h: 40 }]);
  });

  it.each([
    [2, 1],
    [12, 0.5],
    [4, 2.5],
  ])(
    'no label of the scene covers a landmark dot (legs %s px apart, %s video px per screen px)',
    (gap, unit) => {
      const frame = crossing(gap);
      const scene = buildScene(frame, 'side', DEFAULT_TOGGLES, undefined, unit);
      const dots = scene.flatMap((p) => (p.kind === 'point' ? dotBoxes([p.at], unit) : []));
      expect(dots.length).toBeGreaterThan(10);
      const covered = boxes(scene, unit).filter(({ box }) => dots.some((d) => overlaps(d, box)));
      expect(covered.map((c) => c.id)).toEqual([]);
    },
  );
});

describe('placeGreedy: the one placer of the angle and marker labels', () => {
  const sq = (x: number, y: number): Box => ({ x, y, w: 10, h: 10 });
  // Each item tries its own spot, then 20 px right, then 20 px down.
  const candidates = (b: Box) => [b, { ...b, x: b.x + 20 }, { ...b, y: b.y + 20 }];

  it('takes the first free candidate inside the picture, in the order given', () => {
    const items = [sq(0, 0), sq(5, 5)];
    // As given: the first keeps its spot, the second (touching it) moves right.
    expect(placeGreedy(items, { candidates, fallback: (b) => b })).toEqual([
      { box: sq(0, 0), spot: 0 },
      { box: sq(25, 5), spot: 1 },
    ]);
    // The second first: now the first moves.
    expect(placeGreedy(items, { candidates, fallback: (b) => b, order: [1, 0] })).toEqual([
      { box: sq(20, 0), spot: 1 },
      { box: sq(5, 5), spot: 0 },
    ]);
    // A picture 28 px wide: "right" falls outside it, so down.
    const within = { x: 0, y: 0, w: 28, h: 100 };
    expect(placeGreedy(items, { candidates, fallback: (b) => b, within })[1]).toEqual({
      box: sq(5, 25),
      spot: 2,
    });
  });

  it('avoids what is drawn; with no free candidate it takes the fallback, given its first inside', () => {
    const avoid = [{ x: -100, y: -100, w: 300, h: 300 }];
    const seen: (Box | null)[] = [];
    const placed = placeGreedy([sq(0, 0)], {
      candidates,
      fallback: (b, first) => (seen.push(first), { ...b, x: 99 }),
      avoid,
      within: { x: 10, y: 0, w: 50, h: 50 },
    });
    expect(seen).toEqual([sq(20, 0)]);
    expect(placed).toEqual([{ box: { ...sq(0, 0), x: 99 }, spot: -1 }]);
  });
});

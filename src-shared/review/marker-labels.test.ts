import { describe, expect, it } from 'vitest';
import { imagePoint } from '../units';
import { labelBox, overlaps, placeLabels, type Box } from './label-placement';
import {
  MARKER_DOT_PX,
  markerDotBox,
  markerShortLabel,
  placeMarkerLabels,
  type MarkerLabelRequest,
} from './marker-labels';

const WIDTH_PER_CHAR_PX = 7; // a stand-in for the caller's measured text width

/** The seven side markers of one leg, as taped: a column a few tens of pixels apart, ankle and foot close. */
function leg(scale: number): MarkerLabelRequest[] {
  const pts: [string, number, number][] = [
    ['R ASIS 100%', 420, 300],
    ['R PSIS 100%', 360, 296],
    ['R greater trochanter 100%', 392, 330],
    ['R lateral knee 98%', 410, 450],
    ['R lateral malleolus 100%', 396, 560],
    ['R heel 100%', 372, 578],
    ['R fifth metatarsal head 97%', 440, 584],
  ];
  return pts.map(([text, x, y]) => ({
    at: imagePoint(x * scale, y * scale),
    text,
    textWidthPx: text.length * WIDTH_PER_CHAR_PX,
  }));
}

function pairsOverlapping(boxes: readonly Box[]): number {
  let n = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i]!, boxes[j]!)) n += 1;
  return n;
}

describe('marker labels', () => {
  it('shortens the side to its letter and keeps the site', () => {
    expect(markerShortLabel('rightLateralMalleolus')).toBe('R lateral malleolus');
    expect(markerShortLabel('leftAsis')).toBe('L ASIS');
  });

  for (const unit of [1, 0.5, 2]) {
    it(`never covers an angle label, a marker or another marker label (unit ${unit})`, () => {
      // The knee and ankle angle labels where the arcs put them: on the knee and malleolus markers' right.
      const angles = [
        labelBox('R knee 12°', imagePoint(440 * unit, 452 * unit), unit),
        labelBox('R ankle 95°', imagePoint(430 * unit, 560 * unit), unit),
        labelBox('L ankle 101°', imagePoint(420 * unit, 590 * unit), unit),
      ];
      const picture = { x: 0, y: 0, w: 1280 * unit, h: 720 * unit };
      const req = leg(unit);
      const placed = placeMarkerLabels(req, angles, unit, picture);
      expect(placed.map((p) => p.text)).toEqual(req.map((r) => r.text));
      expect(placed.every((p) => !p.crowded)).toBe(true);
      const boxes = placed.map((p) => p.box);
      expect(pairsOverlapping(boxes)).toBe(0);
      for (const b of boxes) {
        expect(angles.some((a) => overlaps(a, b))).toBe(false);
        expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= picture.w && b.y + b.h <= picture.h).toBe(true);
        // No label on any marker's dot.
        for (const r of req) {
          const d = MARKER_DOT_PX * unit;
          expect(overlaps(b, { x: r.at.x - d, y: r.at.y - d, w: 2 * d, h: 2 * d })).toBe(false);
        }
      }
      // Box sizes follow the screen size: the text's measured width plus padding, times unit.
      expect(placed[0]!.box.w).toBeCloseTo((req[0]!.textWidthPx + 6) * unit, 6);
    });
  }

  it('leaves a label beside its marker when there is room, and draws a leader when it moved away', () => {
    const alone = placeMarkerLabels(
      [{ at: imagePoint(100, 100), text: 'R heel 100%', textWidthPx: 80 }],
      [],
      1,
    )[0]!;
    expect(alone.leaderTo).toBeNull();
    expect(alone.spot).toBe(0);
    expect(alone.box.x).toBeGreaterThan(100);
    expect(alone.box.y).toBeLessThan(100);
    expect(alone.box.y + alone.box.h).toBeGreaterThan(100);
    // Both sides and the spots just above and below taken: it goes further and says whose it is.
    const wall = [{ x: 0, y: 70, w: 400, h: 60 }];
    const moved = placeMarkerLabels(
      [{ at: imagePoint(200, 100), text: 'R heel 100%', textWidthPx: 80 }],
      wall,
      1,
    )[0]!;
    expect(overlaps(moved.box, wall[0]!)).toBe(false);
    expect(moved.leaderTo).not.toBeNull();
    expect(moved.spot).toBeGreaterThan(5);
    const l = moved.leaderTo!;
    expect(l.x).toBeGreaterThanOrEqual(moved.box.x);
    expect(l.x).toBeLessThanOrEqual(moved.box.x + moved.box.w);
    expect(l.y === moved.box.y || l.y === moved.box.y + moved.box.h).toBe(true);
  });

  it('lets the angle labels leave the markers’ dots free', () => {
    for (const unit of [1, 0.5, 2]) {
      const text = 'R tibia −19°';
      const spot = imagePoint(300 * unit, 200 * unit);
      const dot = markerDotBox(imagePoint(300 * unit + 8 * unit, 202 * unit), unit);
      // Without the dot the label stays on its spot, over the dot; with it, it moves off.
      const [alone] = placeLabels([{ anchor: spot, text }], unit);
      expect(overlaps(labelBox(text, alone!, unit), dot)).toBe(true);
      const [moved] = placeLabels([{ anchor: spot, text }], unit, [dot]);
      expect(overlaps(labelBox(text, moved!, unit), dot)).toBe(false);
    }
  });

  it('says so when no free spot is left in the picture', () => {
    const placed = placeMarkerLabels(
      [{ at: imagePoint(50, 20), text: 'R heel 100%', textWidthPx: 80 }],
      [{ x: 0, y: 0, w: 100, h: 40 }],
      1,
      { x: 0, y: 0, w: 100, h: 40 },
    )[0]!;
    expect(placed.crowded).toBe(true);
  });
});

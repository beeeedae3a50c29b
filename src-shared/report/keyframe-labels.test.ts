import { describe, expect, it } from 'vitest';
import { overlaps, type Box } from '../review/label-placement';
import { Landmark, type LandmarkName } from '../pose/landmarks';
import { keyFrameLabelBox, markerDotBox, placeKeyFrameLabels, skeletonBoxes } from './keyframe-labels';
import { markerNameBox, placeMarkerNames } from './keyframe-marker-names';
import type { KeyFrame, ReportMarker } from './model';

const crop = { x: 100, y: 50, w: 600, h: 600 };
const texts = ['pelvis 5°', 'knee FPPA 4°'];
const marker = (x: number, y: number, name = 'rightPsis'): ReportMarker => ({
  name,
  x,
  y,
  confidence: 0.95,
  byHand: false,
});
const boxes = (labels: ReturnType<typeof placeKeyFrameLabels>): Box[] =>
  labels.map((l) => keyFrameLabelBox(l.text, l.x, l.y, crop));
const inside = (b: Box) =>
  b.x >= crop.x && b.y >= crop.y && b.x + b.w <= crop.x + crop.w && b.y + b.h <= crop.y + crop.h;

describe('key-frame labels', () => {
  it('without markers: stacked in the top-left corner, apart, inside the picture', () => {
    const labels = placeKeyFrameLabels(texts, crop);
    expect(labels).toEqual([
      { text: 'pelvis 5°', x: 100 + 600 * 0.04, y: 50 + 600 * 0.08 },
      { text: 'knee FPPA 4°', x: 100 + 600 * 0.04, y: 50 + 600 * 0.17 },
    ]);
    const [a, b] = boxes(labels);
    expect(overlaps(a!, b!)).toBe(false);
    expect(boxes(labels).every(inside)).toBe(true);
  });

  it('a marker under the corner: the words move off it, apart and inside the picture', () => {
    // The PSIS of a rear clip framed on the legs, where the second line would end.
    const corner = placeKeyFrameLabels(texts, crop);
    const under = keyFrameLabelBox(corner[1]!.text, corner[1]!.x, corner[1]!.y, crop);
    const dots = [marker(under.x + under.w - 10, under.y + under.h / 2), marker(400, 130, 'leftPsis')];
    const labels = placeKeyFrameLabels(texts, crop, dots);
    expect(labels[0]).toEqual(corner[0]); // the first line was free: it stays
    expect(labels[1]).not.toEqual(corner[1]);
    const b = boxes(labels);
    for (const d of dots) for (const x of b) expect(overlaps(x, markerDotBox(d, crop))).toBe(false);
    expect(overlaps(b[0]!, b[1]!)).toBe(false);
    expect(b.every(inside)).toBe(true);
  });

  it('no free line anywhere: each takes the least covered, apart and inside the picture', () => {
    // Dots every 15 px, and a denser patch (every 5 px) over the corner's first two lines.
    const grid = (x0: number, y0: number, n: number, step: number) =>
      Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => marker(x0 + step * i, y0 + step * j)),
      ).flat();
    const dots = [...grid(crop.x, crop.y, 40, 15), ...grid(crop.x, crop.y, 40, 5)];
    const labels = placeKeyFrameLabels(texts, crop, dots);
    const b = boxes(labels);
    const covered = (x: Box) => dots.filter((d) => overlaps(markerDotBox(d, crop), x)).length;
    const corner = boxes(placeKeyFrameLabels(texts, crop));
    for (const i of [0, 1]) expect(covered(b[i]!)).toBeLessThan(covered(corner[i]!));
    expect(overlaps(b[0]!, b[1]!)).toBe(false);
    expect(b.every(inside)).toBe(true);
  });

  it('a skeleton line across the corner (a rear clip’s pelvis line): the words move off it', () => {
    // Every point at the right edge but the hips, and all on one line, which crosses the first corner line
    // (its box: baseline 98, 38 px above and 10 below) at y = 90.
    const at: Partial<Record<LandmarkName, readonly [number, number, number]>> = {
      leftHip: [110, 90, 0.9],
      rightHip: [420, 90, 0.9],
    };
    const landmarks: KeyFrame['landmarks'] = (Object.keys(Landmark) as LandmarkName[]).map(
      (n) => at[n] ?? ([650, 90, 0.9] as const),
    );
    const corner = placeKeyFrameLabels(texts, crop);
    const labels = placeKeyFrameLabels(texts, crop, [], landmarks);
    // The next two lines down the left edge.
    expect(labels.map((l) => l.y)).toEqual([corner[1]!.y, 50 + 600 * (0.08 + 2 * 0.09)]);
    expect(labels.every((l) => l.x === corner[0]!.x)).toBe(true);
    const lines = skeletonBoxes(landmarks, crop);
    for (const b of boxes(labels)) expect(lines.some((x) => overlaps(x, b))).toBe(false);
    // The check can tell: the corner's first line lies on the pelvis line.
    expect(lines.some((x) => overlaps(x, boxes(corner)[0]!))).toBe(true);
  });
});

describe('marker names on key frames', () => {
  const markers = [
    marker(300, 300, 'rightAsis'),
    marker(320, 310, 'rightPsis'),
    marker(310, 330, 'rightGreaterTrochanter'),
    marker(330, 450, 'leftLateralKnee'),
    marker(340, 600, 'leftLateralMalleolus'),
  ];
  const labels = placeKeyFrameLabels(texts, crop, markers);

  it('the protocol’s short names, apart from one another, the dots and the angles, near their dots', () => {
    const names = placeMarkerNames(markers, crop, labels);
    expect(names.map((n) => n.text)).toEqual(['ASIS', 'PSIS', 'GT', 'knee', 'mall.']);
    const named = names.map((n) => markerNameBox(n.text, n.x, n.y, crop));
    const taken = [...markers.map((m) => markerDotBox(m, crop)), ...boxes(labels)];
    named.forEach((b, i) => {
      for (const t of [...taken, ...named.slice(i + 1)]) expect(overlaps(b, t), names[i]!.text).toBe(false);
      expect(inside(b)).toBe(true);
      // Within three lines of its dot.
      const m = markers[i]!;
      expect(Math.abs(b.y + b.h / 2 - m.y)).toBeLessThan(3.5 * b.h);
      expect(Math.min(Math.abs(b.x - m.x), Math.abs(b.x + b.w - m.x))).toBeLessThan(b.w + 30);
    });
    // The bottom dot's name is not beside it below the picture's edge: it stays inside.
    expect(names[4]!.y).toBeLessThanOrEqual(crop.y + crop.h);
  });

  it('no free place near its dot: the name is left out, never printed over anything', () => {
    const crowd = Array.from({ length: 11 }, (_, i) =>
      Array.from({ length: 11 }, (_, j) => marker(200 + 12 * i, 200 + 12 * j, 'leftHeel')),
    ).flat();
    const names = placeMarkerNames([marker(260, 260, 'rightHeel'), ...crowd], crop, []);
    expect(names.some((n) => n.name === 'rightHeel' && n.text === 'heel')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { overlaps, type Box } from '../review/label-placement';
import { keyFrameLabelBox, markerDotBox, placeKeyFrameLabels } from './keyframe-labels';
import type { ReportMarker } from './model';

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

  it('no free line anywhere: each keeps its corner line (every value still shown)', () => {
    const dots = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: 40 }, (_, j) => marker(crop.x + 15 * i, crop.y + 15 * j)),
    ).flat();
    expect(placeKeyFrameLabels(texts, crop, dots)).toEqual(placeKeyFrameLabels(texts, crop));
  });
});

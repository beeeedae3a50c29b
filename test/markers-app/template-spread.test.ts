/**
 * A marker angle read at the gait engine's contacts carries the clip's own template spread
 * (docs/uncertainty.md §8, "A clip's own template"), through the stored analysis: an 8 s cut of the
 * sample clip (MediaPipe full landmarks, frames 0–239), whose near (left) foot's contacts the
 * bootstrap places to 1.1 frames, with knee markers on the hip, knee and ankle landmarks. Each
 * step's timing bias is the angle's rate there × the foot's systematic part, so the mean's timing
 * part scales exactly with that part: templateSd / 0.5 × what the fixed half frame gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src-shared/gait';
import { GaitAnalysisSchema } from '../../src-shared/gait/schema';
import { EVENT_TIMING } from '../../src-shared/gait/timing-bias';
import { Landmark, LandmarkSeriesSchema } from '../../src-shared/pose/landmarks';
import { markerVariables, type MarkerSideSummary } from '../../src-shared/review/marker-variables';
import { trackFrom } from '../../src-shared/review/testing/marker-legs';

const full = LandmarkSeriesSchema.parse(
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'landmarks/treadmill_side_male.full.json'),
      'utf8',
    ),
  ),
);
const LENGTH = 240;
const frames = full.frames.slice(0, LENGTH);
const series = { ...full, frames, source: { ...full.source, frameCount: LENGTH } };

describe('marker variables on an 8 s cut of the sample clip: the template spread of its contacts', () => {
  // As the library stores it and the report reads it back.
  const analysis = GaitAnalysisSchema.parse(
    JSON.parse(JSON.stringify(analyzeGait({ series, view: 'side', calibration: { heightCm: 175 } }))),
  );
  const at = (i: number, k: number): [number, number] | null => {
    const p = frames[i]?.image?.[k];
    return p ? [p[0], p[1]] : null;
  };
  const tracks = [
    trackFrom('leftGreaterTrochanter', LENGTH, (i) => at(i, Landmark.leftHip)),
    trackFrom('leftLateralKnee', LENGTH, (i) => at(i, Landmark.leftKnee)),
    trackFrom('leftLateralMalleolus', LENGTH, (i) => at(i, Landmark.leftAnkle)),
  ];
  const knee = (events: typeof analysis.events): MarkerSideSummary =>
    markerVariables('side', tracks, events).find((r) => r.id === 'knee-flexion-ic')!.left!;
  const timingPart = (s: MarkerSideSummary): number =>
    Math.sqrt(s.uncertainty!.systematic ** 2 - s.tracking ** 2);

  it("keeps each contact's template spread in the stored events", () => {
    const left = analysis.events.filter((e) => e.kind === 'initial-contact' && e.side === 'left');
    expect(left.length).toBeGreaterThan(5);
    for (const e of left) expect(e.templateSd).toBeGreaterThan(1);
  });

  it('widens the marker knee flexion at contact by that spread, over the half frame', () => {
    const sd = analysis.events.find((e) => e.kind === 'initial-contact' && e.side === 'left')!.templateSd!;
    const withSpread = knee(analysis.events);
    const halfFrame = knee(analysis.events.map(({ templateSd: _, ...e }) => e));
    const half = EVENT_TIMING['initial-contact'].systematic;
    expect(halfFrame.mean).toBe(withSpread.mean);
    expect(timingPart(halfFrame)).toBeGreaterThan(1);
    expect(timingPart(withSpread)).toBeCloseTo((sd / half) * timingPart(halfFrame), 6);
    expect(withSpread.interval![0]).toBeLessThan(halfFrame.interval![0]);
    expect(withSpread.interval![1]).toBeGreaterThan(halfFrame.interval![1]);
  });
});

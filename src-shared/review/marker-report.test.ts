import { describe, expect, it } from 'vitest';
import { analysedRunner } from '../gait/testing/runner';
import { Landmark } from '../pose/landmarks';
import { buildReport } from '../report/build';
import { clipInput, flatCondition, reportInput } from '../report/testing/report-input';
import { withMarkers } from './marker-report';
import { trackFrom } from './testing/marker-legs';

/**
 * Markers in the report: on the seeded synthetic runner's real report model (side and rear clips),
 * an ASIS and a PSIS placed about the hip at a designed tilt, and four rear-foot markers with a known
 * eversion; the condition gets its marker rows (source: markers) and each key frame the markers of
 * its frame; a condition without markers is left as built.
 */
const design = { fps: 60, durationS: 8, seed: 7, noisePx: 0, cadence: 168 } as const;
const side = analysedRunner({ view: 'side', ...design });
const rear = analysedRunner({ view: 'rear', ...design });
const built = buildReport(
  reportInput([
    flatCondition(
      clipInput('side', side.analysis, side.series),
      clipInput('rear', rear.analysis, rear.series),
    ),
  ]),
).model;

const tiltDeg = (t: number): number => 11 + 3 * Math.sin(2 * Math.PI * 1.4 * t);

const n = side.series.frames.length;
const hip = (i: number): [number, number] | null => {
  const p = side.series.frames[i]?.image?.[Landmark.rightHip];
  return p ? [p[0], p[1]] : null;
};
const pelvis =
  (sign: 1 | -1) =>
  (i: number): [number, number] | null => {
    const h = hip(i);
    if (!h) return null;
    const a = (tiltDeg(side.series.frames[i]!.t) * Math.PI) / 180;
    return [h[0] + sign * 40 * Math.cos(a), h[1] - 20 + sign * 40 * Math.sin(a)];
  };
const sideTracks = [trackFrom('rightAsis', n, pelvis(1)), trackFrom('rightPsis', n, pelvis(-1))];
// Rear, left leg: shank vertical, heel counter turned laterally (−x for the left leg) by 6°.
const m = rear.series.frames.length;
const rad = (6 * Math.PI) / 180;
const rearTracks = [
  trackFrom('leftShankUpper', m, () => [300, 600]),
  trackFrom('leftShankLower', m, () => [300, 700]),
  trackFrom('leftHeelCounterUpper', m, () => [300, 720]),
  trackFrom('leftHeelCounterLower', m, () => [300 - 40 * Math.sin(rad), 720 + 40 * Math.cos(rad)]),
];

describe('skin markers in the report', () => {
  const [c] = withMarkers(built.conditions, [
    { conditionId: 'c1', view: 'side', tracks: sideTracks, events: side.analysis.events },
    { conditionId: 'c1', view: 'rear', tracks: rearTracks, events: rear.analysis.events },
  ]);

  it('adds the marker rows with their source and the designed values', () => {
    const rows = c!.markerRows!;
    expect(rows.map((r) => r.id)).toEqual([
      'pelvic-tilt-ic',
      'pelvic-tilt-ms',
      'pelvic-tilt-to',
      'pelvic-tilt-range',
      'rearfoot-eversion-ic',
      'rearfoot-eversion-peak',
    ]);
    expect(rows.every((r) => r.source === 'markers')).toBe(true);
    const ic = rows.find((r) => r.id === 'pelvic-tilt-ic')!;
    for (const foot of ['left', 'right'] as const) {
      const ts = side.analysis.events
        .filter((e) => e.kind === 'initial-contact' && e.side === foot)
        .map((e) => e.t);
      const truth = ts.reduce((a, t) => a + tiltDeg(t), 0) / ts.length;
      // Sub-frame contacts sampled between frames: within a tenth of a degree of the design.
      expect(Math.abs(ic[foot]!.mean! - truth)).toBeLessThan(0.1);
      expect(ic[foot]!.n).toBe(ts.length);
    }
    const ev = rows.find((r) => r.id === 'rearfoot-eversion-ic')!;
    expect(ev.left!.mean).toBeCloseTo(6, 6);
    expect(ev.right).toBeNull();
  });

  it('draws the markers of each key frame at the tracked points', () => {
    const sideFrames = c!.keyFrames.filter((k) => k.view === 'side');
    expect(sideFrames.length).toBeGreaterThan(0);
    for (const k of sideFrames) {
      expect(k.markers!.map((x) => x.name)).toEqual(['rightAsis', 'rightPsis']);
      const want = pelvis(1)(k.frame)!;
      expect(k.markers![0]!.x).toBeCloseTo(want[0], 3);
      expect(k.markers![0]!.y).toBeCloseTo(want[1], 3);
    }
    for (const k of c!.keyFrames.filter((x) => x.view === 'rear')) expect(k.markers).toHaveLength(4);
  });

  it('drops "heel eversion not measured" only where heel-counter markers measured it', () => {
    const said = (q: readonly { text: string }[]): boolean =>
      q.some((x) => x.text.startsWith('Heel eversion not measured'));
    expect(said(built.conditions[0]!.quality)).toBe(true);
    expect(said(c!.quality)).toBe(false);
    const [pelvisOnly] = withMarkers(built.conditions, [
      { conditionId: 'c1', view: 'side', tracks: sideTracks, events: side.analysis.events },
    ]);
    expect(said(pelvisOnly!.quality)).toBe(true);
  });

  it('leaves a condition without markers as it was built', () => {
    expect(withMarkers(built.conditions, [])[0]).toBe(built.conditions[0]);
  });
});

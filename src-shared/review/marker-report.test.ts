import { describe, expect, it } from 'vitest';
import { analyzeGait, DEFAULT_EXERCISES } from '../gait';
import { generateRunner } from '../gait/synthetic';
import { Landmark } from '../pose/landmarks';
import type { MarkerName, MarkerTrack } from '../markers';
import { buildReport } from '../report/build';
import { pixels } from '../units';
import { withMarkers } from './marker-report';

/**
 * Markers in the report: on the seeded synthetic runner's real report model (side and rear clips),
 * an ASIS and a PSIS placed about the hip at a designed tilt, and four rear-foot markers with a known
 * eversion; the condition gets its marker rows (source: markers) and each key frame the markers of
 * its frame; a condition without markers is left as built.
 */
const side = generateRunner({ view: 'side', fps: 60, durationS: 8, seed: 7, noisePx: 0, cadence: 168 });
const rear = generateRunner({ view: 'rear', fps: 60, durationS: 8, seed: 7, noisePx: 0, cadence: 168 });
const sideGait = analyzeGait({ series: side.series, view: 'side', calibration: { heightCm: 175 } });
const rearGait = analyzeGait({ series: rear.series, view: 'rear', calibration: { heightCm: 175 } });
const built = buildReport({
  patient: { name: 'Marker Runner' },
  session: { id: 's1', date: '2026-11-21' },
  conditions: [
    {
      id: 'c1',
      label: 'Flat',
      clips: [
        { view: 'side', file: 'side.mp4', model: 'full', analysis: sideGait, series: side.series },
        { view: 'rear', file: 'rear.mp4', model: 'full', analysis: rearGait, series: rear.series },
      ],
    },
  ],
  exercises: DEFAULT_EXERCISES,
  appVersion: '0.1.0',
  now: '2026-11-21T10:00:00.000Z',
}).model;

const tiltDeg = (t: number): number => 11 + 3 * Math.sin(2 * Math.PI * 1.4 * t);

function track(name: MarkerName, at: (i: number) => [number, number] | null, n: number): MarkerTrack {
  return {
    name,
    points: Array.from({ length: n }, (_, i) => {
      const p = at(i);
      return p
        ? { x: pixels(p[0]), y: pixels(p[1]), confidence: 0.95, state: 'detected' as const }
        : { x: pixels(0), y: pixels(0), confidence: 0, state: 'lost' as const };
    }),
  };
}

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
const sideTracks = [track('rightAsis', pelvis(1), n), track('rightPsis', pelvis(-1), n)];
// Rear, left leg: shank vertical, heel counter turned laterally (−x for the left leg) by 6°.
const m = rear.series.frames.length;
const rad = (6 * Math.PI) / 180;
const rearTracks = [
  track('leftShankUpper', () => [300, 600], m),
  track('leftShankLower', () => [300, 700], m),
  track('leftHeelCounterUpper', () => [300, 720], m),
  track('leftHeelCounterLower', () => [300 - 40 * Math.sin(rad), 720 + 40 * Math.cos(rad)], m),
];

describe('skin markers in the report', () => {
  const [c] = withMarkers(built.conditions, [
    { conditionId: 'c1', view: 'side', tracks: sideTracks, events: sideGait.events },
    { conditionId: 'c1', view: 'rear', tracks: rearTracks, events: rearGait.events },
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
      const ts = sideGait.events
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
      { conditionId: 'c1', view: 'side', tracks: sideTracks, events: sideGait.events },
    ]);
    expect(said(pelvisOnly!.quality)).toBe(true);
  });

  it('leaves a condition without markers as it was built', () => {
    expect(withMarkers(built.conditions, [])[0]).toBe(built.conditions[0]);
  });
});

import { describe, expect, it } from 'vitest';
import { generateRunner } from '../gait/synthetic';
import { generateMarkerClip } from '../gait/synthetic/marker-clip';
import { analyseClip } from '../review/analyse';
import { pixels } from '../units';
import { clipFrameOf, positionOf } from './foot-events-engine';
import type { MarkerName, MarkerTrack } from './types';

/** The synthetic runner as landmarks and its foot markers where they truly are (the rule, not the tracker). */
function run(fps: number) {
  const opts = { view: 'side' as const, fps, durationS: 4 };
  const clip = generateMarkerClip({ ...opts, distractors: false, hidden: null });
  const names: MarkerName[] = ['leftHeel', 'leftFifthMetatarsal', 'rightHeel', 'rightFifthMetatarsal'];
  const tracks: MarkerTrack[] = names.map((name) => ({
    name,
    points: clip.truth.points[name]!.map((p) => ({
      x: pixels(p.x),
      y: pixels(p.y),
      confidence: 0.9,
      state: 'detected' as const,
    })),
  }));
  return { clip, tracks, series: generateRunner({ ...opts, noisePx: 3 }).series };
}

describe('marker events in the one orchestration', () => {
  it('reads the same clip frames from the markers whether or not the clip is trimmed', () => {
    const { tracks, series } = run(60);
    const whole = analyseClip(series, [], {
      view: 'side',
      trim: { startFrame: 0, endFrame: 1e9 },
      markerTracks: tracks,
    }).gait!;
    const cut = analyseClip(series, [], {
      view: 'side',
      trim: { startFrame: 37, endFrame: 200 },
      markerTracks: tracks,
    }).gait!;
    // Inside the cut by a frame: an instant after its last frame cannot be placed in it.
    const inside = (e: (typeof whole.events)[number]): boolean => e.frame >= 37 && e.frame < 199;
    const fromMarkers = (g: typeof whole) =>
      g.events
        .filter((e) => e.source === 'markers' && inside(e))
        .map((e) => `${e.kind} ${e.side} ${e.frame}`);
    const inCut = whole.events
      .filter((e) => e.source === 'markers' && inside(e))
      .map((e) => `${e.kind} ${e.side} ${e.frame}`);
    expect(inCut.length).toBeGreaterThan(6);
    expect(fromMarkers(cut)).toEqual(inCut);
    // Every contact and toe-off of both feet from the markers; midstance stays the engine's.
    expect(whole.events.filter((e) => e.kind === 'midstance').every((e) => e.source === 'detected')).toBe(
      true,
    );
    expect(
      whole.events
        .filter((e) => e.kind === 'initial-contact' || e.kind === 'toe-off')
        .every((e) => e.source === 'markers'),
    ).toBe(true);
  });

  it('leaves a rear clip and a clip without foot markers to the landmarks', () => {
    const { tracks, series } = run(30);
    const trim = { startFrame: 0, endFrame: 1e9 };
    const knees = tracks.map((t) => ({
      ...t,
      name: t.name.replace(/Heel|FifthMetatarsal/, 'LateralKnee') as MarkerName,
    }));
    const a = analyseClip(series, [], { view: 'side', trim, markerTracks: knees });
    expect(a.eventChoice).toBeUndefined();
    expect(a.gait!.events.every((e) => e.source === 'detected')).toBe(true);
  });

  it('maps clip frames and series positions both ways, through gaps', () => {
    const tl = { t: new Float64Array([0, 0.1, 0.2, 0.4]), frame: new Int32Array([10, 11, 12, 14]), fps: 10 };
    expect(clipFrameOf(tl, 1.5)).toBeCloseTo(11.5);
    expect(clipFrameOf(tl, 2.5)).toBeCloseTo(13);
    expect(positionOf(tl, 13)).toBeCloseTo(2.5);
    expect(positionOf(tl, 9.9)).toBeNull();
    expect(positionOf(tl, 14.1)).toBeNull();
  });
});

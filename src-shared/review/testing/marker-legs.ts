/**
 * Test helper: knee markers on the synthetic runner with a designed marker knee flexion (hybrid
 * analysis, marker-hybrid.ts). The trochanter marker sits on the model's hip landmark, the knee marker
 * on its knee, and the malleolus marker `shankPx` from the knee along the thigh line turned by
 * `flexDeg`, so the marker knee flexion is `flexDeg` on every frame whatever the landmarks read.
 * Pure, shared by the unit test and the render test of the tables (test/markers-app/).
 */
import type { MarkerName, MarkerTrack } from '../../markers';
import { Landmark, type LandmarkSeries } from '../../pose/landmarks';
import { pixels } from '../../units';

/** A track from a function of the frame (null: lost). */
export function trackFrom(
  name: MarkerName,
  n: number,
  at: (i: number) => readonly [number, number] | null,
): MarkerTrack {
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

/**
 * One leg's trochanter, knee and malleolus markers. `stretch(i)` scales the shank on frame i (1: the
 * markers where the body puts them; else off their segment, as a marker taken for something else).
 */
export function kneeMarkers(
  series: LandmarkSeries,
  side: 'left' | 'right',
  flexDeg: number,
  stretch: (i: number) => number = () => 1,
  shankPx = 120,
): MarkerTrack[] {
  const n = series.frames.length;
  // A frame without a pose: the markers lost there too.
  const at = (i: number, k: number): [number, number] | null => {
    const p = series.frames[i]?.image?.[k];
    return p ? [p[0], p[1]] : null;
  };
  const hipK = side === 'left' ? Landmark.leftHip : Landmark.rightHip;
  const kneeK = side === 'left' ? Landmark.leftKnee : Landmark.rightKnee;
  const ankle = (i: number): [number, number] | null => {
    const hip = at(i, hipK);
    const knee = at(i, kneeK);
    if (!hip || !knee) return null;
    const a = Math.atan2(knee[1] - hip[1], knee[0] - hip[0]) + (flexDeg * Math.PI) / 180;
    const L = shankPx * stretch(i);
    return [knee[0] + L * Math.cos(a), knee[1] + L * Math.sin(a)];
  };
  return [
    trackFrom(`${side}GreaterTrochanter`, n, (i) => at(i, hipK)),
    trackFrom(`${side}LateralKnee`, n, (i) => at(i, kneeK)),
    trackFrom(`${side}LateralMalleolus`, n, ankle),
  ];
}

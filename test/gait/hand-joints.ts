/**
 * Joints placed by hand on the sample clip's near leg (test/fixtures/hand-joints: who placed them,
 * how, the conventions and how far two placements differ), scored against the pose model's raw
 * points and the analysed series, per event frame, for tibia inclination and knee flexion. Shared by
 * the hand-joints test and the accuracy benchmark, so both measure the same thing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flexionDeg } from '../../src-shared/gait/angles';
import { rawNearKneeFlexion, rawNearTibia } from '../../src-shared/gait/testing/labels';
import type { GaitAnalysis } from '../../src-shared/gait/schema';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';

type Pt = readonly [number, number];
export type HandEvent = 'initial-contact' | 'midstance' | 'toe-off';
interface HandFrame {
  readonly event: HandEvent;
  readonly hip?: Pt;
  readonly knee?: Pt;
  readonly ankle?: Pt;
  readonly placements: {
    readonly hip?: readonly [Pt, Pt];
    readonly knee?: readonly [Pt, Pt];
    readonly ankle?: readonly [Pt, Pt];
  };
}
export const HAND = JSON.parse(
  readFileSync(
    join(
      import.meta.dirname,
      '..',
      'fixtures',
      'hand-joints',
      'treadmill_side_zzzhushi_male_side.near-leg.json',
    ),
    'utf8',
  ),
) as { video: string; frames: Record<string, HandFrame> };

export type HandAngle = 'tibia-inclination' | 'knee-flexion';

export interface HandRow {
  readonly frame: number;
  readonly event: HandEvent;
  readonly angle: HandAngle;
  /** From the stored points (the mean of the two placements). */
  readonly hand: number;
  /** Half the difference of the two placements' angles: the SD of their mean, for two draws. */
  readonly spread: number;
  /** The same angle from the pose model's near-leg points, and from the analysed series. */
  readonly raw: number;
  readonly analysed: number;
}

/**
 * One row per hand-placed frame and angle whose joints were all placed. Frames are the sample
 * clip's at 30 fps: the series must be that clip's (any model), not a derived variant.
 */
export function handRows(series: LandmarkSeries, result: GaitAnalysis): HandRow[] {
  const near = result.orientation.nearSide ?? 'left';
  const dir = result.orientation.facing === 'image-left' ? -1 : 1;
  // Tibia inclination as the engine defines it (tables/angles.ts): + = ankle ahead of the knee.
  const tibia = (p: { knee?: Pt; ankle?: Pt }): number =>
    p.knee && p.ankle
      ? (Math.atan2(dir * (p.ankle[0] - p.knee[0]), p.ankle[1] - p.knee[1]) * 180) / Math.PI
      : NaN;
  const flexion = (p: { hip?: Pt; knee?: Pt; ankle?: Pt }): number =>
    p.hip && p.knee && p.ankle ? flexionDeg(p.hip, p.knee, p.ankle) : NaN;
  const angles = [
    { angle: 'tibia-inclination', of: tibia, raw: rawNearTibia(series, result) },
    { angle: 'knee-flexion', of: flexion, raw: rawNearKneeFlexion(series, result) },
  ] as const;
  const rows: HandRow[] = [];
  for (const [f, h] of Object.entries(HAND.frames)) {
    const frame = Number(f);
    const pl = (k: 0 | 1): { hip?: Pt; knee?: Pt; ankle?: Pt } => ({
      hip: h.placements.hip?.[k],
      knee: h.placements.knee?.[k],
      ankle: h.placements.ankle?.[k],
    });
    for (const a of angles) {
      const hand = a.of(h);
      if (!Number.isFinite(hand)) continue;
      const analysed = result.angles.find((s) => s.id === a.angle && s.side === near)?.values[frame];
      rows.push({
        frame,
        event: h.event,
        angle: a.angle,
        hand,
        spread: Math.abs(a.of(pl(0)) - a.of(pl(1))) / 2,
        raw: a.raw[frame] as number,
        analysed: analysed ?? NaN,
      });
    }
  }
  return rows;
}

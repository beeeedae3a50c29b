/**
 * The gait engine on a real clip: treadmill_side_zzzhushi_male_side.mp4 (one man running on a
 * treadmill, true side view, facing image-left, 30 fps, 12 s), through the pose engine (landmarks
 * committed as a fixture, MediaPipe full model). Independent ground truth: a cadence of
 * 168.9 ± 0.5 steps/min measured from raw pixels by the clip's authors (shared/media/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGait, GaitAnalysisSchema, type GaitAnalysis } from '../../src-shared/gait';
import { LandmarkSeriesSchema } from '../../src-shared/pose/landmarks';

const FILE = join(import.meta.dirname, '..', 'fixtures', 'landmarks', 'treadmill_side_male.full.json');
const series = LandmarkSeriesSchema.parse(JSON.parse(readFileSync(FILE, 'utf8')));
const result: GaitAnalysis = analyzeGait({ series, view: 'side', calibration: { heightCm: 178 } });
const v = (id: string): GaitAnalysis['variables'][number] => {
  const x = result.variables.find((y) => y.id === id);
  if (!x) throw new Error(`no variable ${id}`);
  return x;
};

describe('real treadmill clip, side view', () => {
  it('is a valid result for a runner facing image-left, left leg nearer the camera', () => {
    expect(GaitAnalysisSchema.safeParse(result).success).toBe(true);
    expect(result.gait).toBe('running');
    expect(result.orientation.facing).toBe('image-left');
    expect(result.orientation.nearSide).toBe('left');
    // Documented as a true side view: no oblique-camera flag.
    expect(result.flags.map((f) => f.code)).not.toContain('camera-not-perpendicular');
  });

  it('finds the cadence of the clip\u2019s independent ground truth (168.9 ± 0.5 steps/min)', () => {
    expect(result.cadence.n).toBeGreaterThanOrEqual(14);
    expect(Math.abs((result.cadence.value as number) - 168.9)).toBeLessThan(2);
  });

  it('has consistent step intervals: enough steps, near-foot strides within 15% of their median', () => {
    const stride = v('stride-time');
    expect(stride.left.n).toBeGreaterThanOrEqual(7);
    const near = stride.left.values.filter((s) => s.clean).map((s) => s.value);
    const sorted = [...near].sort((a, b) => a - b);
    const med = sorted[sorted.length >> 1] as number;
    for (const s of near) expect(Math.abs(s - med) / med).toBeLessThan(0.15);
    // Left-to-right and right-to-left steps add up to the stride.
    const step = v('step-time');
    expect((step.left.mean as number) + (step.right.mean as number)).toBeCloseTo(
      stride.left.mean as number,
      1,
    );
  });

  it('gives values in physiological ranges for running', () => {
    const ranges: [string, number, number][] = [
      ['knee-flexion-ic', 0, 40],
      ['peak-knee-flexion-stance', 15, 65],
      ['hip-extension-to', -5, 30],
      ['trunk-lean-ms', 0, 20],
      ['tibia-inclination-ic', -10, 25],
      ['foot-inclination-ic', -25, 35],
      ['late-swing-hip-flexion', 10, 50],
      ['contact-time', 0.15, 0.4],
      ['flight-time', 0, 0.2],
      ['duty-factor', 0.2, 0.5],
      ['vertical-oscillation', 3, 16],
    ];
    for (const [id, lo, hi] of ranges) {
      const x = v(id);
      for (const s of [x.left, x.right]) {
        expect(s.mean, `${id} ${s.side}`).not.toBeNull();
        expect(s.mean as number, `${id} ${s.side}`).toBeGreaterThanOrEqual(lo);
        expect(s.mean as number, `${id} ${s.side}`).toBeLessThanOrEqual(hi);
      }
    }
  });

  it('is direction-proof: the mirrored clip gives the same values (with the near leg now called right)', () => {
    // A mirror image (in the image plane: depth unchanged, the near leg stays near) shows a runner
    // facing image-right whose near leg is, by the camera's geometry, the right one: sides swap and
    // no sagittal value changes sign.
    const mirrored = {
      ...series,
      frames: series.frames.map((f) => ({
        ...f,
        ...(f.image
          ? {
              image: f.image.map(
                ([x, y, z, v, p]) => [series.source.width - x, y, z, v, p] as (typeof f.image)[number],
              ),
            }
          : {}),
      })),
    };
    const m = analyzeGait({ series: mirrored, view: 'side', calibration: { heightCm: 178 } });
    expect(m.orientation.facing).toBe('image-right');
    expect(m.cadence.value as number).toBeCloseTo(result.cadence.value as number, 6);
    for (const x of result.variables) {
      const y = m.variables.find((z) => z.id === x.id);
      if (x.left.mean !== null) expect(y?.right.mean, x.id).toBeCloseTo(x.left.mean, 6);
      if (x.right.mean !== null) expect(y?.left.mean, x.id).toBeCloseTo(x.right.mean, 6);
    }
  });

  it('flags 30 fps as too coarse for contact times', () => {
    expect(result.flags.map((f) => f.code)).toContain('frame-rate-too-low');
  });
});

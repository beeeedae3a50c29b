import { describe, expect, it } from 'vitest';
import { degrees, imagePoint as P } from '../units';
import { angleArc, clinicalAngle, interiorAngle, lineAngle, midpoint } from './geometry';
import { calibrationFor, cmPerPixel, measure, type Measurement } from './measure';

describe('angles at a joint', () => {
  it('measures the interior angle for known configurations', () => {
    expect(interiorAngle(P(0, -10), P(0, 0), P(10, 0))).toBeCloseTo(90, 9);
    expect(interiorAngle(P(0, -10), P(0, 0), P(0, 10))).toBeCloseTo(180, 9);
    expect(interiorAngle(P(10, 0), P(0, 0), P(10, 10))).toBeCloseTo(45, 9);
    expect(interiorAngle(P(0, 0), P(0, 0), P(1, 1))).toBeUndefined();
  });
  it('knee flexion is 180° minus the hip-knee-ankle angle', () => {
    // Thigh straight down, shank bent back 30° from it.
    const hip = P(0, 0);
    const knee = P(0, 100);
    const ankle = P(-100 * Math.sin(Math.PI / 6), 100 + 100 * Math.cos(Math.PI / 6));
    expect(clinicalAngle(interiorAngle(hip, knee, ankle)!, 'flexion')).toBeCloseTo(30, 9);
  });
  it('draws the arc over the smaller side, with the label on the bisector', () => {
    const arc = angleArc(P(0, -100), P(0, 0), P(100, 0))!;
    // From "up" (−90° on screen) clockwise 90° to "right" (0°).
    expect(arc.rotation).toBeCloseTo(-90, 9);
    expect(arc.sweep).toBeCloseTo(90, 9);
    expect(arc.labelAt.x).toBeGreaterThan(0);
    expect(arc.labelAt.y).toBeLessThan(0);
    const flipped = angleArc(P(100, 0), P(0, 0), P(0, -100))!;
    expect(flipped.rotation).toBeCloseTo(-90, 9);
    expect(flipped.sweep).toBeCloseTo(90, 9);
  });
});

describe('reference lines', () => {
  it('measures against the vertical and horizontal with stable signs', () => {
    // Trunk leaning forward (to the right) by 10°.
    const hip = P(0, 0);
    const shoulder = P(100 * Math.sin(Math.PI / 18), -100 * Math.cos(Math.PI / 18));
    expect(lineAngle(hip, shoulder, 'vertical')).toBeCloseTo(10, 9);
    // The same line given top-down reads the same.
    expect(lineAngle(shoulder, hip, 'vertical')).toBeCloseTo(10, 9);
    // Pelvis: right hip 5° higher than the left.
    const l = P(0, 0);
    const r = P(100 * Math.cos(Math.PI / 36), -100 * Math.sin(Math.PI / 36));
    expect(lineAngle(l, r, 'horizontal')).toBeCloseTo(5, 9);
    expect(lineAngle(r, l, 'horizontal')).toBeCloseTo(5, 9);
    expect(lineAngle(l, l, 'horizontal')).toBeUndefined();
    expect(midpoint([P(0, 0), P(10, 20)])).toEqual({ x: 5, y: 10 });
  });
});

describe('manual tools', () => {
  const base = { createdAt: '', sessionId: 's', recordingId: 'r', frame: 0, id: 'x' };
  it('reads distances in cm once calibrated, in px before', () => {
    const cal: Measurement = {
      ...base,
      tool: 'calibration',
      points: [
        [0, 0],
        [200, 0],
      ],
      lengthCm: 50,
      updatedAt: '2026-01-02',
    };
    expect(cmPerPixel(cal)).toBeCloseTo(0.25, 12);
    const d = {
      tool: 'distance' as const,
      points: [
        [0, 0],
        [30, 40],
      ] as [number, number][],
    };
    expect(measure(d)).toMatchObject({ value: 50, unit: 'px' });
    expect(measure(d, calibrationFor([cal], 'r'))).toMatchObject({
      value: 12.5,
      unit: 'cm',
      label: '12.5 cm',
    });
    expect(calibrationFor([cal], 'other')).toBeUndefined();
  });
  it('measures three-point angles and lines, shows notes', () => {
    expect(
      measure({
        tool: 'angle',
        points: [
          [0, -1],
          [0, 0],
          [1, 0],
        ],
      }).value,
    ).toBeCloseTo(90, 9);
    expect(
      measure({
        tool: 'line-horizontal',
        points: [
          [0, 0],
          [1, -1],
        ],
      }).value,
    ).toBeCloseTo(45, 9);
    expect(measure({ tool: 'note', points: [[0, 0]], text: 'overstride' }).label).toBe('overstride');
  });
  it('gives a three-point angle as flexion, the overlay’s convention, and says the angle between', () => {
    // Hip above, knee, ankle forward: 150° between thigh and shank is 30° of knee flexion.
    const knee = [0, 0] as const;
    const hip = [0, -100] as const;
    const rad = (150 * Math.PI) / 180;
    const ankle = [100 * Math.sin(rad), -100 * Math.cos(rad)] as const;
    const m = measure({ tool: 'angle', points: [hip, knee, ankle] });
    expect(m.value).toBeCloseTo(30, 9);
    expect(m.label).toBe('30.0° flexion (150.0° between the lines)');
    expect(clinicalAngle(degrees(150), 'flexion')).toBe(30);
  });
});

/**
 * Manual measurement tools, like Kinovea's: a three-point angle (given as flexion, 180° minus the
 * angle between the segments, as the overlay gives knee and hip angles), a line against the vertical or the
 * horizontal, a distance (in cm once the clip is calibrated with a line of known length), a text
 * note, and the calibration line itself. Only the points are stored; the value is computed here, so
 * a moved point or a new calibration updates every measurement.
 */
import { imagePoint, type ImagePoint } from '../units';
import { clinicalAngle, distance, interiorAngle, lineAngle } from './geometry';

export const MEASUREMENT_TOOLS = [
  'angle',
  'line-vertical',
  'line-horizontal',
  'distance',
  'note',
  'calibration',
] as const;
export type MeasurementTool = (typeof MEASUREMENT_TOOLS)[number];

/** Points each tool takes: angle a–vertex–b; lines and distances two ends; a note its anchor. */
export const TOOL_POINTS: Readonly<Record<MeasurementTool, number>> = {
  angle: 3,
  'line-vertical': 2,
  'line-horizontal': 2,
  distance: 2,
  note: 1,
  calibration: 2,
};

export const TOOL_LABELS: Readonly<Record<MeasurementTool, string>> = {
  angle: 'Angle as flexion (3 points: end, joint, end)',
  'line-vertical': 'Line vs vertical',
  'line-horizontal': 'Line vs horizontal',
  distance: 'Distance',
  note: 'Note',
  calibration: 'Calibrate (known length)',
};

export interface Measurement {
  readonly id: string;
  readonly sessionId: string;
  readonly recordingId: string;
  readonly frame: number;
  readonly tool: MeasurementTool;
  readonly points: readonly (readonly [number, number])[];
  readonly text?: string;
  readonly lengthCm?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MeasuredValue {
  readonly value?: number;
  readonly unit: '°' | 'cm' | 'px' | '';
  /** What the overlay prints beside the tool. */
  readonly label: string;
}

/** Centimetres per pixel from a calibration line (undefined when it has no length). */
export function cmPerPixel(calibration: Pick<Measurement, 'points' | 'lengthCm'>): number | undefined {
  const [a, b] = calibration.points;
  if (!a || !b || !calibration.lengthCm) return undefined;
  const px = distance(imagePoint(a[0], a[1]), imagePoint(b[0], b[1]));
  return px > 0 ? calibration.lengthCm / px : undefined;
}

const pt = (p: readonly [number, number] | undefined): ImagePoint | undefined =>
  p ? imagePoint(p[0], p[1]) : undefined;

/**
 * The value of a measurement. Distances are in cm when `cmPerPx` is known (same clip, same
 * camera placement), else in pixels with a label saying so.
 */
export function measure(
  m: Pick<Measurement, 'tool' | 'points' | 'text' | 'lengthCm'>,
  cmPerPx?: number,
): MeasuredValue {
  const [p0, p1, p2] = m.points.map(pt);
  switch (m.tool) {
    case 'angle': {
      // The overlay's convention (knee and hip flexion: 0° = straight), not the angle between the
      // two segments, which reads the other way round; both are said so neither is mistaken.
      const between = p0 && p1 && p2 ? interiorAngle(p0, p1, p2) : undefined;
      if (between === undefined) return { unit: '°', label: '—' };
      const flexion = clinicalAngle(between, 'flexion');
      return {
        value: flexion,
        unit: '°',
        label: `${flexion.toFixed(1)}° flexion (${between.toFixed(1)}° between the lines)`,
      };
    }
    case 'line-vertical':
    case 'line-horizontal': {
      const v =
        p0 && p1 ? lineAngle(p0, p1, m.tool === 'line-vertical' ? 'vertical' : 'horizontal') : undefined;
      const against = m.tool === 'line-vertical' ? 'vertical' : 'horizontal';
      return { value: v, unit: '°', label: v === undefined ? '—' : `${v.toFixed(1)}° from ${against}` };
    }
    case 'distance': {
      if (!p0 || !p1) return { unit: 'px', label: '—' };
      const px = distance(p0, p1);
      if (cmPerPx) return { value: px * cmPerPx, unit: 'cm', label: `${(px * cmPerPx).toFixed(1)} cm` };
      return { value: px, unit: 'px', label: `${Math.round(px)} px (not calibrated)` };
    }
    case 'calibration':
      return {
        value: m.lengthCm,
        unit: 'cm',
        label: m.lengthCm ? `${m.lengthCm} cm (calibration)` : 'calibration',
      };
    case 'note':
      return { unit: '', label: m.text ?? '' };
  }
}

/** The calibration that applies to a recording: its most recent calibration line. */
export function calibrationFor(
  measurements: readonly Measurement[],
  recordingId: string,
): number | undefined {
  const cal = measurements
    .filter((m) => m.recordingId === recordingId && m.tool === 'calibration')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return cal ? cmPerPixel(cal) : undefined;
}

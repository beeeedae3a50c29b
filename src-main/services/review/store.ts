import { randomUUID } from 'node:crypto';
import type { KeyFrameInput, MeasurementInput } from '../../../src-shared/contract/review';
import type { Correction } from '../../../src-shared/review/corrections';
import type { KeyFrameMark } from '../../../src-shared/review/key-frames';
import { TOOL_POINTS, type Measurement } from '../../../src-shared/review/measure';
import type { LandmarkName } from '../../../src-shared/pose/landmarks';
import type { DataLayer } from '../../data';
import type { Owner } from '../../data/review';
import { ServiceError } from '../errors';

/** The review's edits: corrections, measurements and key frames (tables in src-main/data/review.ts). */

export function listCorrections(data: DataLayer, recordingId: string): Promise<Correction[]> {
  return data.review.corrections(recordingId);
}

export function upsertCorrection(
  data: DataLayer,
  c: { recordingId: string; frame: number; landmark: LandmarkName; x: number; y: number },
  now = new Date(),
): Promise<Correction> {
  return data.review.putCorrection(
    { recordingId: c.recordingId, frame: c.frame, landmark: c.landmark, x: c.x, y: c.y },
    now.toISOString(),
  );
}

export function deleteCorrection(
  data: DataLayer,
  recordingId: string,
  frame: number,
  landmark: string,
): Promise<boolean> {
  return data.review.deleteCorrection(recordingId, frame, landmark);
}

export function listMeasurements(data: DataLayer, sessionId: string): Promise<Measurement[]> {
  return data.review.measurements(sessionId);
}

/** Each tool takes its own number of points; a note needs words, a calibration a length. */
export function checkMeasurement(m: MeasurementInput): void {
  const want = TOOL_POINTS[m.tool];
  if (m.points.length !== want) {
    throw new ServiceError(
      'invalid-input',
      `points: the ${m.tool} tool takes ${want} point${want > 1 ? 's' : ''}; got ${m.points.length}.`,
      'points',
    );
  }
  if (m.tool === 'note' && !m.text)
    throw new ServiceError('invalid-input', 'text: a note needs some words.', 'text');
  if (m.tool === 'calibration' && !m.lengthCm) {
    throw new ServiceError(
      'invalid-input',
      'lengthCm: a calibration line needs its real length in cm.',
      'lengthCm',
    );
  }
}

export async function saveMeasurement(
  data: DataLayer,
  m: MeasurementInput,
  now = new Date(),
): Promise<Measurement> {
  const ts = now.toISOString();
  const existing = m.id ? await data.review.measurement(m.id) : undefined;
  if (existing && existing.sessionId !== m.sessionId) {
    throw new ServiceError('conflict', `Measurement ${m.id} belongs to another session.`, 'id');
  }
  const saved: Measurement = {
    id: m.id ?? randomUUID(),
    sessionId: m.sessionId,
    recordingId: m.recordingId,
    frame: m.frame,
    tool: m.tool,
    points: m.points,
    ...(m.text ? { text: m.text } : {}),
    ...(m.lengthCm !== undefined ? { lengthCm: m.lengthCm } : {}),
    createdAt: existing?.createdAt ?? ts,
    updatedAt: ts,
  };
  await data.review.putMeasurement(saved);
  return saved;
}

export async function measurementOwner(data: DataLayer, id: string): Promise<Owner | undefined> {
  const m = await data.review.measurement(id);
  return m && { sessionId: m.sessionId, recordingId: m.recordingId };
}

export function deleteMeasurement(data: DataLayer, id: string): Promise<boolean> {
  return data.review.deleteMeasurement(id);
}

export function listKeyFrames(data: DataLayer, sessionId: string): Promise<KeyFrameMark[]> {
  return data.review.keyFrames(sessionId);
}

/** Create, update (by id) or, when the frame already has a key frame, replace its label and overlays. */
export async function saveKeyFrame(
  data: DataLayer,
  k: KeyFrameInput,
  t: number,
  now = new Date(),
): Promise<KeyFrameMark> {
  const ts = now.toISOString();
  const existing = k.id
    ? await data.review.keyFrame(k.id)
    : await data.review.keyFrameAt(k.recordingId, k.frame);
  if (existing && existing.sessionId !== k.sessionId) {
    throw new ServiceError('conflict', `Key frame ${existing.id} belongs to another session.`, 'id');
  }
  const mark: KeyFrameMark = {
    id: existing?.id ?? k.id ?? randomUUID(),
    sessionId: k.sessionId,
    recordingId: k.recordingId,
    frame: k.frame,
    t,
    label: k.label,
    ...(k.event ? { event: k.event } : {}),
    ...(k.side ? { side: k.side } : {}),
    overlays: k.overlays,
    createdAt: existing?.createdAt ?? ts,
    updatedAt: ts,
  };
  const clash = await data.review.keyFrameAt(k.recordingId, k.frame);
  if (clash && clash.id !== mark.id)
    throw new ServiceError(
      'conflict',
      `frame: frame ${k.frame} of this clip is already a key frame.`,
      'frame',
    );
  await data.review.putKeyFrame(mark);
  return mark;
}

export async function keyFrameOwner(data: DataLayer, id: string): Promise<Owner | undefined> {
  const k = await data.review.keyFrame(id);
  return k && { sessionId: k.sessionId, recordingId: k.recordingId };
}

export function deleteKeyFrame(data: DataLayer, id: string): Promise<boolean> {
  return data.review.deleteKeyFrame(id);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTimestamps } from '../../../src-shared/media/timestamps';
import { ServiceError } from '../errors';
import type { DataLayer } from '../../data';
import type { Library } from '../library/db';

/** What the review needs to know of a recording to check an edit: its session, size and frames. */
export interface RecordingFacts {
  readonly id: string;
  readonly sessionId: string;
  readonly frameCount: number;
  readonly width: number;
  readonly height: number;
  readonly timestampsPath: string;
}

export async function recordingFacts(
  data: DataLayer,
  id: string,
  field = 'recordingId',
): Promise<RecordingFacts> {
  const rec = await data.recordings.get(id);
  if (!rec || rec.deletedAt) throw new ServiceError('not-found', `No recording with id ${id}.`, field);
  return {
    id: rec.id,
    sessionId: rec.sessionId,
    frameCount: rec.frameCount,
    width: rec.probe.displayWidth ?? 0,
    height: rec.probe.displayHeight ?? 0,
    timestampsPath: rec.paths.timestamps,
  };
}

/** Refuse a frame the clip does not have, naming the clip's range. */
export function checkFrame(rec: RecordingFacts, frame: number, field = 'frame'): void {
  if (frame >= rec.frameCount) {
    throw new ServiceError(
      'invalid-input',
      `frame: the clip has frames 0 to ${rec.frameCount - 1}; got ${frame}.`,
      field,
    );
  }
}

/**
 * Refuse a point outside the picture. A margin of half the picture is allowed: a landmark can be
 * placed just outside the frame (a foot leaving the image), as the pose model itself does.
 */
export function checkPoint(rec: RecordingFacts, x: number, y: number, field: string): void {
  if (rec.width <= 0 || rec.height <= 0) return;
  const mx = rec.width / 2;
  const my = rec.height / 2;
  if (x < -mx || x > rec.width + mx || y < -my || y > rec.height + my) {
    throw new ServiceError(
      'invalid-input',
      `${field}: the point (${Math.round(x)}, ${Math.round(y)}) is far outside the ${rec.width}×${rec.height} picture.`,
      field,
    );
  }
}

export function checkSession(rec: RecordingFacts, sessionId: string): void {
  if (rec.sessionId !== sessionId) {
    throw new ServiceError(
      'invalid-input',
      `recordingId: recording ${rec.id} belongs to another session.`,
      'recordingId',
    );
  }
}

/** True time of a frame, from the recording's timestamp table (seconds since its first frame). */
export function frameTime(library: Library, rec: RecordingFacts, frame: number): number {
  try {
    const times = decodeTimestamps(readFileSync(join(library.paths.mediaDir, rec.timestampsPath)));
    const t = times[frame];
    if (t !== undefined) return t;
  } catch (err) {
    throw new ServiceError(
      'io',
      `The timestamp table of recording ${rec.id} cannot be read: ${(err as Error).message}`,
    );
  }
  throw new ServiceError('invalid-input', `frame: the timestamp table has no frame ${frame}.`, 'frame');
}

export async function checkSessionExists(data: DataLayer, id: string): Promise<void> {
  const session = await data.sessions.get(id);
  if (!session || session.deletedAt) {
    throw new ServiceError('not-found', `No session with id ${id}.`, 'sessionId');
  }
}

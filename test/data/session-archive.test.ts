import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForeignRowError } from '../../src-main/data/session-archive';
import { insertTake } from '../../src-main/services/capture/takes-db';
import { saveSeed, saveTracks } from '../../src-main/services/markers/store';
import { openTestLibrary, type TestLibrary } from '../helpers/test-library';
import { AT, seedRecording, seedSession } from './rows';

/**
 * One session's rows across tables (session archives), on SQLite and (the `postgres` project) on
 * PostgreSQL: read from one library, written into another, read back the same.
 */
let from: TestLibrary;
let to: TestLibrary;
beforeEach(async () => {
  from = await openTestLibrary();
  to = await openTestLibrary();
});
afterEach(async () => {
  await from.close();
  await to.close();
});

const camera = {
  view: 'side' as const,
  deviceLabel: 'cam',
  width: 640,
  height: 480,
  fps: 50,
  mimeType: 'video/webm',
};

async function sessionWithEverything(): Promise<void> {
  const { data } = from;
  await seedSession(data, 's1');
  await seedSession(data, 's2'); // another session of the same patient: stays out
  await seedRecording(data, 'r1', 's1');
  await seedRecording(data, 'r2', 's1', { view: 'rear' });
  await seedRecording(data, 'r3', 's2');
  // Capture: a take (by session) and its clip (by recording), a key the writer must order.
  await insertTake(data, {
    id: 'take-0001',
    sessionId: 's1',
    condition: { label: 'flat' },
    startedAt: AT,
    cameras: [camera],
  });
  await data.capture.updateClip('take-0001', 'side', { recordingId: 'r1', startOffsetMs: 4 });
  // A blob column, and rows of the other session and of a clip in the trash.
  await saveSeed(data, 'r1', {
    frame: 0,
    detection: { mode: 'brightness' },
    markers: [{ name: 'leftPsis', x: 1, y: 2 }],
  });
  const points = [{ x: 1.5, y: 2.5, confidence: 1, state: 'detected' as const }];
  await saveTracks(data, 'r1', 'abc', [{ name: 'leftPsis', points: points as never }]);
  await data.review.putCorrection({ recordingId: 'r3', frame: 1, landmark: 'nose', x: 0, y: 0 }, AT);
  await data.review.putCorrection({ recordingId: 'r2', frame: 1, landmark: 'nose', x: 0.5, y: 0.25 }, AT);
  await data.recordings.setDeleted('r2', '2026-02-01T00:00:00.000Z');
}

describe('session archive rows', () => {
  it('reads what belongs to the session and writes it into another library as it was', async () => {
    await sessionWithEverything();
    const rows = (await from.data.sessionArchive.read('s1'))!;
    expect(rows.session).toMatchObject({ id: 's1', patient_id: 'p1' });
    expect(rows.recordings.map((r) => r.id)).toEqual(['r1']);
    expect(Object.keys(rows.related).sort()).toEqual([
      'capture_clips',
      'capture_takes',
      'marker_seeds',
      'marker_tracks',
    ]);
    expect(Buffer.isBuffer(rows.related.marker_tracks![0]!.points)).toBe(true);
    expect(await from.data.sessionArchive.read('nope')).toBeUndefined();

    await to.data.transaction((tx) => tx.sessionArchive.write(rows));
    expect(await to.data.sessionArchive.read('s1')).toEqual(rows);
    expect((await to.data.capture.take('take-0001'))?.clips[0]).toMatchObject({
      recordingId: 'r1',
      startOffsetMs: 4,
    });
    expect((await to.data.markers.tracks('r1'))?.tracks[0]?.points[0]).toMatchObject({ x: 1.5, y: 2.5 });

    // A second session of a patient the library has: the patient is kept as it is.
    const other = (await from.data.sessionArchive.read('s2'))!;
    await to.data.transaction((tx) =>
      tx.sessionArchive.write({ ...other, patient: { ...other.patient, name: 'Renamed' } }),
    );
    expect((await to.data.patients.get('p1'))?.name).toBe('Ana Lopez');
    expect((await to.data.review.corrections('r3')).length).toBe(1);
  });

  it('refuses a row of another session, writing nothing', async () => {
    await sessionWithEverything();
    const rows = (await from.data.sessionArchive.read('s1'))!;
    const related = {
      ...rows.related,
      landmark_corrections: [{ recording_id: 'r3', frame: 1, landmark: 'nose', x: 0, y: 0, updated_at: AT }],
    };
    await expect(
      to.data.transaction((tx) => tx.sessionArchive.write({ ...rows, related })),
    ).rejects.toBeInstanceOf(ForeignRowError);
    expect(await to.data.patients.get('p1')).toBeUndefined();
    expect(await to.data.sessions.get('s1')).toBeUndefined();
  });
});

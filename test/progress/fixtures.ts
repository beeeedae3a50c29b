/**
 * A returning patient in a real library folder: three sessions, each a side and a rear clip of a
 * synthetic runner with known changes (left pelvic drop 8° → 6° → 2°, cadence 160 → 165 → 170
 * steps/min; the last visit at 12 km/h instead of 11), landmarks in the pose store as the pose engine
 * leaves them, each rear clip aligned with its side clip (so its events come from the side clip, as
 * for a real pair). Used by the service and CLI tests.
 */
import { generateRunner } from '../../src-shared/gait/synthetic';
import type { Services } from '../../src-main/services';
import { sqliteRunner, type SqlRunner } from '../helpers/sql-both';
import { addRecording, storePose } from '../sync/helpers';

export const VISITS = [
  { date: '2026-01-10', pelvicDropDeg: 8, cadence: 160, speedKmh: 11 },
  { date: '2026-02-01', pelvicDropDeg: 6, cadence: 165, speedKmh: 11 },
  { date: '2026-03-01', pelvicDropDeg: 2, cadence: 170, speedKmh: 12 },
] as const;

export async function call<T>(services: Services, channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

/** Creates the patient and the three sessions; returns the patient's and the sessions' ids (oldest first). */
export async function returningPatient(
  services: Services,
  /** The library's rows: pass TestServices' `sql` on a server (test/helpers/test-services.ts). */
  sql: SqlRunner = sqliteRunner(services.library.db),
): Promise<{ patientId: string; sessionIds: string[] }> {
  const patient = await call<{ id: string }>(services, 'patients:create', {
    name: 'Ana Lopez',
    sex: 'female',
    heightCm: 175,
  });
  const sessionIds: string[] = [];
  for (const [i, v] of VISITS.entries()) {
    const session = await call<{ id: string }>(services, 'sessions:create', {
      patientId: patient.id,
      date: v.date,
      injurySide: 'left',
      treadmillSpeedsKmh: [v.speedKmh],
    });
    sessionIds.push(session.id);
    const o = {
      durationS: 8,
      cadence: v.cadence,
      left: { pelvicDropDeg: v.pelvicDropDeg },
      noisePx: 1.5,
      seed: 7,
    };
    const side = generateRunner({ view: 'side', ...o });
    const rear = generateRunner({ view: 'rear', ...o });
    const ids = { side: `side${i}`, rear: `rear${i}` };
    await addRecording(sql, {
      id: ids.side,
      sessionId: session.id,
      view: 'side',
      name: `side-${v.date}.mp4`,
      fps: 60,
      frames: side.series.frames.length,
    });
    await addRecording(sql, {
      id: ids.rear,
      sessionId: session.id,
      view: 'rear',
      name: `rear-${v.date}.mp4`,
      fps: 60,
      frames: rear.series.frames.length,
    });
    // A whole probe, as an import writes it (the session page shows the clip's rate, size and length).
    for (const [id, clip] of [
      [ids.side, side],
      [ids.rear, rear],
    ] as const) {
      const { width, height } = clip.series.source;
      const n = clip.series.frames.length;
      const probe = {
        container: 'mov,mp4,m4a,3gp,3g2,mj2',
        codec: 'h264',
        width,
        height,
        rotation: 0,
        displayWidth: width,
        displayHeight: height,
        proxyWidth: width,
        proxyHeight: height,
        nominalFps: 60,
        averageFps: 60,
        frameCount: n,
        durationS: n / 60,
        variableFrameRate: false,
        audio: null,
        proxyFps: 60,
      };
      await sql.run(`UPDATE recordings SET probe_json = ? WHERE id = ?`, [JSON.stringify(probe), id]);
    }
    storePose(services.library.paths.mediaDir, session.id, ids.side, side.series);
    storePose(services.library.paths.mediaDir, session.id, ids.rear, rear.series);
    await call(services, 'sync:set', {
      sessionId: session.id,
      recordingAId: ids.side,
      recordingBId: ids.rear,
      offsetFrames: 0,
    });
  }
  return { patientId: patient.id, sessionIds };
}

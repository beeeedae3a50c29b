import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POSE_FLOATS, POSE_WORLD_OFFSET } from '../../src-shared/pose/engine-protocol';
import { LandmarkSeriesSchema, type LandmarkSeries } from '../../src-shared/pose/landmarks';
import type { Services } from '../../src-main/services';
import { importRecording } from '../../src-main/services/media/import';
import { poseRecording } from '../../src-main/services/pose/recording';
import type { PoseCandidates } from '../../src-main/services/pose/series';
import { writePoseStore } from '../../src-main/services/pose/store';

/**
 * A library session holding the treadmill sample clip (really imported: copy, probe, proxy) and
 * its pose results: the committed landmarks of that very clip (test/fixtures/landmarks, found by
 * the full model), written into the pose store as the pose service would, so report tests do not
 * spend a minute on MediaPipe for results they already have.
 */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLE = join(ROOT, 'resources/samples/treadmill-side.mp4');

export function sampleSeries(): LandmarkSeries {
  return LandmarkSeriesSchema.parse(
    JSON.parse(readFileSync(join(ROOT, 'test/fixtures/landmarks/treadmill_side_male.full.json'), 'utf8')),
  );
}

/** The series back into the engine's raw layout (one pose per frame where there is one). */
export function candidatesOf(series: LandmarkSeries): PoseCandidates {
  return {
    source: series.source,
    model: series.model.name === 'external' ? 'full' : series.model.name,
    numPoses: 1,
    frames: series.frames.map((f) => {
      if (f.status !== 'pose' || !f.image || !f.world) return { t: f.t, poses: new Float32Array(0) };
      const poses = new Float32Array(POSE_FLOATS);
      f.image.forEach((p, i) => poses.set(p, i * 5));
      f.world.forEach((p, i) => poses.set(p, POSE_WORLD_OFFSET + i * 3));
      return { t: f.t, poses };
    }),
  };
}

export async function sessionWithSample(
  services: Services,
  /** `patientId`: a further session of that patient (none created); else a new patient named `patient`. */
  opts: { patient?: string; condition?: string; patientId?: string } = {},
): Promise<{ sessionId: string; patientId: string; recordingId: string }> {
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await services.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.result as T;
  };
  const patient = opts.patientId
    ? { id: opts.patientId }
    : await call<{ id: string }>('patients:create', {
        name: opts.patient ?? 'Erin Hamstring',
        clinicId: 'PT-0042',
        heightCm: 178,
      });
  const session = await call<{ id: string }>('sessions:create', {
    patientId: patient.id,
    date: '2026-11-20',
    clinician: 'Sam Lee, PT',
    complaint: 'right proximal hamstring pain',
    injurySide: 'right',
    treadmillSpeedsKmh: [11],
  });
  const rec = await importRecording(services.library, {
    sessionId: session.id,
    sourcePath: SAMPLE,
    view: 'side',
    condition: { label: opts.condition ?? 'Flat', speedKmh: 11, inclinePct: 0 },
  });
  writePoseStore((await poseRecording(services.library, rec.id)).dir, candidatesOf(sampleSeries()));
  return { sessionId: session.id, patientId: patient.id, recordingId: rec.id };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  landmarkProblems,
  LandmarkSeriesSchema,
  type LandmarkSeries,
} from '../../../src-shared/pose/landmarks';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { ServiceError } from '../errors';
import { readPoseStore, toSeries } from '../pose';
import type { DataLayer } from '../../data';
import type { StoredRecording } from '../../data/recordings';
import type { Library } from '../library/db';

/** What the sync needs of a recording. */
export interface SyncRecording {
  readonly id: string;
  readonly sessionId: string;
  readonly view: string;
  readonly conditionLabel: string;
  readonly name: string;
  /** The proxy's constant rate (landmarks are found on the proxy: frame i at i / fps). */
  readonly fps: number;
  readonly proxyPath: string;
}

function toSyncRecording(r: StoredRecording): SyncRecording {
  return {
    id: r.id,
    sessionId: r.sessionId,
    view: r.view,
    conditionLabel: r.condition.label,
    name: r.originalName,
    fps: r.probe.proxyFps || r.probe.nominalFps || 30,
    proxyPath: r.paths.proxy,
  };
}

/** The recording (not in the trash) as the sync sees it; `field` names the input in the refusal. */
export async function recordingForSync(data: DataLayer, id: string, field: string): Promise<SyncRecording> {
  const rec = await data.recordings.get(id);
  if (!rec || rec.deletedAt) throw new ServiceError('not-found', `No recording with id ${id}.`, field);
  return toSyncRecording(rec);
}

/** A session's recordings not in the trash, oldest first. */
export async function recordingsForSync(data: DataLayer, sessionId: string): Promise<SyncRecording[]> {
  return (await data.recordings.listForSessionByAge(sessionId)).map(toSyncRecording);
}

/**
 * Landmarks imported from another tool: `landmarks.json` (schema stridelab.landmarks/1) beside the
 * recording's proxy in the library's media folder.
 */
export const landmarksFile = (library: Library, rec: SyncRecording): string =>
  join(library.paths.mediaDir, dirname(rec.proxyPath), 'landmarks.json');

/** How the sync service gets a recording's landmarks (tests may supply their own). */
export type LandmarkSource = (library: Library, rec: SyncRecording) => LandmarkSeries;

/** Most accurate first: if the PT ran the heavy model, that is the one to trust. */
const MODELS: readonly PoseModelName[] = ['heavy', 'full', 'lite'];

/**
 * The recording's pose results as the review shows them (the pose service's store, with the person
 * the PT picked), else landmarks imported from another tool.
 */
export const landmarksFromLibrary: LandmarkSource = (library, rec) => {
  const dir = join(library.paths.mediaDir, dirname(rec.proxyPath));
  for (const model of MODELS) {
    const stored = readPoseStore(dir, model);
    if (stored) return toSeries(stored.candidates, stored.pick ?? undefined);
  }
  const file = landmarksFile(library, rec);
  if (existsSync(file)) return parseLandmarks(readFileSync(file, 'utf8'), rec.name);
  throw new ServiceError(
    'not-found',
    `"${rec.name}" has no pose landmarks yet: run pose detection on it before synchronising.`,
  );
};

/** Parse and check a landmark JSON, naming the file in any complaint. */
export function parseLandmarks(text: string, name: string): LandmarkSeries {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ServiceError('invalid-input', `The landmarks of "${name}" are not valid JSON.`);
  }
  const parsed = LandmarkSeriesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ServiceError(
      'invalid-input',
      `The landmarks of "${name}" do not follow stridelab.landmarks/1 (${landmarkProblems(parsed.error.issues)}).`,
    );
  }
  return parsed.data;
}

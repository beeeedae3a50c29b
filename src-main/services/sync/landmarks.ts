import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { LandmarkSeriesSchema, type LandmarkSeries } from '../../../src-shared/pose/landmarks';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { ServiceError } from '../errors';
import { readPoseStore, toSeries } from '../pose';
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

interface Row {
  id: string;
  session_id: string;
  view: string;
  condition_label: string;
  original_name: string;
  probe_json: string;
  proxy_path: string;
}

export function syncRecording(db: Database.Database, id: string, field: string): SyncRecording {
  const row = db
    .prepare(
      `SELECT id, session_id, view, condition_label, original_name, probe_json, proxy_path
       FROM recordings WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(id) as Row | undefined;
  if (!row) throw new ServiceError('not-found', `No recording with id ${id}.`, field);
  const probe = JSON.parse(row.probe_json) as { proxyFps?: number; nominalFps?: number };
  return {
    id: row.id,
    sessionId: row.session_id,
    view: row.view,
    conditionLabel: row.condition_label,
    name: row.original_name,
    fps: probe.proxyFps || probe.nominalFps || 30,
    proxyPath: row.proxy_path,
  };
}

export function sessionRecordings(db: Database.Database, sessionId: string): SyncRecording[] {
  const ids = db
    .prepare(`SELECT id FROM recordings WHERE session_id = ? AND deleted_at IS NULL ORDER BY created_at`)
    .all(sessionId) as { id: string }[];
  return ids.map(({ id }) => syncRecording(db, id, 'sessionId'));
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
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the file';
    throw new ServiceError(
      'invalid-input',
      `The landmarks of "${name}" do not follow stridelab.landmarks/1 (${where}: ${issue?.message ?? 'invalid'}).`,
    );
  }
  return parsed.data;
}

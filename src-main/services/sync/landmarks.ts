import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { LandmarkSeriesSchema, type LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { ServiceError } from '../errors';
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
 * Where a recording's landmark series is kept: `landmarks.json` (schema stridelab.landmarks/1) beside
 * its proxy in the library's media folder, where the pose service writes it.
 */
export const landmarksFile = (library: Library, rec: SyncRecording): string =>
  join(library.paths.mediaDir, dirname(rec.proxyPath), 'landmarks.json');

/** How the sync service gets a recording's landmarks (tests and the pose service may supply their own). */
export type LandmarkSource = (library: Library, rec: SyncRecording) => LandmarkSeries;

export const landmarksFromLibrary: LandmarkSource = (library, rec) => {
  const file = landmarksFile(library, rec);
  if (!existsSync(file))
    throw new ServiceError(
      'not-found',
      `"${rec.name}" has no pose landmarks yet: run pose detection on it before synchronising.`,
    );
  return parseLandmarks(readFileSync(file, 'utf8'), rec.name);
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

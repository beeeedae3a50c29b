import { openLibrary, type Library } from '../../src-main/services/library/db';
import { insertRecording } from '../sync/helpers';
import { tempDir } from './tmp';

/** The timestamp every row of a migration test carries. */
export const MIGRATION_TS = '2026-01-01T00:00:00.000Z';

export interface LibraryBefore {
  /** The library folder, to open again at the migration's version. */
  readonly path: string;
  /** The library at version N − 1, holding patient p1, session s1 and the recordings asked for. */
  readonly before: Library;
  cleanup(): void;
}

/**
 * House style 4 for a migration N: a library migrated to N − 1 with a patient ('p1'), a session
 * ('s1') and side-view recordings of 90 frames at 30 fps named `<id>.mp4`, ready for the rows the
 * migration must carry over. The test then closes `before` and opens `path` at N.
 */
export function libraryBefore(version: number, recordingIds: readonly string[]): LibraryBefore {
  const dir = tempDir(`stridelab-mig${version}-`);
  const before = openLibrary(dir.path, { migrateTo: version - 1 });
  before.db
    .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ana', ?, ?)`)
    .run(MIGRATION_TS, MIGRATION_TS);
  before.db
    .prepare(
      `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES ('s1', 'p1', '2026-01-01', ?, ?)`,
    )
    .run(MIGRATION_TS, MIGRATION_TS);
  for (const id of recordingIds)
    insertRecording(before.db, { id, sessionId: 's1', view: 'side', name: `${id}.mp4`, fps: 30, frames: 90 });
  return { path: dir.path, before, cleanup: () => dir.cleanup() };
}

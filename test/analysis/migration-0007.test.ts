import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0007-analysis-jobs';
import { libraryBefore, MIGRATION_TS } from '../helpers/migration-before';

/** House style 4: migrate to N−1, insert rows, migrate to N, check the rows and the new table. */
describe('migration 0007 (analysis_jobs)', () => {
  const dirs: { cleanup(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('keeps recordings, adds one job per recording and model, with its checks', () => {
    const lib = libraryBefore(migration.version, ['r1']);
    dirs.push(lib);
    const { before } = lib;
    const ts = MIGRATION_TS;
    expect(() => before.db.prepare(`SELECT * FROM analysis_jobs`).all()).toThrow(/no such table/);
    before.close();

    const after = openLibrary(lib.path, { migrateTo: migration.version });
    expect(after.schemaVersion).toBe(migration.version);
    expect(after.db.prepare(`SELECT id FROM recordings`).all()).toEqual([{ id: 'r1' }]);
    const insert = after.db.prepare(
      `INSERT INTO analysis_jobs (recording_id, model, state, error, queued_at, updated_at)
       VALUES (@r, @model, @state, @error, @ts, @ts)`,
    );
    insert.run({ r: 'r1', model: 'full', state: 'queued', error: null, ts });
    expect(after.db.prepare(`SELECT state, attempts, force FROM analysis_jobs`).get()).toEqual({
      state: 'queued',
      attempts: 0,
      force: 0,
    });
    // One job per recording and model; a model or state outside the lists; a failure without a reason.
    expect(() => insert.run({ r: 'r1', model: 'full', state: 'queued', error: null, ts })).toThrow(/UNIQUE/);
    expect(() => insert.run({ r: 'r1', model: 'huge', state: 'queued', error: null, ts })).toThrow(/CHECK/);
    expect(() => insert.run({ r: 'r1', model: 'lite', state: 'paused', error: null, ts })).toThrow(/CHECK/);
    expect(() => insert.run({ r: 'r1', model: 'lite', state: 'failed', error: null, ts })).toThrow(/CHECK/);
    expect(() => insert.run({ r: 'nope', model: 'lite', state: 'queued', error: null, ts })).toThrow(
      /FOREIGN KEY/,
    );
    // Jobs go with their recording.
    after.db.prepare(`DELETE FROM recordings WHERE id = 'r1'`).run();
    expect(after.db.prepare(`SELECT COUNT(*) AS n FROM analysis_jobs`).get()).toEqual({ n: 0 });
    after.close();
  });
});

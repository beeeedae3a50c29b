import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migration } from '../../src-main/services/library/migrations/0008-event-edits';
import { tempDir } from '../helpers/tmp';
import { insertPatientAndSession, insertRecording } from './fixtures/library-rows';

/**
 * Migration 0008 on a library file (SQLite; both backends' migrations side by side:
 * test/library/migrations-both.pg.test.ts). Moved out of event-edits.test.ts, which runs on both.
 */
describe('migration 0008 (event_edits)', () => {
  it('adds one list of edits per recording, JSON arrays only, gone with the recording', () => {
    const dir = tempDir('stridelab-mig8-');
    try {
      const before = openLibrary(dir.path, { migrateTo: migration.version - 1 });
      insertPatientAndSession(before.db);
      insertRecording(before.db, before.paths.mediaDir, 's1', {
        id: 'r1',
        view: 'side',
        condition: 'flat',
        times: [0, 1 / 30],
        width: 10,
        height: 10,
      });
      expect(() => before.db.prepare(`SELECT * FROM event_edits`).all()).toThrow(/no such table/);
      before.close();
      const after = openLibrary(dir.path, { migrateTo: migration.version });
      expect(after.db.prepare(`SELECT id FROM recordings`).all()).toEqual([{ id: 'r1' }]);
      const put = after.db.prepare(
        `INSERT INTO event_edits (recording_id, edits_json, updated_at) VALUES (?, ?, 't')`,
      );
      put.run('r1', '[]');
      expect(() => put.run('r1', '[]')).toThrow(/UNIQUE|PRIMARY/);
      after.db.prepare(`DELETE FROM event_edits`).run();
      expect(() => put.run('r1', '{"op":"add"}')).toThrow(/CHECK/);
      expect(() => put.run('r1', 'not json')).toThrow(/CHECK|malformed/);
      put.run('r1', '[]');
      after.db.prepare(`DELETE FROM recordings WHERE id = 'r1'`).run();
      expect(after.db.prepare(`SELECT COUNT(*) AS n FROM event_edits`).get()).toEqual({ n: 0 });
      after.close();
    } finally {
      dir.cleanup();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { migrations } from '../../src-main/services/library/migrations';
import { loadEdits, resetEdits, saveEdits } from '../../src-main/services/report/edits-store';
import { tempDir } from '../helpers/tmp';

/** House style 4: migrate to N−1, insert rows, migrate to N (report_edits), check rows and the new table. */
const version = migrations.find((m) => m.name === 'report-edits')!.version;

describe(`migration ${String(version).padStart(4, '0')} (report edits)`, () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) d.cleanup();
  });

  it('keeps sessions, adds report_edits with its checks, and follows its session when purged', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const before = openLibrary(tmp.path, { migrateTo: version - 1 });
    expect(before.schemaVersion).toBe(version - 1);
    const ts = '2026-01-01T00:00:00.000Z';
    before.db
      .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ana Lopez', ?, ?)`)
      .run(ts, ts);
    before.db
      .prepare(
        `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES ('s1', 'p1', '2026-01-01', ?, ?)`,
      )
      .run(ts, ts);
    before.close();

    const lib = openLibrary(tmp.path, { migrateTo: version });
    expect(lib.schemaVersion).toBe(version);
    expect(lib.db.prepare(`SELECT date FROM sessions WHERE id = 's1'`).get()).toEqual({ date: '2026-01-01' });
    expect(await loadEdits(lib.data, 's1')).toBeUndefined();

    const edits = {
      findings: [{ id: 'f1', text: 'Right pelvis drops at midstance.', evidence: ['6.1 ± 1.2°, n = 8'] }],
      plan: [{ id: 'p1', title: 'Single-leg bridge', detail: '3 × 10, daily' }],
      notes: 'Review in 6 weeks.',
    };
    const savedAt = await saveEdits(lib.data, 's1', edits, new Date('2026-02-02T10:00:00Z'));
    expect(savedAt).toBe('2026-02-02T10:00:00.000Z');
    expect(await loadEdits(lib.data, 's1')).toEqual({ ...edits, updatedAt: savedAt });
    // Saving again replaces the words whole.
    await saveEdits(lib.data, 's1', { ...edits, findings: [] }, new Date('2026-02-03T10:00:00Z'));
    expect((await loadEdits(lib.data, 's1'))?.findings).toEqual([]);

    // The checks refuse what the service must never write.
    const insert = lib.db.prepare(
      `INSERT INTO report_edits (session_id, findings_json, plan_json, created_at, updated_at) VALUES (?, ?, '[]', ?, ?)`,
    );
    expect(() => insert.run('s1x', '[]', ts, ts)).toThrow(/FOREIGN KEY/);
    lib.db
      .prepare(
        `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES ('s2', 'p1', '2026-01-02', ?, ?)`,
      )
      .run(ts, ts);
    expect(() => insert.run('s2', '{"not":"a list"}', ts, ts)).toThrow(/CHECK/);
    expect(() => insert.run('s2', 'not json', ts, ts)).toThrow();

    // Unknown session: named in the error, nothing written.
    await expect(saveEdits(lib.data, 'nope', edits)).rejects.toThrow(/No session with id nope/);
    expect(await resetEdits(lib.data, 's1')).toBe(true);
    expect(await resetEdits(lib.data, 's1')).toBe(false);

    // Purging the session removes its report words.
    await saveEdits(lib.data, 's1', edits);
    lib.db.prepare(`DELETE FROM sessions WHERE id = 's1'`).run();
    expect(lib.db.prepare(`SELECT count(*) AS n FROM report_edits`).get()).toEqual({ n: 0 });
    lib.close();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ReportEditsSchema } from '../../src-shared/contract/report';
import { openLibrary } from '../../src-main/services/library/db';
import { loadEdits, saveEdits } from '../../src-main/services/report/edits-store';
import { tempDir } from '../helpers/tmp';

/**
 * The PT's pins, demotions and cues (issue 19) are stored with the report edits on a real library
 * file, and a row saved before they existed (a finding without pin or cue) still loads unchanged.
 */
describe('report edits with pins and cues', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) d.cleanup();
  });

  it('round-trips pin and cue, and reads an older row as it was', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const lib = openLibrary(tmp.path);
    const ts = '2026-01-01T00:00:00.000Z';
    lib.db
      .prepare(`INSERT INTO patients (id, name, created_at, updated_at) VALUES ('p1', 'Ana Lopez', ?, ?)`)
      .run(ts, ts);
    lib.db
      .prepare(
        `INSERT INTO sessions (id, patient_id, date, created_at, updated_at) VALUES ('s1', 'p1', '2026-01-01', ?, ?)`,
      )
      .run(ts, ts);
    // A row as an earlier StrideLab wrote it: findings without pin or cue.
    const old = [{ id: 'overstride-right-1', text: 'Overstride on the right.', evidence: [] }];
    lib.db
      .prepare(
        `INSERT INTO report_edits (session_id, findings_json, plan_json, notes, created_at, updated_at)
         VALUES ('s1', ?, '[]', '', ?, ?)`,
      )
      .run(JSON.stringify(old), ts, ts);
    expect(await loadEdits(lib.data, 's1')).toMatchObject({ findings: old, plan: [], notes: '' });
    expect((await loadEdits(lib.data, 's1'))!.findings[0]).not.toHaveProperty('pin');

    const edits = ReportEditsSchema.parse({
      findings: [
        { id: 'a', text: 'Pelvic drop on the right.', pin: 'pinned', cue: 'Hips level.' },
        { id: 'b', text: 'Trunk lean.', pin: 'demoted' },
        { id: 'c', text: 'Stiff knee.' },
      ],
      plan: [{ id: 'single-leg-bridge', title: 'Single-leg bridge', dosage: '3 × 10' }],
      notes: '',
    });
    await saveEdits(lib.data, 's1', edits);
    const back = (await loadEdits(lib.data, 's1'))!;
    expect(back.findings).toEqual(edits.findings);
    expect(back.findings.map((f) => f.pin)).toEqual(['pinned', 'demoted', undefined]);
    expect(back.plan[0]!.dosage).toBe('3 × 10');
    // A pin the contract does not know is refused at the boundary.
    const bad = ReportEditsSchema.safeParse({ findings: [{ id: 'x', text: 'x', pin: 'top' }], plan: [] });
    expect(bad.success).toBe(false);
    lib.close();
  });
});

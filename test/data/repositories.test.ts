import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DamagedRowError } from '../../src-main/data/parse';
import type { SessionFields } from '../../src-shared/library/model';
import { openTestLibrary, type TestLibrary } from '../helpers/test-library';

/**
 * The repositories on a real library, through the same data layer the services use: a SQLite file, and
 * a PostgreSQL database when the `postgres` vitest project runs this file again (test-library.ts).
 */
let lib: TestLibrary;
beforeEach(async () => {
  lib = await openTestLibrary();
});
afterEach(async () => {
  await lib.close();
});

const session = (patientId: string, date: string): SessionFields => ({
  patientId,
  date,
  injurySide: 'left',
  treadmillSpeedsKmh: [10, 12.5],
  treadmillInclinesPct: [],
});

describe('patients', () => {
  it('searches word starts in the name and clinic id, ignoring case, recent first, trash left out', async () => {
    const { patients, sessions } = lib.data;
    await patients.insert(
      'p1',
      { name: 'John Smith', sex: 'male', clinicId: 'RUN-7' },
      '2026-01-01T00:00:00Z',
    );
    await patients.insert('p2', { name: 'Ana López-Ruiz', sex: 'female' }, '2026-01-02T00:00:00Z');
    await patients.insert('p3', { name: 'Johanna 50% Smithers', sex: 'other' }, '2026-01-03T00:00:00Z');
    await sessions.insert('s1', session('p1', '2026-02-01'), '2026-02-01T00:00:00Z');
    const names = async (q: string[]) => (await patients.search(q, 10)).map((p) => p.name);
    expect(await names(['jo', 'SM'])).toEqual(['John Smith', 'Johanna 50% Smithers']);
    expect(await names(['ruiz'])).toEqual(['Ana López-Ruiz']);
    expect(await names(['run-'])).toEqual(['John Smith']);
    // A wildcard typed is the character, not "anything".
    expect(await names(['50%'])).toEqual(['Johanna 50% Smithers']);
    expect(await names(['5_'])).toEqual([]);
    expect(await names(['mith'])).toEqual([]);
    const john = (await patients.get('p1'))!;
    expect(john).toMatchObject({ sessionCount: 1, lastSessionDate: '2026-02-01', clinicId: 'RUN-7' });
    expect(john).not.toHaveProperty('notes');
    await patients.setDeleted('p1', '2026-03-01T00:00:00Z');
    expect(await names(['jo'])).toEqual(['Johanna 50% Smithers']);
    expect((await patients.get('p1'))?.deletedAt).toBe('2026-03-01T00:00:00Z');
    expect(await patients.idsNamed('JOHANNA 50% smithers')).toEqual(['p3']);
  });

  it('refuses a row it cannot read, naming the record', async () => {
    await lib.data.patients.insert('p1', { name: 'A', sex: 'female' }, '2026-01-01T00:00:00Z');
    await lib.data.sessions.insert('s1', session('p1', '2026-01-02'), '2026-01-02T00:00:00Z');
    expect((await lib.data.sessions.get('s1'))?.treadmillSpeedsKmh).toEqual([10, 12.5]);
    // A hand-edited file: the list is not a list of numbers.
    await lib.sql.run(`UPDATE sessions SET treadmill_speeds_kmh = '["fast"]'`);
    const err = await lib.data.sessions.get('s1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DamagedRowError);
    expect((err as Error).message).toMatch(/record of session s1 is damaged/);
  });
});

describe('sessions', () => {
  it("lists a patient's sessions on one date oldest first, the trash included, for the export's names", async () => {
    const { patients, sessions } = lib.data;
    await patients.insert('p1', { name: 'A', sex: 'female' }, '2026-01-01T00:00:00Z');
    await patients.insert('p2', { name: 'B', sex: 'male' }, '2026-01-01T00:00:00Z');
    await sessions.insert('s-late', session('p1', '2026-02-01'), '2026-02-01T15:00:00.000Z');
    await sessions.insert('s-early', session('p1', '2026-02-01'), '2026-02-01T09:00:00.000Z');
    await sessions.insert('s-other-day', session('p1', '2026-02-02'), '2026-02-02T09:00:00.000Z');
    await sessions.insert('s-other-patient', session('p2', '2026-02-01'), '2026-02-01T08:00:00.000Z');
    await sessions.setDeleted('s-early', '2026-02-03T00:00:00.000Z');
    expect(await sessions.idsOnDate('p1', '2026-02-01')).toEqual(['s-early', 's-late']);
    expect(await sessions.idsOnDate('p1', '2026-02-03')).toEqual([]);
  });
});

describe('transactions', () => {
  it('commits what resolves, rolls back what throws, and nests as savepoints', async () => {
    const { data } = lib;
    await data.transaction(async (tx) => {
      await tx.patients.insert('p1', { name: 'Kept', sex: 'female' }, '2026-01-01T00:00:00Z');
      // The inner one fails: only its own write is undone.
      await expect(
        tx.transaction(async (inner) => {
          await inner.patients.insert('p2', { name: 'Undone', sex: 'male' }, '2026-01-01T00:00:00Z');
          throw new Error('inner failure');
        }),
      ).rejects.toThrow('inner failure');
      await tx.transaction(async (inner) => {
        await inner.patients.insert('p3', { name: 'Also kept', sex: 'male' }, '2026-01-01T00:00:00Z');
      });
    });
    await expect(
      data.transaction(async (tx) => {
        await tx.patients.insert('p4', { name: 'Rolled back', sex: 'male' }, '2026-01-01T00:00:00Z');
        throw new Error('outer failure');
      }),
    ).rejects.toThrow('outer failure');
    const ids = (await lib.sql.all<{ id: string }>(`SELECT id FROM patients ORDER BY id`)).map((r) => r.id);
    expect(ids).toEqual(['p1', 'p3']);
  });

  it('keeps a transaction open across other work (begin) and undoes it all on rollback', async () => {
    const job = await lib.data.begin();
    await job.data.patients.insert('p1', { name: 'Job', sex: 'female' }, '2026-01-01T00:00:00Z');
    await new Promise((r) => setTimeout(r, 20)); // long work between the steps
    await job.data.sessions.insert('s1', session('p1', '2026-01-02'), '2026-01-02T00:00:00Z');
    expect(await job.data.sessions.listForPatient('p1')).toHaveLength(1);
    await job.rollback();
    await job.rollback(); // twice is harmless
    expect(await lib.data.patients.get('p1')).toBeUndefined();
    const again = await lib.data.begin();
    await again.data.patients.insert('p2', { name: 'Job', sex: 'female' }, '2026-01-01T00:00:00Z');
    await again.commit();
    await again.rollback(); // after commit: nothing
    expect(await lib.data.patients.get('p2')).toMatchObject({ name: 'Job', sessionCount: 0 });
  });
});

describe('report edits and symptoms', () => {
  it('upserts whole rows and reads many sessions at once', async () => {
    const { data } = lib;
    await data.patients.insert('p1', { name: 'A', sex: 'female' }, '2026-01-01T00:00:00Z');
    for (const s of ['s1', 's2', 's3']) await data.sessions.insert(s, session('p1', '2026-01-02'), 't');
    const edits = { findings: [{ id: 'f', text: 'Drop.', evidence: [] }], plan: [], notes: 'n' };
    await data.reportEdits.put('s1', edits, '2026-01-03T00:00:00Z');
    await data.reportEdits.put('s1', { ...edits, notes: 'm' }, '2026-01-04T00:00:00Z');
    expect(await data.reportEdits.get('s1')).toEqual({
      ...edits,
      notes: 'm',
      updatedAt: '2026-01-04T00:00:00Z',
    });
    expect(await lib.sql.all(`SELECT created_at FROM report_edits`)).toEqual([
      { created_at: '2026-01-03T00:00:00Z' },
    ]);
    expect(await data.reportEdits.remove('s1')).toBe(true);
    expect(await data.reportEdits.remove('s1')).toBe(false);

    const f = {
      painBefore: 2,
      painDuring: null,
      painAfter: 4,
      pain24h: null,
      weeklyKm: 20,
      rtrStage: null,
      notes: null,
    };
    await data.symptoms.put('s1', f, 't1');
    await data.symptoms.put('s3', { ...f, painBefore: 0 }, 't2');
    const many = await data.symptoms.ofSessions(['s1', 's2', 's3']);
    expect([...many.keys()].sort()).toEqual(['s1', 's3']);
    expect(many.get('s3')).toMatchObject({ sessionId: 's3', painBefore: 0, painAfter: 4, weeklyKm: 20 });
    await data.symptoms.remove('s1');
    expect(await data.symptoms.get('s1')).toBeUndefined();
  });
});

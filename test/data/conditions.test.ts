import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, type TestLibrary } from '../helpers/test-library';
import { AT, seedSession } from './rows';

/** The `session_conditions` table through its repository, on SQLite and (the `postgres` project) on PostgreSQL. */
let lib: TestLibrary;
beforeEach(async () => {
  lib = await openTestLibrary();
  await seedSession(lib.data, 's1');
  await seedSession(lib.data, 's2');
});
afterEach(async () => {
  await lib.close();
});

const LATER = '2026-01-01T00:00:05.000Z';

describe('planned conditions', () => {
  it('keeps each session’s conditions in the order first stored, settings replaced in place', async () => {
    const { conditions } = lib.data;
    expect(await conditions.listForSession('s1')).toEqual([]);
    await conditions.put('s1', { label: 'incline', inclinePct: 5, speedKmh: 10 }, AT);
    await conditions.put('s1', { label: 'flat', speedKmh: 10 }, LATER);
    await conditions.put('s2', { label: 'flat', inclinePct: 0.5 }, AT);
    // Replaced: the incline cleared, the speed changed, still first (it was stored first).
    await conditions.put('s1', { label: 'incline', speedKmh: 12.25 }, LATER);
    expect(await conditions.listForSession('s1')).toEqual([
      { label: 'incline', speedKmh: 12.25 },
      { label: 'flat', speedKmh: 10 },
    ]);
    expect(await conditions.get('s2', 'flat')).toEqual({ label: 'flat', inclinePct: 0.5 });
    expect(await conditions.get('s2', 'incline')).toBeUndefined();
    expect(
      await lib.sql.all(`SELECT created_at, updated_at FROM session_conditions WHERE label = 'incline'`),
    ).toEqual([{ created_at: AT, updated_at: LATER }]);
  });

  it('removes one label of one session only', async () => {
    const { conditions } = lib.data;
    await conditions.put('s1', { label: 'race shoes' }, AT);
    await conditions.put('s2', { label: 'race shoes' }, AT);
    expect(await conditions.remove('s1', 'race shoes')).toBe(true);
    expect(await conditions.remove('s1', 'race shoes')).toBe(false);
    expect(await conditions.listForSession('s2')).toEqual([{ label: 'race shoes' }]);
  });

  it('refuses settings beyond the contract’s limits and rows of no session, writing nothing', async () => {
    const { conditions } = lib.data;
    await expect(conditions.put('s1', { label: 'steep', inclinePct: 45 }, AT)).rejects.toThrow();
    await expect(conditions.put('s1', { label: 'crawl', speedKmh: 0.2 }, AT)).rejects.toThrow();
    await expect(conditions.put('s1', { label: '  ' }, AT)).rejects.toThrow();
    await expect(conditions.put('s1', { label: 'x'.repeat(61) }, AT)).rejects.toThrow();
    await expect(conditions.put('ghost', { label: 'flat' }, AT)).rejects.toThrow();
    expect(await lib.sql.all(`SELECT * FROM session_conditions`)).toEqual([]);
  });

  it('goes with its session when that is purged', async () => {
    await lib.data.conditions.put('s1', { label: 'incline', inclinePct: 5 }, AT);
    await lib.data.sessions.purge('s1');
    expect(await lib.sql.all(`SELECT * FROM session_conditions`)).toEqual([]);
  });
});

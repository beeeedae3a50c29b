import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionFieldsSchema } from '../../src-shared/library/model';
import { openTestServices, type TestServices } from '../helpers/test-services';

/**
 * A refused input says every problem at once (a PT who typed four boxes wrong sees four messages
 * after one save, not one per save) and saves nothing; a session cannot be dated after today, as
 * a birth date cannot.
 */
let t: TestServices;
beforeEach(async () => {
  t = await openTestServices();
});
afterEach(async () => {
  vi.useRealTimers();
  await t.close();
});

/** A UTC date `days` from now, YYYY-MM-DD. */
const dayFromNow = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('a refused input lists all its problems', () => {
  it('four bad patient boxes: four problems, each naming its field, nothing saved', async () => {
    const r = await t.services.dispatch('patients:create', {
      name: '',
      heightCm: 1780,
      legLengthCm: -5,
      dateOfBirth: dayFromNow(3),
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-input');
    // The first problem stays the error's own message and field (the CLI and API show that one).
    expect(r.error).toMatchObject({ field: 'name', message: 'name: Name is required.' });
    expect(r.error.problems).toEqual([
      { field: 'name', message: 'name: Name is required.' },
      { field: 'dateOfBirth', message: 'dateOfBirth: Date of birth cannot be in the future.' },
      { field: 'heightCm', message: 'heightCm: Height must be at most 250 cm.' },
      { field: 'legLengthCm', message: 'legLengthCm: Leg length must be at least 30 cm.' },
    ]);
    const all = await t.services.dispatch('patients:search', { query: '' });
    expect(all).toEqual({ ok: true, result: [] });
  });

  it('nested fields keep their path (an edit sends them under "fields")', async () => {
    const made = await t.services.dispatch('patients:create', { name: 'Ann Runner' });
    if (!made.ok) throw new Error(made.error.message);
    const id = (made.result as { id: string }).id;
    const r = await t.services.dispatch('patients:update', { id, fields: { name: ' ', heightCm: 17 } });
    expect(r.ok ? [] : r.error.problems?.map((p) => p.field)).toEqual(['fields.name', 'fields.heightCm']);
  });
});

describe('a session is filmed today or earlier', () => {
  it('refuses a session dated after today, as a birth date is, and saves nothing', async () => {
    const made = await t.services.dispatch('patients:create', { name: 'Ben Strider' });
    if (!made.ok) throw new Error(made.error.message);
    const patientId = (made.result as { id: string }).id;
    const r = await t.services.dispatch('sessions:create', { patientId, date: dayFromNow(28) });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'date', message: 'date: Date cannot be in the future.' },
    });
    expect(await t.services.dispatch('sessions:list', { patientId })).toEqual({ ok: true, result: [] });
    const today = await t.services.dispatch('sessions:create', { patientId, date: dayFromNow(0) });
    expect(today.ok).toBe(true);
  });

  it("judges 'future' by the first place on Earth to start the day (UTC+14)", () => {
    // 20:00 UTC on 7 December 2026 is already 8 December from UTC+4 eastwards (10:00 in Kiritimati):
    // a clinic there dates its session the 8th and must not be refused; the 9th is nowhere yet.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T20:00:00Z') });
    const date = (d: string) => SessionFieldsSchema.safeParse({ patientId: 'p', date: d }).success;
    expect(date('2026-12-07')).toBe(true);
    expect(date('2026-12-08')).toBe(true);
    expect(date('2026-12-09')).toBe(false);
    expect(date('2027-01-04')).toBe(false);
    // Before 10:00 UTC no place has reached the next day.
    vi.setSystemTime(new Date('2026-12-07T09:59:00Z'));
    expect(date('2026-12-08')).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertRow } from '../helpers/sql-both';
import { openTestServices, type TestServices } from '../helpers/test-services';

/**
 * The library's calls through the dispatcher, on the run's backend (test/helpers/test-services.ts):
 * an embedded library folder, or a clinic server's database and shared media folder. What is about
 * the SQLite file itself (WAL, the lock, a newer file) is in library-file.test.ts.
 */
let t: TestServices;

const call = async (channel: string, input: unknown) => t.services.dispatch(channel, input);
const ok = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await call(channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.message}`);
  return r.result as T;
};

beforeEach(async () => {
  t = await openTestServices();
});
afterEach(async () => {
  await t.close();
});

describe('library', () => {
  it('creates, finds, edits patients; recent patients first', async () => {
    const ann = await ok<{ id: string }>('patients:create', {
      name: 'Ann Runner',
      clinicId: 'C-17',
      heightCm: 168,
    });
    const bob = await ok<{ id: string }>('patients:create', { name: 'Bob Strider' });
    await ok('sessions:create', { patientId: bob.id, date: '2026-01-02' });
    const all = await ok<{ id: string }[]>('patients:search', { query: '' });
    expect(all.map((p) => p.id)).toEqual([bob.id, ann.id]);
    expect((await ok<{ id: string }[]>('patients:search', { query: 'ann' })).map((p) => p.id)).toEqual([
      ann.id,
    ]);
    expect((await ok<{ id: string }[]>('patients:search', { query: 'run an' })).map((p) => p.id)).toEqual([
      ann.id,
    ]);
    expect((await ok<{ id: string }[]>('patients:search', { query: 'c-1' })).map((p) => p.id)).toEqual([
      ann.id,
    ]);
    expect(await ok<unknown[]>('patients:search', { query: '%' })).toEqual([]);
    // Case folded alike on both backends, letters beyond ASCII included (data/fold.ts).
    const elo = await ok<{ id: string }>('patients:create', { name: 'Élodie Øvergård' });
    for (const query of ['élodie', 'ÉLODIE', 'øver', 'ØVERGÅRD'])
      expect(
        (await ok<{ id: string }[]>('patients:search', { query })).map((p) => p.id),
        query,
      ).toEqual([elo.id]);
    await ok('patients:delete', { id: elo.id });
    const edited = await ok<{ heightCm: number; name: string }>('patients:update', {
      id: ann.id,
      fields: { name: 'Ann Runner-Smith', heightCm: 169 },
    });
    expect(edited).toMatchObject({ name: 'Ann Runner-Smith', heightCm: 169 });
    expect((await ok<{ id: string }[]>('patients:search', { query: 'smith' })).map((p) => p.id)).toEqual([
      ann.id,
    ]);
  });

  it('refuses invalid fields naming the field, and changes nothing', async () => {
    await ok('patients:create', { name: 'Existing' });
    const before = await t.digest();
    const cases: [string, unknown, string][] = [
      ['patients:create', { name: '   ' }, 'name'],
      ['patients:create', {}, 'name'],
      ['patients:create', { name: 'X', dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
      ['patients:create', { name: 'X', dateOfBirth: '2001-02-30' }, 'dateOfBirth'],
      ['patients:create', { name: 'X', heightCm: -170 }, 'heightCm'],
      ['patients:create', { name: 'X', legLengthCm: 1000 }, 'legLengthCm'],
      ['patients:update', { id: 'nope', fields: { name: 'Y' } }, 'id'],
      ['sessions:create', { patientId: 'no-such-patient', date: '2026-01-01' }, 'patientId'],
      [
        'sessions:create',
        { patientId: 'x', date: '2026-01-01', treadmillSpeedsKmh: [-3] },
        'treadmillSpeedsKmh.0',
      ],
    ];
    for (const [channel, input, field] of cases) {
      const r = await call(channel, input);
      expect(r.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe(field);
        expect(r.error.message).toContain(field);
      }
    }
    expect(await t.digest()).toBe(before);
  });

  it('edits a session stored with a date after today; only a changed date is judged', async () => {
    // Stored as an older version, another clock or an archive could leave it: every save of the
    // session (its notes, its complaint) was refused until its date was corrected.
    const p = await ok<{ id: string }>('patients:create', { name: 'Ahead Runner' });
    const s = await ok<{ id: string; date: string }>('sessions:create', {
      patientId: p.id,
      date: '2026-01-02',
    });
    const ahead = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await t.sql.run(`UPDATE sessions SET date = '${ahead}' WHERE id = '${s.id}'`);
    const edited = await ok<{ date: string; notes: string }>('sessions:update', {
      id: s.id,
      fields: { date: ahead, notes: 'ran 5 km', treadmillSpeedsKmh: [10] },
    });
    expect(edited).toMatchObject({ date: ahead, notes: 'ran 5 km', treadmillSpeedsKmh: [10] });
    // Moved to another day after today: refused in words beside the date, nothing changed.
    const later = new Date(Date.now() + 61 * 86_400_000).toISOString().slice(0, 10);
    const before = await t.digest();
    const r = await call('sessions:update', { id: s.id, fields: { date: later, notes: 'other' } });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        field: 'fields.date',
        message: 'fields.date: Date cannot be in the future.',
      },
    });
    expect(await t.digest()).toBe(before);
    // Corrected to a past date, as any edit.
    expect(await ok('sessions:update', { id: s.id, fields: { date: '2026-01-03' } })).toMatchObject({
      date: '2026-01-03',
    });
  });

  it('deletes to a trash that restores, with sessions following their patient', async () => {
    const p = await ok<{ id: string }>('patients:create', { name: 'Cara Trash' });
    const s = await ok<{ id: string }>('sessions:create', {
      patientId: p.id,
      date: '2026-03-04',
      complaint: 'R PHT',
    });
    await ok('patients:delete', { id: p.id });
    expect(await ok<unknown[]>('patients:search', { query: 'cara' })).toEqual([]);
    expect((await call('patients:get', { id: p.id })).ok).toBe(false);
    const trash = await ok<{ kind: string; id: string }[]>('trash:list', {});
    expect(trash).toEqual([expect.objectContaining({ kind: 'patient', id: p.id })]);
    await ok('trash:restore', { kind: 'patient', id: p.id });
    expect(await ok<{ id: string }[]>('sessions:list', { patientId: p.id })).toEqual([
      expect.objectContaining({ id: s.id }),
    ]);
    await ok('sessions:delete', { id: s.id });
    expect(await ok<unknown[]>('sessions:list', { patientId: p.id })).toEqual([]);
    await ok('trash:purge', { kind: 'session', id: s.id });
    expect(await ok<unknown[]>('trash:list', {})).toEqual([]);
    expect((await call('trash:restore', { kind: 'session', id: s.id })).ok).toBe(false);
  });

  it('keeps everything across a reopen (the library is the truth)', async () => {
    const p = await ok<{ id: string }>('patients:create', { name: 'Dora Persist', sex: 'female' });
    await t.reopen();
    expect(await ok<{ name: string }>('patients:get', { id: p.id })).toMatchObject({
      name: 'Dora Persist',
      sex: 'female',
    });
  });

  it('refuses an unknown call', async () => {
    const r = await call('patients:drop-table', {});
    expect(r).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Unknown call "patients:drop-table".' },
    });
  });
});

describe('purging from the trash', () => {
  it('removes the media of the purged recordings and nothing else', async () => {
    const { mkdirSync, writeFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const p = await ok<{ id: string }>('patients:create', { name: 'Gail Purge' });
    const keep = await ok<{ id: string }>('sessions:create', { patientId: p.id, date: '2026-02-01' });
    const gone = await ok<{ id: string }>('sessions:create', { patientId: p.id, date: '2026-02-02' });
    const addRecording = async (sessionId: string, id: string): Promise<string> => {
      const dir = join(t.mediaDir, sessionId, id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'original.mp4'), 'x');
      await insertRow(t.sql, 'recordings', recordingRow(id, sessionId, 'side', 'flat', 'a.mp4', 'a'));
      return dir;
    };
    const keptDir = await addRecording(keep.id, '00000000-0000-4000-8000-000000000001');
    const goneDir = await addRecording(gone.id, '00000000-0000-4000-8000-000000000002');
    await ok('sessions:delete', { id: gone.id });
    expect(existsSync(goneDir)).toBe(true); // the trash keeps files until the purge
    await ok('trash:purge', { kind: 'session', id: gone.id });
    expect(existsSync(goneDir)).toBe(false);
    expect(existsSync(keptDir)).toBe(true);
  });
});

describe('clips in the trash', () => {
  it('lists a clip deleted on its own, restores it, and purges it with its media', async () => {
    const { mkdirSync, writeFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const p = await ok<{ id: string }>('patients:create', { name: 'Hal Clip' });
    const s = await ok<{ id: string }>('sessions:create', { patientId: p.id, date: '2026-02-03' });
    const id = '00000000-0000-4000-8000-000000000003';
    const dir = join(t.mediaDir, s.id, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'original.mp4'), 'x');
    await insertRow(t.sql, 'recordings', recordingRow(id, s.id, 'rear', 'incline 5%', 'rear.mp4', 'b'));
    await ok('recordings:delete', { id });
    const trash = await ok<{ kind: string; id: string; label: string }[]>('trash:list', {});
    expect(trash).toEqual([
      expect.objectContaining({ kind: 'recording', id, label: expect.stringContaining('rear incline 5%') }),
    ]);
    await ok('trash:restore', { kind: 'recording', id });
    expect(await ok<unknown[]>('trash:list', {})).toEqual([]);
    await ok('recordings:delete', { id });
    await ok('trash:purge', { kind: 'recording', id });
    expect(existsSync(dir)).toBe(false);
    expect(await ok<unknown[]>('trash:list', {})).toEqual([]);
  });
});

/** A bare recordings row: a clip the trash can list, restore and purge (no media is read). */
function recordingRow(
  id: string,
  sessionId: string,
  view: string,
  condition: string,
  name: string,
  hashChar: string,
): Record<string, unknown> {
  return {
    id,
    session_id: sessionId,
    view,
    condition_label: condition,
    original_name: name,
    sha256: hashChar.repeat(64),
    size_bytes: 1,
    probe_json: '{}',
    frame_count: 10,
    trim_end_frame: 10,
    original_path: 'o',
    proxy_path: 'p',
    thumb_path: 't',
    timestamps_path: 'ts',
    created_at: 'x',
    updated_at: 'x',
  };
}

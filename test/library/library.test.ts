import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src-main/services';
import { openLibrary } from '../../src-main/services/library/db';
import { LATEST_SCHEMA_VERSION } from '../../src-main/services/library/migrations';
import { dbDigest } from '../helpers/db-snapshot';
import { tempDir } from '../helpers/tmp';

let tmp: ReturnType<typeof tempDir>;
let services: Services;

const call = async (channel: string, input: unknown) => services.dispatch(channel, input);
const ok = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await call(channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.message}`);
  return r.result as T;
};

beforeEach(() => {
  tmp = tempDir();
  services = createServices({ home: tmp.path, transport: 'browser' });
});
afterEach(() => {
  services.close();
  tmp.cleanup();
});

describe('library on a real SQLite file', () => {
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
    const before = dbDigest(services.library.db);
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
    expect(dbDigest(services.library.db)).toBe(before);
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

  it('keeps everything across a reopen (the file is the truth)', async () => {
    const p = await ok<{ id: string }>('patients:create', { name: 'Dora Persist', sex: 'female' });
    services.close();
    services = createServices({ home: tmp.path, transport: 'browser' });
    expect(await ok<{ name: string }>('patients:get', { id: p.id })).toMatchObject({
      name: 'Dora Persist',
      sex: 'female',
    });
  });

  it('opens in WAL mode with foreign keys on', () => {
    expect(services.library.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(services.library.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(services.library.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('lets only one process open a library at a time', () => {
    expect(() => openLibrary(tmp.path)).toThrow(/already open in another StrideLab/);
  });

  it('refuses a library written by a newer schema, and leaves it untouched', async () => {
    services.close();
    const db = new Database(services.library.paths.dbFile);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    const before = dbDigest(db);
    db.close();
    expect(() => openLibrary(tmp.path)).toThrow(/newer StrideLab.*Nothing was changed/);
    const after = new Database(services.library.paths.dbFile, { readonly: true });
    expect(dbDigest(after)).toBe(before);
    after.close();
    // The failed open released its lock: the next open is refused for the schema, not the lock.
    expect(() => openLibrary(tmp.path)).toThrow(/newer StrideLab/);
    services = createServices({ home: tempDir().path, transport: 'browser' });
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
    const db = services.library.db;
    const addRecording = (sessionId: string, id: string): string => {
      const dir = join(services.library.paths.mediaDir, sessionId, id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'original.mp4'), 'x');
      db.prepare(
        `INSERT INTO recordings (id, session_id, view, condition_label, original_name, sha256, size_bytes, probe_json,
           frame_count, trim_end_frame, original_path, proxy_path, thumb_path, timestamps_path, created_at, updated_at)
         VALUES (?, ?, 'side', 'flat', 'a.mp4', ?, 1, '{}', 10, 10, 'o', 'p', 't', 'ts', 'x', 'x')`,
      ).run(id, sessionId, 'a'.repeat(64));
      return dir;
    };
    const keptDir = addRecording(keep.id, '00000000-0000-4000-8000-000000000001');
    const goneDir = addRecording(gone.id, '00000000-0000-4000-8000-000000000002');
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
    const dir = join(services.library.paths.mediaDir, s.id, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'original.mp4'), 'x');
    services.library.db
      .prepare(
        `INSERT INTO recordings (id, session_id, view, condition_label, original_name, sha256, size_bytes, probe_json,
           frame_count, trim_end_frame, original_path, proxy_path, thumb_path, timestamps_path, created_at, updated_at)
         VALUES (?, ?, 'rear', 'incline 5%', 'rear.mp4', ?, 1, '{}', 10, 10, 'o', 'p', 't', 'ts', 'x', 'x')`,
      )
      .run(id, s.id, 'b'.repeat(64));
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

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src-main/services/library/sessions';
import { moveToTrash } from '../../src-main/services/library/trash';
import { exportSession, importSessionArchive } from '../../src-main/services/media/archive';
import { backupLibrary, restoreLibrary } from '../../src-main/services/media/backup';
import { importRecording } from '../../src-main/services/media/import';
import { getTracks, saveSeed, saveTracks } from '../../src-main/services/markers/store';
import { listRecordings, updateRecording } from '../../src-main/services/media/recordings-db';
import {
  clip,
  dbDump,
  libraryState,
  syntheticClip,
  tempDir,
  tempLibrary,
  treeDump,
  type TestLibrary,
} from './helpers';

/** Session archives between two libraries, and a backup that restores to the identical library. */
let a: TestLibrary;
let b: TestLibrary;
let dir: string;

beforeAll(async () => {
  a = await tempLibrary();
  b = await tempLibrary();
  dir = tempDir('arch');
  await importRecording(a.library, {
    sessionId: a.sessionId,
    sourcePath: clip('running_side_overground_sports2d_demo3.mp4'),
    view: 'side',
    condition: { label: 'flat', speedKmh: 10 },
  });
  await importRecording(a.library, {
    sessionId: a.sessionId,
    sourcePath: syntheticClip(join(dir, 'rear.mp4'), { frames: 20 }),
    view: 'rear',
    condition: { label: 'incline', inclinePct: 2 },
  });
});
afterAll(() => {
  a.close();
  b.close();
});

describe('session archive', () => {
  let archive: string;

  it('writes one tar that any tar reads, holding the manifest and every file', async () => {
    // A table another part of StrideLab might add, tied to sessions and recordings.
    for (const lib of [a, b]) {
      lib.library.db
        .exec(`CREATE TABLE test_notes (id TEXT PRIMARY KEY, session_id TEXT REFERENCES sessions (id),
        recording_id TEXT REFERENCES recordings (id), note TEXT)`);
    }
    const [rec] = await listRecordings(a.library.data, a.sessionId);
    const insert = a.library.db.prepare(`INSERT INTO test_notes VALUES (?, ?, ?, ?)`);
    insert.run('n1', a.sessionId, rec!.id, 'heel strike at frame 12');
    const other = await createSession(a.library.data, {
      patientId: a.patientId,
      date: '2026-01-20',
      injurySide: 'none',
      treadmillSpeedsKmh: [],
      treadmillInclinesPct: [],
    });
    insert.run('n2', other.id, null, 'another session: must stay out');
    // A blob column travels too (a marker track: bytes, not JSON).
    await saveSeed(a.library.data, rec!.id, {
      frame: 0,
      detection: { mode: 'brightness' },
      markers: [{ name: 'leftPsis', x: 10, y: 20 }],
    });
    const points = [0.5, 1.25].map((x) => ({ x, y: x * 2, confidence: 0.75, state: 'detected' as const }));
    await saveTracks(a.library.data, rec!.id, 'abc', [{ name: 'leftPsis', points: points as never }]);
    const out = await exportSession(a.library, a.sessionId);
    archive = out.path;
    expect(out.fileName).toMatch(/^Test-Runner-2026-01-15-[0-9a-f]{8}\.stridelab-session$/);
    const listing = execFileSync('tar', ['-tf', archive]).toString().trim().split('\n');
    expect(listing[0]).toBe('stridelab-session.json');
    expect(listing).toHaveLength(1 + 2 * 4);
    expect(listing.filter((n) => n.endsWith('/original.mp4'))).toHaveLength(2);
  });

  it('imports into another library with the same rows and byte-identical media', async () => {
    const result = await importSessionArchive(b.library, archive, 'x.stridelab-session');
    expect(result).toMatchObject({ sessionId: a.sessionId, patientId: a.patientId, recordings: 2 });
    const rows = (lib: TestLibrary): unknown[] =>
      lib.library.db.prepare(`SELECT * FROM recordings WHERE session_id = ? ORDER BY id`).all(a.sessionId);
    expect(rows(b)).toEqual(rows(a));
    expect(b.library.db.prepare(`SELECT * FROM sessions WHERE id = ?`).get(a.sessionId)).toEqual(
      a.library.db.prepare(`SELECT * FROM sessions WHERE id = ?`).get(a.sessionId),
    );
    expect(b.library.db.prepare(`SELECT * FROM test_notes`).all()).toEqual([
      {
        id: 'n1',
        session_id: a.sessionId,
        recording_id: expect.any(String),
        note: 'heel strike at frame 12',
      },
    ]);
    const [rec] = await listRecordings(a.library.data, a.sessionId);
    const tracks = await getTracks(b.library.data, rec!.id);
    expect(tracks?.tracks[0]?.points.map((p) => p.x)).toEqual([0.5, 1.25]);
    expect(tracks).toEqual(await getTracks(a.library.data, rec!.id));
    const tree = (lib: TestLibrary): string => treeDump(join(lib.library.paths.mediaDir, a.sessionId));
    expect(tree(b)).toBe(tree(a));
    expect(libraryState(b.library).tmp).toBe('');
  });

  it('refuses the same archive twice, a damaged one, and a non-archive, changing nothing', async () => {
    const before = libraryState(b.library);
    await expect(importSessionArchive(b.library, archive, 'again.stridelab-session')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already in this library/),
    });
    // Flip bytes inside the first original: the checksum catches it.
    const bytes = Buffer.from(readFileSync(archive));
    const at = bytes.indexOf(Buffer.from('ftyp')) + 2000;
    for (let i = at; i < at + 64; i++) bytes[i] = bytes[i]! ^ 0xff;
    const damaged = join(dir, 'damaged.stridelab-session');
    writeFileSync(damaged, bytes);
    const c = await tempLibrary();
    try {
      const cBefore = libraryState(c.library);
      await expect(
        importSessionArchive(c.library, damaged, 'damaged.stridelab-session'),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/does not match its checksum/),
      });
      expect(libraryState(c.library)).toEqual(cBefore);
      const notTar = join(dir, 'notes.stridelab-session');
      writeFileSync(notTar, 'hello'.repeat(300));
      await expect(importSessionArchive(c.library, notTar, 'notes.stridelab-session')).rejects.toMatchObject({
        message: expect.stringMatching(/"notes\.stridelab-session" is not a StrideLab archive or is damaged/),
      });
      expect(libraryState(c.library)).toEqual(cBefore);
    } finally {
      c.close();
    }
    expect(libraryState(b.library)).toEqual(before);
  });
});

describe('library backup and restore', () => {
  it('restores to an identical library: every table row and every media byte', async () => {
    const lib = a.library;
    const { path } = await backupLibrary(lib);
    const dbAtBackup = dbDump(lib);
    const mediaAtBackup = treeDump(lib.paths.mediaDir);

    // Change everything a PT can change: a new clip, edits, the trash.
    const [first] = await listRecordings(lib.data, a.sessionId);
    await updateRecording(lib.data, first!.id, { trim: { startFrame: 3, endFrame: 10 } });
    await importRecording(lib, {
      sessionId: a.sessionId,
      sourcePath: syntheticClip(join(dir, 'more.mp4'), { frames: 15 }),
      view: 'side',
      condition: { label: 'shoes B' },
    });
    await moveToTrash(lib.data, 'session', a.sessionId);
    expect(dbDump(lib)).not.toBe(dbAtBackup);
    expect(treeDump(lib.paths.mediaDir)).not.toBe(mediaAtBackup);

    await restoreLibrary(lib, path, 'backup');
    expect(dbDump(lib)).toBe(dbAtBackup);
    expect(treeDump(lib.paths.mediaDir)).toBe(mediaAtBackup);
    expect(libraryState(lib).tmp).toBe('');
  });

  it('refuses a damaged backup and leaves the library as it was', async () => {
    const { path } = await backupLibrary(a.library);
    const bytes = readFileSync(path);
    const cut = join(dir, 'cut.stridelab-backup');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = libraryState(a.library);
    await expect(restoreLibrary(a.library, cut, 'cut.stridelab-backup')).rejects.toMatchObject({
      message: expect.stringMatching(/"cut\.stridelab-backup" is not a StrideLab archive or is damaged/),
    });
    expect(libraryState(a.library)).toEqual(before);
  });
});

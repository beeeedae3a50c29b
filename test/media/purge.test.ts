import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveToTrash, purgeFromTrash } from '../../src-main/services/library/trash';
import { importRecording } from '../../src-main/services/media/import';
import { purgeOrphanMedia } from '../../src-main/services/media/purge';
import { syntheticClip, tempDir, tempLibrary, treeDump, type TestLibrary } from './helpers';
import { createSession } from '../../src-main/services/library/sessions';

let lib: TestLibrary;
beforeAll(async () => {
  lib = await tempLibrary();
});
afterAll(() => lib.close());

describe('purgeOrphanMedia', () => {
  it('removes the files of a purged session and keeps those of live and trashed sessions', async () => {
    const dir = tempDir('purge');
    const other = await createSession(lib.library.data, {
      patientId: lib.patientId,
      date: '2026-01-02',
      injurySide: 'none',
      treadmillSpeedsKmh: [],
      treadmillInclinesPct: [],
    });
    const clipA = syntheticClip(join(dir, 'a.mp4'), { frames: 10 });
    const clipB = syntheticClip(join(dir, 'b.mp4'), { frames: 12 });
    const keep = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: clipA,
      view: 'side',
      condition: { label: 'flat' },
    });
    const gone = await importRecording(lib.library, {
      sessionId: other.id,
      sourcePath: clipB,
      view: 'side',
      condition: { label: 'flat' },
    });
    await moveToTrash(lib.library.data, 'session', other.id);
    expect(await purgeOrphanMedia(lib.library)).toEqual([]);
    const keptTree = treeDump(join(lib.library.paths.mediaDir, lib.sessionId));
    await purgeFromTrash(lib.library.data, 'session', other.id);
    expect(await purgeOrphanMedia(lib.library)).toEqual([`${other.id}/${gone.id}`]);
    expect(existsSync(join(lib.library.paths.mediaDir, other.id))).toBe(false);
    expect(treeDump(join(lib.library.paths.mediaDir, lib.sessionId))).toBe(keptTree);
    expect(keep.id).toBeTruthy();
  });
});

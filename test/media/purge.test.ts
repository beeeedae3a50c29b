import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveToTrash, purgeFromTrash } from '../../src-main/services/library/trash';
import { importRecording } from '../../src-main/services/media/import';
import { purgeOrphanMedia } from '../../src-main/services/media/purge';
import { syntheticClip, tempDir, treeDump } from './helpers';
import { createPatient } from '../../src-main/services/library/patients';
import { createSession } from '../../src-main/services/library/sessions';
import type { Library } from '../../src-main/services/library/db';
import { openTestServices, type TestServices } from '../helpers/test-services';

/**
 * The sweep of clip folders no row names, on the run's backend (test/helpers/test-services.ts): on
 * a server it walks the shared media folder, and never the workstations' scratch folder in it.
 */
let t: TestServices;
const lib = {
  get library(): Library {
    return t.services.library;
  },
  patientId: '',
  sessionId: '',
};
beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-purge-' });
  lib.patientId = (await createPatient(lib.library.data, { name: 'Test Runner', sex: 'unspecified' })).id;
  lib.sessionId = (
    await createSession(lib.library.data, {
      patientId: lib.patientId,
      date: '2026-01-15',
      injurySide: 'none',
      treadmillSpeedsKmh: [10],
      treadmillInclinesPct: [],
    })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

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
    // An import this workstation is building (on a server: inside the shared media folder).
    const building = join(lib.library.paths.tmpDir, 'import-in-progress', 'original.mp4');
    mkdirSync(dirname(building), { recursive: true });
    writeFileSync(building, 'half a clip');
    await purgeFromTrash(lib.library.data, 'session', other.id);
    expect(await purgeOrphanMedia(lib.library)).toEqual([`${other.id}/${gone.id}`]);
    expect(existsSync(building)).toBe(true);
    expect(existsSync(join(lib.library.paths.mediaDir, other.id))).toBe(false);
    expect(treeDump(join(lib.library.paths.mediaDir, lib.sessionId))).toBe(keptTree);
    expect(keep.id).toBeTruthy();
  });
});

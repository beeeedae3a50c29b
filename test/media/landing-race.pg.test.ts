import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src-main/services';
import { createPatient } from '../../src-main/services/library/patients';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerMode, type ServerModeLibrary } from '../../src-main/services/library/server-mode';
import { createSession } from '../../src-main/services/library/sessions';
import { LANDING_MARK } from '../../src-main/services/media/landing';
import { purgeOrphanMedia } from '../../src-main/services/media/purge';
import { getRecordingRow, mediaPath } from '../../src-main/services/media/recordings-db';
import { bundleForNode } from '../helpers/bundle';
import { SHARED_MEDIA } from '../helpers/media';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/tmp';

/**
 * Issue 17 item 3: room 1 empties the trash while room 2, another process on the same server and
 * shared media folder, has landed a clip in media/ whose row it has not committed yet (an import
 * inside `stridelab import` or `analyze --db`). Room 1's sweep must leave that folder alone for as
 * long as room 2 lives, and clear it once room 2 is killed and its lease has run out.
 */
const CLIP = join(SHARED_MEDIA, 'running_side_overground_sports2d_demo3.mp4');
const tmp = tempDir('stridelab-landing-');
let db: TestDatabase;
let bundle: string;
let room1: ServerModeLibrary;
let services: Services;
let media: string;
let sessionId: string;

beforeAll(async () => {
  db = await createTestDatabase('landing', { migrated: true });
  bundle = await bundleForNode('test/media/landing-importer.ts');
  media = join(tmp.path, 'share');
  mkdirSync(media);
  room1 = await openServerMode({
    target: parseServerAddress(db.url, {}),
    mediaDir: media,
    home: join(tmp.path, 'room1'),
    workstation: 'room 1',
  });
  services = createServices({ home: join(tmp.path, 'room1'), transport: 'browser', library: room1 });
  const ana = await createPatient(room1.data, { name: 'Ana López', sex: 'female' });
  sessionId = (
    await createSession(room1.data, {
      patientId: ana.id,
      date: '2026-12-06',
      injurySide: 'none',
      treadmillSpeedsKmh: [],
      treadmillInclinesPct: [],
    })
  ).id;
});
afterAll(async () => {
  services?.close();
  await new Promise((r) => setTimeout(r, 200));
  await db?.drop();
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
  tmp.cleanup();
});

function room2(): { child: ChildProcessWithoutNullStreams; line: (p: string) => Promise<string> } {
  const child = spawn(
    process.execPath,
    [bundle, db.url, media, join(tmp.path, 'room2'), 'room 2', sessionId, CLIP],
    // Renewed every 0.3 s here (15 s in use) so that a sweep with a 1.5 s lease can tell a live
    // importer from a dead one within a test.
    { env: { ...process.env, STRIDELAB_LANDING_RENEW_MS: '300' } },
  );
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => process.stderr.write(b));
  return {
    child,
    line: (prefix) =>
      new Promise((resolve, reject) => {
        const look = (): void => {
          const l = out.split('\n').find((x) => x.startsWith(prefix));
          if (l) resolve(l.slice(prefix.length));
          else if (child.exitCode !== null)
            reject(new Error(`room 2 exited (${child.exitCode}) before ${prefix}`));
          else setTimeout(look, 50);
        };
        look();
      }),
  };
}

/** A patient with a session folder of its own, in the trash, then emptied from it as a PT does. */
async function emptyTrashInRoom1(): Promise<void> {
  const bo = await createPatient(room1.data, { name: 'Bo Trash', sex: 'male' });
  const r = await services.dispatch('patients:delete', { id: bo.id });
  expect(r.ok).toBe(true);
  const purged = await services.dispatch('trash:purge', { kind: 'patient', id: bo.id });
  expect(purged).toMatchObject({ ok: true });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('emptying the trash while another workstation lands a clip', () => {
  it('leaves the uncommitted folder of a live workstation, which then commits with every file', async () => {
    const ws = room2();
    const id = (await ws.line('LANDED ')).trim();
    const folder = join(media, sessionId, id);
    expect(existsSync(join(folder, LANDING_MARK))).toBe(true);
    // The row is not committed: without the marker this is exactly what the sweep removes.
    expect(await room1.data.recordings.exists(id, sessionId)).toBe(false);
    await emptyTrashInRoom1();
    expect(existsSync(folder)).toBe(true);
    // Past a short lease, a live importer's renewals still keep it.
    await sleep(2500);
    expect(await purgeOrphanMedia(room1, { leaseMs: 1500 })).toEqual([]);
    ws.child.stdin.write('commit\n');
    await ws.line('COMMITTED');
    const row = await getRecordingRow(room1.data, id);
    for (const kind of ['original', 'proxy', 'thumb', 'timestamps'] as const)
      expect(existsSync(join(media, mediaPath(row, kind)))).toBe(true);
    expect(readdirSync(folder)).not.toContain(LANDING_MARK);
  }, 180_000);

  it('clears the folder of a workstation killed before its commit, once its lease has run out', async () => {
    const ws = room2();
    const id = (await ws.line('LANDED ')).trim();
    const folder = join(media, sessionId, id);
    ws.child.kill('SIGKILL');
    await new Promise((r) => ws.child.once('exit', r));
    // Within the lease: kept (room 2 may only be slow).
    expect(await purgeOrphanMedia(room1, { leaseMs: 60_000 })).toEqual([]);
    expect(existsSync(folder)).toBe(true);
    await sleep(2000);
    expect(await purgeOrphanMedia(room1, { leaseMs: 1500 })).toEqual([`${sessionId}/${id}`]);
    expect(existsSync(folder)).toBe(false);
    expect(await room1.data.recordings.exists(id, sessionId)).toBe(false);
    // The committed clip of the first test is untouched.
    expect(readdirSync(join(media, sessionId))).toHaveLength(1);
  }, 180_000);
});

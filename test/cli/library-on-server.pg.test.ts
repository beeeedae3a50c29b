import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { postgresDataLayer } from '../../src-main/data/postgres';
import { getPatient } from '../../src-main/services/library/patients';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { startChangeRelay, type Relayed } from '../../src-main/services/library/postgres/notify';
import { openServerLibrary, type ServerLibrary } from '../../src-main/services/library/postgres/open';
import { listRecordings, mediaPath, getRecordingRow } from '../../src-main/services/media/recordings-db';
import { SHARED_MEDIA } from '../helpers/media';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { captureStdio } from '../helpers/stdio';
import { tempDir } from '../helpers/tmp';

/**
 * A workstation's command line on the clinic server (issue 17, docs/clinic-server.md): `stridelab
 * import`, `progress` and `analyze` with --db/--media/--workstation work on the server's library and
 * the shared media folder as they do on the PC's own, on a real PostgreSQL; a half-given or
 * unreachable setting is refused in words and changes nothing.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = join(ROOT, 'resources/samples/treadmill-side.mp4');
const SAMPLE_LANDMARKS = join(ROOT, 'test/fixtures/landmarks/treadmill_side_male.full.json');
const CLIP = join(SHARED_MEDIA, 'running_side_overground_sports2d_demo3.mp4');

const io = captureStdio();
const tmp = tempDir('stridelab-cli-server-');
let db: TestDatabase;
let server: ServerLibrary;
let media: string;
const heard: Relayed[] = [];
let relay: Awaited<ReturnType<typeof startChangeRelay>>;

beforeAll(async () => {
  db = await createTestDatabase('cli', { migrated: true });
  server = await openServerLibrary(parseServerAddress(db.url, {}));
  relay = await startChangeRelay({ pool: server.pool, onEvent: (m) => heard.push(m), onReconnect: () => {} });
  media = join(tmp.path, 'share');
  mkdirSync(media);
});
afterAll(async () => {
  await relay?.close();
  await server?.close();
  await db?.drop();
  tmp.cleanup();
});

const onServer = (home: string, room = 'room 3'): string[] => [
  '--db',
  db.url,
  '--media',
  media,
  '--workstation',
  room,
  '--home',
  home,
];

describe('stridelab import, progress and analyze on the clinic server', () => {
  it('imports a clip into the server library and the shared folder; the other rooms hear of it', async () => {
    const home = join(tmp.path, 'ws-import');
    const code = await main([
      'import',
      CLIP,
      '--patient',
      'Ana López',
      '--create-patient',
      '--view',
      'side',
      '--condition',
      'flat',
      ...onServer(home),
    ]);
    expect(io.err).not.toMatch(/stridelab import:/);
    expect(code).toBe(0);
    const sessionId = /session (\S+) \(new, dated today\)/.exec(io.out)![1]!;
    const recordingId = /recording (\S+)/.exec(io.out)![1]!;
    const data = postgresDataLayer(server.pool);
    const [rec] = await listRecordings(data, sessionId);
    expect(rec).toMatchObject({
      id: recordingId,
      view: 'side',
      originalName: 'running_side_overground_sports2d_demo3.mp4',
    });
    // The clip's files are in the shared folder, named as the row says; nothing is left in this
    // workstation's scratch folder, and no library of its own was made in --home.
    const row = await getRecordingRow(data, recordingId);
    for (const kind of ['original', 'proxy', 'thumb', 'timestamps'] as const)
      expect(existsSync(join(media, mediaPath(row, kind)))).toBe(true);
    expect(
      readdirSync(join(media, '.stridelab-tmp', 'room-3')).filter((n) => n.startsWith('import-')),
    ).toEqual([]);
    expect(existsSync(join(home, 'library.sqlite'))).toBe(false);
    // Queued as a clip imported in the app is: the first free workstation takes it.
    expect(io.out).toContain('Queued for analysis');
    expect((await data.analysisJobs.listForSession(sessionId)).map((j) => [j.recordingId, j.state])).toEqual([
      [recordingId, 'queued'],
    ]);
    await expect
      .poll(() => heard.map((m) => (m.payload as { kind: string }).kind).sort())
      .toEqual(['patient', 'recording', 'session']);
    expect(heard.find((m) => (m.payload as { kind: string }).kind === 'recording')!.payload).toEqual({
      kind: 'recording',
      id: recordingId,
    });

    // `progress` reads the same patient from the server.
    expect(await main(['progress', 'ana lóp', ...onServer(home)])).toBe(0);
    expect(io.out).toContain('Ana López');
  });

  it('analyze --db keeps the patient, session, clip and pose results on the server', async () => {
    const out = join(tmp.path, 'report');
    const code = await main([
      'analyze',
      '--side',
      SAMPLE,
      '--side-landmarks',
      SAMPLE_LANDMARKS,
      '--patient',
      'Ben Ruiz',
      '--out',
      out,
      ...onServer(join(tmp.path, 'ws-analyze'), 'room 1'),
    ]);
    expect(io.err).not.toContain('No report was written');
    expect(code).toBe(0);
    expect(existsSync(join(out, 'report.pdf'))).toBe(true);
    const data = postgresDataLayer(server.pool);
    const [id] = await data.patients.idsNamed('Ben Ruiz');
    expect(id).toBeDefined();
    const json = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as {
      report: { session: { id: string } };
    };
    const recs = await listRecordings(data, json.report.session.id);
    expect(recs).toHaveLength(1);
    expect((await getPatient(data, id!)).name).toBe('Ben Ruiz');
    expect(existsSync(join(media, mediaPath(await getRecordingRow(data, recs[0]!.id), 'proxy')))).toBe(true);
  }, 300_000);

  it('refuses a half-given or unreachable server setting in words, changing nothing', async () => {
    const home = join(tmp.path, 'ws-refused');
    const importArgs = [
      CLIP,
      '--patient',
      'Cleo',
      '--create-patient',
      '--view',
      'side',
      '--condition',
      'flat',
    ];
    expect(await main(['import', ...importArgs, '--db', db.url, '--home', home])).toBe(2);
    expect(io.err).toContain("name the clinic's shared media folder");
    expect(await main(['import', ...importArgs, '--media', media, '--home', home])).toBe(2);
    expect(io.err).toContain('give --db postgres://… too');
    expect(await main(['import', ...importArgs, '--workstation', 'room 9', '--home', home])).toBe(2);
    expect(
      await main([
        'import',
        ...importArgs,
        '--db',
        db.url,
        '--media',
        join(tmp.path, 'not-mounted'),
        '--home',
        home,
      ]),
    ).toBe(1);
    expect(io.err).toContain("StrideLab cannot reach the clinic's shared media folder");
    expect(existsSync(join(tmp.path, 'not-mounted'))).toBe(false);
    const unreachable = 'postgres://ws:secret@127.0.0.1:1/stridelab';
    expect(await main(['import', ...importArgs, '--db', unreachable, '--media', media, '--home', home])).toBe(
      1,
    );
    expect(await main(['progress', 'Cleo', '--db', unreachable, '--media', media, '--home', home])).toBe(1);
    expect(io.err).toContain(
      "cannot reach the clinic's database server (postgres://ws@127.0.0.1:1/stridelab)",
    );
    expect(
      await main(['analyze', '--side', SAMPLE, '--db', unreachable, '--out', join(tmp.path, 'nothing')]),
    ).toBe(2);
    expect(io.err).toContain("name the clinic's shared media folder");
    expect(io.out + io.err).not.toContain('secret');
    expect(await postgresDataLayer(server.pool).patients.idsNamed('Cleo')).toEqual([]);
  });
});

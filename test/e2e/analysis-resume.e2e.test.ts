import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionAnalysisStatus } from '../../src-shared/contract/analysis';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { importRecording } from '../../src-main/services/media/import';
import { SHARED_MEDIA } from '../helpers/media';
import { callServed, serve, type Served } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';
import { tempLibrary } from '../media/helpers';

/**
 * Done-when of issue 13: killing the server (kill -9, no chance to tidy up) during an analysis and
 * starting it again finishes that analysis without a click.
 */
const tmp = tempDir();
let app: Served | undefined;
afterAll(async () => {
  await app?.stop();
  tmp.cleanup();
});

const status = (s: Served, sessionId: string): Promise<SessionAnalysisStatus> =>
  callServed<SessionAnalysisStatus>(s, 'analysis:status', { sessionId });

async function until(s: Served, sessionId: string, pred: (st: SessionAnalysisStatus) => boolean, ms: number) {
  const end = Date.now() + ms;
  for (;;) {
    const st = await status(s, sessionId);
    if (pred(st)) return st;
    if (Date.now() > end) throw new Error(`analysis never reached the state: ${JSON.stringify(st.clips)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('analysis after a crash', () => {
  it('resumes by itself when the server starts again', async () => {
    const home = join(tmp.path, 'library');
    const clip = join(tmp.path, 'side.mp4');
    execFileSync(ffmpegPath(), [
      '-v',
      'error',
      '-t',
      '4',
      '-i',
      join(SHARED_MEDIA, 'treadmill_side_zzzhushi_male_side.mp4'),
      '-an',
      '-c:v',
      'libx264',
      '-crf',
      '22',
      clip,
    ]);
    // A library with one clip whose analysis is queued (as an import in the app leaves it).
    const lib = await tempLibrary(home);
    const rec = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: clip,
      view: 'side',
      condition: { label: 'flat' },
    });
    await lib.library.data.analysisJobs.enqueue(rec.id, 'lite', false, new Date().toISOString());
    lib.library.close();

    const first = await serve(home);
    await until(
      first,
      lib.sessionId,
      (s) => s.clips[0]!.state === 'pose' && (s.clips[0]!.fraction ?? 0) > 0,
      60_000,
    );
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const db = new Database(join(home, 'library.sqlite'), { readonly: true });
    expect(db.prepare(`SELECT state FROM analysis_jobs`).get()).toEqual({ state: 'running' });
    db.close();

    app = await serve(home);
    const done = await until(app, lib.sessionId, (s) => s.settled, 120_000);
    expect(done.clips[0]).toMatchObject({ state: 'done', error: null });
    expect(done.clips[0]!.attempts).toBe(2);
  }, 240_000);
});

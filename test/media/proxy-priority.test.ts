import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPriority } from 'node:os';
import { importRecording } from '../../src-main/services/media/import';
import { getRecordingRow, mediaPath } from '../../src-main/services/media/recordings-db';
import {
  AUTOGROUP_NICE,
  autogroupsOn,
  BACKGROUND_PRIORITY,
  readAutogroup,
} from '../../src-main/services/process/priority';
import { ServiceError } from '../../src-main/services/errors';
import {
  autogroupNiceTakes,
  descendants,
  isProxyTranscode,
  sampleWhile,
  type LiveProcess,
} from '../analysis/processes';
import { clip, tempLibrary, type TestLibrary } from './helpers';

/**
 * The review proxy is made below the app's priority (issue 16: the recorder and the first numbers
 * come first; src-main/services/process/priority.ts), read back from the kernel on a real ffmpeg
 * transcoding a real clip into a real library: os.getPriority of the ffmpeg, the nice of each of its
 * threads, and its autogroup's. The proxy is still made whole; a cancel mid-transcode still leaves
 * no process and no file behind; STRIDELAB_BACKGROUND_PRIORITY=0 leaves it at the app's priority.
 */
/** 47 frames: a short transcode, so that a busy shared machine cannot stall the test. */
const CLIP = 'running_side_overground_sports2d_demo3.mp4';

let lib: TestLibrary | undefined;
// The suite runs children at the app's priority (vitest.config.ts); these tests switch it on.
const suite = process.env.STRIDELAB_BACKGROUND_PRIORITY;
beforeEach(() => {
  process.env.STRIDELAB_BACKGROUND_PRIORITY = '1';
});
afterEach(() => {
  if (suite === undefined) delete process.env.STRIDELAB_BACKGROUND_PRIORITY;
  else process.env.STRIDELAB_BACKGROUND_PRIORITY = suite;
  lib?.close();
  lib = undefined;
});

const own = getPriority();

/** Import CLIP while sampling the processes below this one; the proxy transcode's samples. */
async function importSampled(
  signal?: AbortSignal,
): Promise<{ seen: LiveProcess[]; result: PromiseSettledResult<unknown> }> {
  lib ??= await tempLibrary();
  const work = importRecording(lib.library, {
    sessionId: lib.sessionId,
    sourcePath: clip(CLIP),
    view: 'side',
    condition: { label: 'flat' },
    allowDuplicate: true,
    signal,
  });
  const samples = await sampleWhile(work, 10);
  const [result] = await Promise.allSettled([work]);
  return { seen: samples.flat().filter(isProxyTranscode), result };
}

describe.skipIf(process.platform !== 'linux')('review proxy priority', () => {
  it('transcodes below the app (nice 19 or the app’s own if lower), every thread, and is made whole', async () => {
    const { seen, result } = await importSampled();
    expect(result.status).toBe('fulfilled');
    expect(seen.length).toBeGreaterThan(0);
    const expected = Math.max(BACKGROUND_PRIORITY.transcode, own);
    for (const p of seen) {
      expect(p.priority).toBe(expected);
      // x264 runs several threads: none of them above the transcode's priority.
      for (const n of p.threadNice) expect(n).toBe(expected);
      // In a session of its own, whose share of the CPU is lowered too; never this process's.
      if (autogroupsOn()) expect(p.autogroup?.id).not.toBe(readAutogroup('self')?.id);
    }
    // The session's nice: at once, or within the kernel's rate limit on such changes (priority.ts).
    if (autogroupsOn() && (await autogroupNiceTakes()))
      expect(seen.some((p) => p.autogroup?.nice === AUTOGROUP_NICE.transcode)).toBe(true);
    expect(Math.max(...seen.map((p) => p.threadNice.length))).toBeGreaterThan(1);
    // This process is where it was: only the child was lowered.
    expect(getPriority()).toBe(own);
    // The proxy is whole: one proxy frame per source frame (import.ts checks it; read back here).
    const rec = (result as PromiseFulfilledResult<{ id: string; probe: { frameCount: number } }>).value;
    const row = await getRecordingRow(lib!.library.data, rec.id);
    expect(existsSync(join(lib!.library.paths.mediaDir, mediaPath(row, 'proxy')))).toBe(true);
    expect(rec.probe.frameCount).toBe(47);
  }, 180_000);

  it('stays at the app’s priority with STRIDELAB_BACKGROUND_PRIORITY=0 (the benches’ A arm)', async () => {
    process.env.STRIDELAB_BACKGROUND_PRIORITY = '0';
    const { seen, result } = await importSampled();
    expect(result.status).toBe('fulfilled');
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) {
      expect(p.priority).toBe(own);
      expect(p.autogroup?.id).toBe(readAutogroup('self')?.id);
    }
  }, 180_000);

  it('a cancel mid-transcode still leaves no ffmpeg and nothing in the library', async () => {
    const controller = new AbortController();
    lib = await tempLibrary();
    // Cancel once the transcode is seen running (what the abort interrupts is that very process).
    let cancelledWhileRunning = false;
    const watcher = setInterval(() => {
      if (!descendants().some(isProxyTranscode)) return;
      cancelledWhileRunning = true;
      controller.abort();
    }, 10);
    const { result } = await importSampled(controller.signal).finally(() => clearInterval(watcher));
    expect(cancelledWhileRunning).toBe(true);
    expect(result.status).toBe('rejected');
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ServiceError);
    expect(descendants().filter(isProxyTranscode)).toEqual([]);
    expect(readdirSync(lib.library.paths.tmpDir).filter((f) => f.startsWith('import-'))).toEqual([]);
    expect(readdirSync(lib.library.paths.mediaDir).filter((f) => !f.startsWith('.'))).toEqual([]);
  }, 180_000);
});

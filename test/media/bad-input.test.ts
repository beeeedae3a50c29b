import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sink } from '../../src-main/services/media/copy';
import { importRecording, type ImportRequest } from '../../src-main/services/media/import';
import { moveToTrash } from '../../src-main/services/library/trash';
import { clip, ffmpeg, libraryState, syntheticClip, tempDir, tempLibrary, type TestLibrary } from './helpers';
import { createPrng } from '../../src-shared/gait/synthetic/prng';

/**
 * The corpus of broken inputs (issue 5), generated here with ffmpeg and byte surgery. Each must be
 * refused with its own specific message, and the library (database rows, media tree, tmp/) must be
 * byte-for-byte what it was before.
 */
let lib: TestLibrary;
let dir: string;
let good: string;

/** Top-level MP4 boxes: [type, offset, size]. */
function boxes(buf: Buffer): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (let at = 0; at + 8 <= buf.length;) {
    const size = buf.readUInt32BE(at);
    out.push([buf.toString('latin1', at + 4, at + 8), at, size]);
    if (size < 8) break;
    at += size;
  }
  return out;
}

/** Seeded uniforms in [0, 1) (mulberry32, the synthetic runner's generator): a failure replays from its seed. */
const seeded = (seed: number): (() => number) => createPrng(seed).next;

beforeAll(async () => {
  lib = await tempLibrary();
  dir = tempDir('bad');
  good = syntheticClip(join(dir, 'good.mp4'), { frames: 60, size: '320x240' });
  // One good clip already in the library, so "unchanged" covers existing rows and files too.
  await importRecording(lib.library, {
    sessionId: lib.sessionId,
    sourcePath: good,
    view: 'side',
    condition: { label: 'flat' },
  });
});
afterAll(() => lib.close());

async function expectRefused(
  req: Partial<ImportRequest> & { sourcePath: string },
  message: RegExp,
  code?: string,
): Promise<void> {
  const before = libraryState(lib.library);
  const attempt = importRecording(lib.library, {
    sessionId: lib.sessionId,
    view: 'side',
    condition: { label: 'flat' },
    ...req,
  });
  await expect(attempt).rejects.toMatchObject({
    message: expect.stringMatching(message),
    ...(code ? { code } : {}),
  });
  expect(libraryState(lib.library)).toEqual(before);
}

describe('bad input leaves the library unchanged', () => {
  it('zero-byte file', async () => {
    const f = join(dir, 'empty.mp4');
    writeFileSync(f, '');
    await expectRefused({ sourcePath: f }, /"empty\.mp4" is empty \(0 bytes\)/, 'invalid-input');
  });

  it('truncated mp4 without its moov index', async () => {
    const bytes = readFileSync(good);
    const moov = boxes(bytes).find(([t]) => t === 'moov')!;
    expect(boxes(bytes).findIndex(([t]) => t === 'moov')).toBeGreaterThan(
      boxes(bytes).findIndex(([t]) => t === 'mdat'),
    );
    const f = join(dir, 'no-moov.mp4');
    writeFileSync(f, bytes.subarray(0, Math.floor(moov[1] * 0.6)));
    await expectRefused(
      { sourcePath: f },
      /"no-moov\.mp4" is incomplete: the video's index \(the "moov" part/,
    );
  });

  it('mp4 cut short after its index (fast-start file, missing frames)', async () => {
    const fast = join(dir, 'faststart.mp4');
    ffmpeg(['-i', good, '-c', 'copy', '-movflags', '+faststart', fast]);
    const f = join(dir, 'cut-short.mp4');
    copyFileSync(fast, f);
    truncateSync(f, Math.floor(readFileSync(fast).length * 0.5));
    await expectRefused(
      { sourcePath: f },
      /"cut-short\.mp4" is incomplete: it should hold 60 frames but only \d+ are in the file/,
    );
  });

  it('wrong extension: a PDF named .mp4', async () => {
    const f = join(dir, 'clip.mp4');
    writeFileSync(f, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    await expectRefused({ sourcePath: f }, /"clip\.mp4" is a PDF document, not a video/);
  });

  it('audio only', async () => {
    const f = join(dir, 'voice-memo.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', f]);
    await expectRefused({ sourcePath: f }, /"voice-memo\.mp4" has sound but no picture/);
  });

  it('a still image', async () => {
    const f = join(dir, 'photo.jpg');
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', f]);
    await expectRefused({ sourcePath: f }, /"photo\.jpg" is a still picture/);
  });

  it('a one-frame clip', async () => {
    const f = syntheticClip(join(dir, 'one-frame.mp4'), { frames: 1 });
    await expectRefused({ sourcePath: f }, /"one-frame\.mp4" has a single frame/);
  });

  it('an absurd resolution', async () => {
    const f = syntheticClip(join(dir, 'absurd.mp4'), { frames: 2, size: '8200x64' });
    await expectRefused(
      { sourcePath: f },
      /"absurd\.mp4" is 8200×64 pixels; StrideLab reads videos from 32 to 8192/,
      'unsupported',
    );
  });

  it('a stream corrupt half-way', async () => {
    const bytes = Buffer.from(readFileSync(good));
    const [, at, size] = boxes(bytes).find(([t]) => t === 'mdat')!;
    const rnd = seeded(5);
    for (let i = at + Math.floor(size / 2); i < at + Math.floor(size * 0.7); i++)
      bytes[i] = Math.floor(rnd() * 256);
    const f = join(dir, 'corrupt.mp4');
    writeFileSync(f, bytes);
    await expectRefused(
      { sourcePath: f },
      /"corrupt\.mp4" is damaged from frame \d+ of 60 \(about \d+\.\d s in\): the picture data cannot be decoded/,
    );
  });

  it('a folder, and a file that is not there', async () => {
    const folder = join(dir, 'a-folder.mp4');
    mkdirSync(folder);
    await expectRefused({ sourcePath: folder }, /"a-folder\.mp4" is a folder/);
    await expectRefused(
      { sourcePath: join(dir, 'missing.mp4') },
      /"missing\.mp4" does not exist\. Check the file's name and folder/,
      'not-found',
    );
  });

  it('a file that vanishes during the import', async () => {
    const f = join(dir, 'vanishing.mp4');
    copyFileSync(clip('treadmill_side_zzzhushi_male_side.mp4'), f);
    await expectRefused(
      { sourcePath: f, copy: { afterChunk: (copied) => (copied === 1 << 20 ? unlinkSync(f) : undefined) } },
      /"vanishing\.mp4" disappeared while it was being copied/,
    );
  });

  it('a file that is still being written during the import', async () => {
    const f = join(dir, 'growing.mp4');
    copyFileSync(clip('treadmill_side_zzzhushi_male_side.mp4'), f);
    await expectRefused(
      {
        sourcePath: f,
        copy: { afterChunk: (copied) => (copied === 1 << 20 ? truncateSync(f, 1 << 20) : undefined) },
      },
      /"growing\.mp4" changed while it was being copied/,
    );
  });

  it('a full disk during the copy (a sink that runs out of room)', async () => {
    const fullDisk = async (): Promise<Sink> => {
      let written = 0;
      return {
        async write(chunk) {
          written += chunk.length;
          if (written > 256 * 1024)
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
        async sync() {},
        async close() {},
      };
    };
    await expectRefused(
      { sourcePath: clip('treadmill_side_zzzhushi_male_side.mp4'), copy: { sink: fullDisk } },
      /The disk is full: "treadmill_side_zzzhushi_male_side\.mp4" could not be copied into the library/,
      'io',
    );
  });

  it('a full disk for real: the library tmp/ on a 1 MiB tmpfs (root only)', async (ctx) => {
    const tmp = lib.library.paths.tmpDir;
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', tmp], { stdio: 'ignore' });
    } catch {
      ctx.skip();
      return;
    }
    try {
      await expectRefused(
        { sourcePath: clip('treadmill_side_zzzhushi_male_side.mp4') },
        /The disk is full: "treadmill_side_zzzhushi_male_side\.mp4" could not be copied/,
        'io',
      );
    } finally {
      execFileSync('umount', [tmp]);
    }
  });

  it('a full disk while the review copy is written (tmpfs big enough for the original only)', async (ctx) => {
    const tmp = lib.library.paths.tmpDir;
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', tmp], { stdio: 'ignore' });
    } catch {
      ctx.skip();
      return;
    }
    try {
      await expectRefused(
        { sourcePath: clip('running_side_overground_sports2d_demo3.mp4') },
        /The disk is full: there was no room to make the review copy of "running_side_overground_sports2d_demo3\.mp4"/,
        'io',
      );
    } finally {
      execFileSync('umount', [tmp]);
    }
  });

  it('cancel during the transcode kills ffmpeg and removes the partial files', async () => {
    const controller = new AbortController();
    const src = syntheticClip(join(dir, 'long.mp4'), { frames: 240, size: '640x480' });
    let sawProxy = false;
    await expectRefused(
      {
        sourcePath: src,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'proxy' && p.fraction > 0.2 && !sawProxy) {
            sawProxy = true;
            controller.abort();
          }
        },
      },
      /cancelled/,
      'cancelled',
    );
    expect(sawProxy).toBe(true);
  });

  it('a session moved to the trash', async () => {
    const other = await tempLibrary();
    try {
      await moveToTrash(other.library.data, 'session', other.sessionId);
      await expect(
        importRecording(other.library, {
          sessionId: other.sessionId,
          sourcePath: good,
          view: 'side',
          condition: { label: 'flat' },
        }),
      ).rejects.toMatchObject({ code: 'not-found' });
    } finally {
      other.close();
    }
  });
});

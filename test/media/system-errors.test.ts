import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
  ftruncateSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { openLibrary } from '../../src-main/services/library/db';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { importRecording } from '../../src-main/services/media/import';
import { openOutputSet } from '../../src-main/services/report/outputs';
import { tempDir, tempLibrary, type TestLibrary } from './helpers';

/**
 * System errors in the clinic's words (issue 14): each names the user's file or folder and what to
 * do, never an errno nor a path inside the library. Read-only and full drives are real (tmpfs
 * mounts; root only, skipped elsewhere).
 */
const RAW = /\b(E[A-Z]{3,}|SQLITE_\w+|errno|syscall)\b/;

let lib: TestLibrary;
let dir: string;
beforeEach(async () => {
  lib = await tempLibrary();
  dir = tempDir('syserr');
});
afterEach(() => lib.close());

function mount(ctx: TestContext, where: string, options: string): () => void {
  mkdirSync(where, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', where], { stdio: 'ignore' });
  } catch {
    ctx.skip();
  }
  return () => execFileSync('umount', [where]);
}

async function refusal(sourcePath: string): Promise<string> {
  try {
    await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath,
      view: 'side',
      condition: { label: 'flat' },
    });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('imported');
}

describe('plain words for system errors', () => {
  it('a 20 GB file that is not a video is refused before any copying, in well under a second', async () => {
    const big = join(dir, 'holiday.mp4');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 20 * 1024 ** 3); // sparse: no disk used
    closeSync(fd);
    const t0 = Date.now();
    const message = await refusal(big);
    const ms = Date.now() - t0;
    expect(message).toMatch(/"holiday\.mp4" is empty inside \(only zero bytes/);
    expect(ms).toBeLessThan(1000);
    expect(readdirSync(lib.library.paths.tmpDir)).toEqual([]);
  });

  it('a symbolic link loop', async () => {
    symlinkSync(join(dir, 'b.mp4'), join(dir, 'a.mp4'));
    symlinkSync(join(dir, 'a.mp4'), join(dir, 'b.mp4'));
    const message = await refusal(join(dir, 'a.mp4'));
    expect(message).toMatch(/"a\.mp4" is a shortcut \(symbolic link\) that leads back to itself/);
    expect(message).not.toMatch(RAW);
  });

  it('a path that never existed is not "no longer there"', async () => {
    const message = await refusal(join(dir, 'no such folder', 'run.mp4'));
    expect(message).toMatch(/"run\.mp4" does not exist\. Check the file's name and folder/);
  });

  it('an absurd declared frame rate (1200/1), said in frames per second', async () => {
    const fast = join(dir, 'fast.mp4');
    execFileSync(ffmpegPath(), [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=1200', '-t', '0.02'],
      ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', fast],
    ]);
    const message = await refusal(fast);
    expect(message).toMatch(/"fast\.mp4" says it was filmed at 1200 frames per second.*damaged/);
    expect(message).not.toContain('1200/1');
  });

  it('a library on a read-only drive', (ctx) => {
    const ro = join(dir, 'ro');
    const unmount = mount(ctx, ro, 'ro,size=1m');
    try {
      expect(() => openLibrary(join(ro, 'StrideLab', 'library'))).toThrow(
        /is on a read-only drive.*Choose a folder you can write to/,
      );
      try {
        openLibrary(join(ro, 'library'));
      } catch (err) {
        expect((err as Error).message).not.toMatch(RAW);
      }
    } finally {
      unmount();
    }
  });

  it('a library on a full drive', (ctx) => {
    const full = join(dir, 'full');
    const unmount = mount(ctx, full, 'size=64k');
    try {
      try {
        writeFileSync(join(full, 'filler'), Buffer.alloc(1024 * 1024));
      } catch {
        // filled up: that is the point
      }
      let message = '';
      try {
        openLibrary(join(full, 'library')).close();
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/is full\. Free some space and try again/);
      expect(message).not.toMatch(RAW);
    } finally {
      unmount();
    }
  });

  it('a read-only --out folder for analyze', async (ctx) => {
    const ro = join(dir, 'usb');
    const unmount = mount(ctx, ro, 'ro,size=1m');
    try {
      await expect(openOutputSet(join(ro, 'reports', 'ana'))).rejects.toThrow(
        /The output folder ".*reports\/ana" is on a read-only drive/,
      );
    } finally {
      unmount();
    }
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureSlots, watchCapture } from '../../src-main/services/analysis/capture-priority';
import {
  appendChunk,
  createTakeFolder,
  endActive,
  MANIFEST_FORMAT,
} from '../../src-main/services/capture/store';
import type { CaptureCamera } from '../../src-shared/contract/capture';
import { tempLibrary, type TestLibrary } from '../media/helpers';

/**
 * When the queue yields to capture (issue 16 item 5), on a real library's capture store: from a
 * take's beginning to its end; a take whose page went away without stopping stops counting after the
 * quiet time without a chunk; half the cores, at least one, go on meanwhile.
 */
let lib: TestLibrary | undefined;
afterEach(() => {
  vi.useRealTimers();
  lib?.close();
  lib = undefined;
});

const camera = {
  view: 'side',
  deviceLabel: 'cam',
  width: 320,
  height: 240,
  fps: 15,
  mimeType: 'video/webm;codecs=vp8',
} satisfies CaptureCamera;

async function begin(takeId: string): Promise<void> {
  lib ??= await tempLibrary();
  await createTakeFolder(lib.library, {
    format: MANIFEST_FORMAT,
    takeId,
    sessionId: lib.sessionId,
    condition: { label: 'flat' },
    startedAt: new Date().toISOString(),
    cameras: [camera],
  });
}

describe('watchCapture', () => {
  it('is on from a take beginning to its end', async () => {
    const seen: boolean[] = [];
    const watch = watchCapture((c) => seen.push(c));
    await begin('take-a');
    expect(watch.capturing()).toBe(true);
    await appendChunk('take-a', 'side', 0, new Uint8Array([1, 2, 3]));
    endActive('take-a');
    expect(watch.capturing()).toBe(false);
    expect(seen).toEqual([true, false]);
    watch.close();
  });

  it('stops yielding to a take that went quiet, and yields again at its next chunk', async () => {
    // Only the clock of the quiet timer is faked: the take's files are written for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const watch = watchCapture(() => undefined, 5_000);
    await begin('take-b');
    vi.advanceTimersByTime(4_000);
    expect(watch.capturing()).toBe(true);
    vi.advanceTimersByTime(1_500);
    expect(watch.capturing()).toBe(false);
    vi.useRealTimers();
    await appendChunk('take-b', 'side', 0, new Uint8Array([1]));
    expect(watch.capturing()).toBe(true);
    endActive('take-b');
    watch.close();
  });

  it('no longer hears a take once closed', async () => {
    const watch = watchCapture(() => undefined);
    watch.close();
    await begin('take-c');
    expect(watch.capturing()).toBe(false);
    endActive('take-c');
  });
});

describe('captureSlots', () => {
  it('half the cores, at least one', () => {
    expect([1, 2, 3, 4, 8].map(captureSlots)).toEqual([1, 1, 1, 2, 4]);
  });
});

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChunk, endActive, partFile, takeDir } from '../../src-main/services/capture/store';
import {
  beginTake,
  discardTake,
  finishTake,
  recoverTakes,
} from '../../src-main/services/capture/take-service';
import { listTakes } from '../../src-main/services/capture/takes-db';
import { getRecordingRow, listRecordings } from '../../src-main/services/media/recordings-db';
import { secondRun } from '../helpers/test-services';
import { captureLibrary, framesIn, liveWebm, MEDIA, pieces, type CaptureTestLibrary } from './helpers';

/**
 * The capture service on a real library: chunks appended and fsynced, the live WebM closed with
 * ffmpeg and imported by the ingest import (probe + proxy), crash recovery from a file cut off
 * mid-write, discard to the trash. The chunks are real VP8 WebM written to a pipe, the same
 * live-stream layout MediaRecorder produces (no cues, no duration). On the run's backend
 * (captureLibrary, test/helpers/test-services.ts).
 */
let lib: CaptureTestLibrary;
const SIDE = join(MEDIA, 'treadmill_side_zzzhushi_male_side.mp4');
const REAR = join(MEDIA, 'walking_side_sports2d_demo4.mp4');
const camera = (view: 'side' | 'rear') => ({
  view,
  deviceLabel: `fake ${view}`,
  width: 320,
  height: 240,
  fps: 30,
  mimeType: 'video/webm;codecs=vp8',
});

beforeEach(async () => {
  lib = await captureLibrary();
});
afterEach(async () => {
  await lib.close();
});

async function begin() {
  return beginTake(lib.ctx() as never, {
    sessionId: lib.sessionId,
    condition: { label: 'flat', inclinePct: 0, speedKmh: 10 },
    cameras: [camera('side'), camera('rear')],
    startedAt: '2026-11-21T10:00:00.000Z',
  });
}

describe('a take from chunks to recordings', () => {
  // Two views closed and imported: ffmpeg's work; a take saved on a server is handlers.test.ts's.
  it.skipIf(secondRun)(
    'appends chunks in order, closes each view and imports both into the session',
    async () => {
      const side = liveWebm(SIDE, 2);
      const rear = liveWebm(REAR, 2);
      const take = await begin();
      expect(take).toMatchObject({ number: 1, name: 'flat · take 1', status: 'recording' });
      const sidePieces = pieces(side, 3);
      const rearPieces = pieces(rear, 2);
      for (const [i, p] of sidePieces.entries())
        await appendChunk(take.id, 'side', i, p, i === 0 ? 12.5 : undefined);
      for (const [i, p] of rearPieces.entries()) await appendChunk(take.id, 'rear', i, p);
      // The file on disk is exactly the bytes sent, in order.
      const part = partFile(takeDir(lib.library, take.id), camera('side'));
      writeFileSync(join(lib.home, 'side-sent.webm'), side);
      expect(framesIn(part)).toBe(60);

      const done = await finishTake(lib.ctx() as never, take.id, [
        { view: 'side', chunks: 3, startOffsetMs: 12.5, durationMs: 2000, framesDelivered: 60 },
        { view: 'rear', chunks: 2, startOffsetMs: 20, durationMs: 2000, framesDelivered: 60 },
      ]);
      expect(done.status).toBe('saved');
      expect(done.clips.map((c) => [c.view, c.frameCount, c.startOffsetMs, c.error])).toEqual([
        ['side', 60, 12.5, undefined],
        ['rear', 60, 20, undefined],
      ]);
      const recs = await listRecordings(lib.library.data, lib.sessionId);
      expect(recs.map((r) => [r.view, r.condition.label, r.probe.frameCount, r.probe.codec]).sort()).toEqual([
        ['rear', 'flat', 60, 'vp8'],
        ['side', 'flat', 60, 'vp8'],
      ]);
      expect(recs.find((r) => r.view === 'side')?.originalName).toBe('2026-11-21_flat_side_take1.webm');
      expect(recs[0]!.probe.nominalFps).toBe(30);
      // The raw take folder is gone once both clips are in the library.
      expect(existsSync(takeDir(lib.library, take.id))).toBe(false);
      expect(lib.events.filter((e) => e.event === 'library:changed')).toHaveLength(2);

      // The next take of the same condition is number 2.
      const next = await begin();
      expect(next.number).toBe(2);
      await discardTake(lib.ctx() as never, next.id);
    },
  );

  it('acknowledges a repeated chunk once and refuses a gap, naming the view', async () => {
    const take = await begin();
    const data = pieces(liveWebm(SIDE, 1), 3);
    await appendChunk(take.id, 'side', 0, data[0]!);
    const again = await appendChunk(take.id, 'side', 0, data[0]!);
    expect(again.bytes).toBe(data[0]!.length);
    await expect(appendChunk(take.id, 'side', 2, data[2]!)).rejects.toThrow(
      /side recording is missing a piece \(expected piece 2, got 3\)/,
    );
    await expect(appendChunk('nosuchtake123', 'side', 0, data[0]!)).rejects.toThrow(
      /no longer being recorded/,
    );
    await expect(
      finishTake(lib.ctx() as never, take.id, [
        { view: 'side', chunks: 3, startOffsetMs: 0, durationMs: 1000 },
      ]),
    ).rejects.toThrow(/side recording is incomplete: 1 of 3 pieces arrived/);
    await discardTake(lib.ctx() as never, take.id);
    expect((await listTakes(lib.library.data, lib.sessionId))[0]!.status).toBe('discarded');
    expect(existsSync(takeDir(lib.library, take.id))).toBe(false);
  });

  it('discards a saved take: its clips go to the trash', async () => {
    const take = await begin();
    await appendChunk(take.id, 'side', 0, liveWebm(SIDE, 1));
    await appendChunk(take.id, 'rear', 0, liveWebm(REAR, 1));
    const saved = await finishTake(lib.ctx() as never, take.id, [
      { view: 'side', chunks: 1, startOffsetMs: 0, durationMs: 1000 },
      { view: 'rear', chunks: 1, startOffsetMs: 0, durationMs: 1000 },
    ]);
    const discarded = await discardTake(lib.ctx() as never, take.id);
    expect(discarded.status).toBe('discarded');
    for (const c of saved.clips) {
      expect(
        (await getRecordingRow(lib.library.data, c.recordingId!, { includeDeleted: true })).deletedAt,
      ).toBeTruthy();
    }
    expect(await listRecordings(lib.library.data, lib.sessionId)).toEqual([]);
  });
});

describe('recovery after a crash', () => {
  it('imports what was recorded up to the cut, keeping the start offset', async () => {
    const side = liveWebm(SIDE, 3);
    const take = await begin();
    const chunks = pieces(side, 3);
    await appendChunk(take.id, 'side', 0, chunks[0]!, 8);
    // The crash: the second second arrives only half written, the rear camera sent nothing.
    await appendChunk(take.id, 'side', 1, chunks[1]!.subarray(0, Math.floor(chunks[1]!.length / 2)));
    const cut = partFile(takeDir(lib.library, take.id), camera('side'));
    const wholeFrames = framesIn(cut);
    expect(wholeFrames).toBeGreaterThan(20);
    expect(wholeFrames).toBeLessThan(90);
    endActive(take.id); // the process is gone
    await lib.reopen();

    const recovered = await recoverTakes(lib.ctx() as never);
    expect(recovered).toHaveLength(1);
    const [t] = recovered;
    expect(t!.status).toBe('recovered');
    const sideClip = t!.clips.find((c) => c.view === 'side')!;
    expect(sideClip.startOffsetMs).toBe(8);
    // Every whole frame on disk is in the library (the last, cut-off frame may be dropped).
    expect(Math.abs(sideClip.frameCount! - wholeFrames)).toBeLessThanOrEqual(1);
    expect(t!.clips.find((c) => c.view === 'rear')!.error).toMatch(/Nothing was recorded/);
    expect(await listRecordings(lib.library.data, lib.sessionId)).toHaveLength(1);
    // Nothing left to recover the second time.
    expect(await recoverTakes(lib.ctx() as never)).toEqual([]);
  });
});

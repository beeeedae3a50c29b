import { randomBytes } from 'node:crypto';
import type { CaptureCamera, CaptureClipReport, CaptureTake } from '../../../src-shared/contract/capture';
import type { Condition } from '../../../src-shared/contract/recordings';
import { ServiceError } from '../errors';
import { getSession } from '../library/sessions';
import { removeTree } from '../media/fsutil';
import { trashRecording } from '../media/recordings-db';
import type { CallContext } from '../types';
import { importTakeClips } from './finalize';
import {
  activeTake,
  chunksReceived,
  createTakeFolder,
  drain,
  endActive,
  isActive,
  listTakeFolders,
  MANIFEST_FORMAT,
  readManifest,
  readStartOffset,
  takeDir,
} from './store';
import { getTake, insertTake } from './takes-db';

/** A take's life: begin → chunks (store.ts) → finish (close + import) or discard; recovery after a crash. */

type Ctx = Pick<CallContext, 'library' | 'emit' | 'analysis'>;

const now = (): string => new Date().toISOString();

export async function beginTake(
  ctx: Ctx,
  input: { sessionId: string; condition: Condition; cameras: CaptureCamera[]; startedAt: string },
): Promise<CaptureTake> {
  await getSession(ctx.library.data, input.sessionId);
  const takeId = randomBytes(12).toString('base64url');
  await createTakeFolder(ctx.library, {
    format: MANIFEST_FORMAT,
    takeId,
    sessionId: input.sessionId,
    condition: input.condition,
    startedAt: input.startedAt,
    cameras: input.cameras,
  });
  try {
    return await insertTake(ctx.library.data, { id: takeId, ...input });
  } catch (err) {
    endActive(takeId);
    await removeTree(takeDir(ctx.library, takeId));
    throw err;
  }
}

async function closeAndImport(
  ctx: Ctx,
  takeId: string,
  dir: string,
  cameras: readonly CaptureCamera[],
  finalStatus: 'saved' | 'recovered',
): Promise<CaptureTake> {
  const { data } = ctx.library;
  const take = await getTake(data, takeId);
  const outcomes = await importTakeClips(ctx.library, take, dir, cameras, (view, phase, fraction) =>
    ctx.emit('capture:progress', { takeId, view, phase, fraction }),
  );
  for (const o of outcomes) {
    await data.capture.updateClip(takeId, o.view, {
      recordingId: o.recording?.id ?? null,
      error: o.error ?? null,
    });
    if (o.recording) {
      ctx.emit('library:changed', { kind: 'recording', id: o.recording.id });
      ctx.analysis?.clipArrived(o.recording.id);
    }
  }
  const saved = outcomes.filter((o) => o.recording).length;
  await data.capture.setTakeStatus(takeId, saved > 0 ? finalStatus : 'failed', now());
  // Keep the raw files of a take that saved nothing: they are all there is of it.
  if (saved > 0) await removeTree(dir);
  return getTake(data, takeId);
}

export async function finishTake(
  ctx: Ctx,
  takeId: string,
  reports: readonly CaptureClipReport[],
  startedAt?: string,
): Promise<CaptureTake> {
  const take = activeTake(takeId);
  await drain(takeId);
  const cameras = take.manifest.cameras.filter((c) => reports.some((r) => r.view === c.view));
  for (const r of reports) {
    if (!take.manifest.cameras.some((c) => c.view === r.view))
      throw new ServiceError('invalid-input', `This take records no ${r.view} view.`, 'clips');
    const got = chunksReceived(takeId, r.view);
    if (got < r.chunks) {
      throw new ServiceError(
        'conflict',
        `The ${r.view} recording is incomplete: ${got} of ${r.chunks} pieces arrived. Keep the page open until they are sent.`,
        'clips',
      );
    }
  }
  endActive(takeId);
  const { data } = ctx.library;
  if (startedAt) await data.capture.setTakeStart(takeId, new Date(startedAt).toISOString());
  for (const r of reports) {
    await data.capture.updateClip(takeId, r.view, {
      ...(r.startOffsetMs !== undefined ? { startOffsetMs: r.startOffsetMs } : {}),
      durationMs: r.durationMs,
      ...(r.framesDelivered !== undefined ? { framesDelivered: r.framesDelivered } : {}),
    });
  }
  return closeAndImport(ctx, takeId, take.dir, cameras, 'saved');
}

export async function discardTake(ctx: Ctx, takeId: string): Promise<CaptureTake> {
  const { data } = ctx.library;
  const take = await getTake(data, takeId);
  if (isActive(takeId)) {
    await drain(takeId);
    endActive(takeId);
    await removeTree(takeDir(ctx.library, takeId));
  }
  if (take.status === 'discarded') return take;
  await data.transaction(async (tx) => {
    for (const clip of take.clips) {
      // The clips go to the trash like any recording (restorable until the trash is emptied).
      if (clip.recordingId) await trashRecording(tx, clip.recordingId);
    }
    await tx.capture.setTakeStatus(takeId, 'discarded', now());
  });
  for (const clip of take.clips)
    if (clip.recordingId) ctx.emit('library:changed', { kind: 'recording', id: clip.recordingId });
  return getTake(data, takeId);
}

let recovering: Promise<CaptureTake[]> | undefined;

/**
 * After a crash: every take still marked 'recording' that this process is not recording is closed
 * and imported from whatever its files hold (status 'recovered'). Folders without a row (the crash
 * came between the folder and the row) and rows without a folder are settled too. Runs once at a
 * time; a second call waits for the first.
 */
export function recoverTakes(ctx: Ctx): Promise<CaptureTake[]> {
  recovering ??= (async () => {
    const recovered: CaptureTake[] = [];
    const { data } = ctx.library;
    const folders = new Set(await listTakeFolders(ctx.library));
    for (const takeId of await data.capture.takeIdsWithStatus('recording')) {
      if (isActive(takeId)) continue;
      const dir = takeDir(ctx.library, takeId);
      const manifest = folders.has(takeId) ? await readManifest(dir) : undefined;
      if (!manifest) {
        await data.capture.setTakeStatus(takeId, 'failed', now());
        continue;
      }
      for (const camera of manifest.cameras) {
        const offset = await readStartOffset(dir, camera.view);
        if (offset !== undefined)
          await data.capture.updateClip(takeId, camera.view, { startOffsetMs: offset });
      }
      recovered.push(await closeAndImport(ctx, takeId, dir, manifest.cameras, 'recovered'));
    }
    for (const folder of folders) {
      if (isActive(folder)) continue;
      // No row (the crash came between the folder and the row), or a take already settled (the crash
      // came between its status and the folder's removal): the folder holds nothing to keep. Only a
      // take that saved nothing keeps its raw files.
      const status = await data.capture.takeStatus(folder);
      if (status === undefined || ['saved', 'recovered', 'discarded'].includes(status))
        await removeTree(takeDir(ctx.library, folder));
    }
    return recovered;
  })().finally(() => {
    recovering = undefined;
  });
  return recovering;
}

import { join } from 'node:path';
import type { recordingsCalls } from '../../../src-shared/contract/recordings';
import { ServiceError } from '../errors';
import type { HandlersFor } from '../types';
import { exportSession, importSessionArchive } from './archive';
import { backupLibrary, listBackups, restoreLibrary } from './backup';
import { importRecording } from './import';
import { cancelJob, endJob, runningJobs, startJob } from './jobs';
import {
  getRecording,
  listRecordings,
  restoreRecording,
  trashRecording,
  updateRecording,
} from './recordings-db';
import { pickFiles, releaseSource, resolveSource } from './sources';
import { getSession } from '../library/sessions';

/** Progress events at most this often per job: a 60 fps transcode must not flood the UI. */
const PROGRESS_INTERVAL_MS = 100;

export const recordingsHandlers: HandlersFor<typeof recordingsCalls> = {
  'recordings:list': async ({ sessionId }, { library }) => {
    await getSession(library.data, sessionId);
    return listRecordings(library.data, sessionId);
  },
  'recordings:get': ({ id }, { library }) => getRecording(library.data, id),
  'recordings:import': async ({ sessionId, source, view, condition, jobId, allowDuplicate }, ctx) => {
    const file = resolveSource(source);
    const controller = startJob(jobId);
    let last = 0;
    let lastPhase = '';
    try {
      if (controller.signal.aborted) throw new ServiceError('cancelled', 'Import cancelled.');
      const rec = await importRecording(ctx.library, {
        sessionId,
        sourcePath: file.path,
        originalName: file.name,
        view,
        condition,
        allowDuplicate,
        signal: controller.signal,
        onProgress: (p) => {
          const now = Date.now();
          // A new phase always goes out: dropped, a clip waiting its turn read "Copying" for minutes.
          if (p.phase === lastPhase && now - last < PROGRESS_INTERVAL_MS && p.fraction < 1) return;
          last = now;
          lastPhase = p.phase;
          ctx.emit('recordings:progress', { jobId, ...p });
        },
      });
      await releaseSource(file.id);
      ctx.emit('library:changed', { kind: 'recording', id: rec.id });
      ctx.analysis?.clipArrived(rec.id);
      return rec;
    } catch (err) {
      // Keep the upload for a retry after "already in this session" (the PT may choose to import anyway).
      if (!(err instanceof ServiceError && err.code === 'conflict')) await releaseSource(file.id);
      throw err;
    } finally {
      endJob(jobId);
    }
  },
  'recordings:update': async ({ id, ...change }, ctx) => {
    const rec = await updateRecording(ctx.library.data, id, change);
    ctx.emit('library:changed', { kind: 'recording', id });
    ctx.analysis?.clipChanged(id);
    return rec;
  },
  'recordings:delete': async ({ id }, ctx) => {
    const result = await trashRecording(ctx.library.data, id);
    ctx.analysis?.clipRemoved(id);
    ctx.emit('library:changed', { kind: 'recording', id });
    return result;
  },
  'recordings:restore': async ({ id }, ctx) => {
    const rec = await restoreRecording(ctx.library.data, id);
    ctx.emit('library:changed', { kind: 'recording', id });
    ctx.analysis?.clipArrived(id);
    return rec;
  },
  'recordings:cancel': ({ jobId }) => ({ cancelled: cancelJob(jobId) }),
  'recordings:pick': ({ multiple, accept }) => pickFiles(multiple, accept),
  'sessions:export': async ({ id }, { library }) => {
    const { fileName, sizeBytes } = await exportSession(library, id);
    return { fileName, sizeBytes, downloadUrl: `/api/exports/${encodeURIComponent(fileName)}` };
  },
  'sessions:importArchive': async ({ source }, ctx) => {
    const file = resolveSource(source);
    try {
      const result = await importSessionArchive(ctx.library, file.path, file.name);
      ctx.emit('library:changed', { kind: 'session', id: result.sessionId });
      return result;
    } finally {
      await releaseSource(file.id);
    }
  },
  'library:backup': async (_input, { library }) => {
    const { name, sizeBytes } = await backupLibrary(library);
    return { name, sizeBytes };
  },
  'library:backups': (_input, { library }) => listBackups(library),
  'library:restore': async ({ name }, ctx) => {
    if (runningJobs() > 0) {
      throw new ServiceError(
        'conflict',
        'Clips are still being imported. Wait for them to finish (or cancel them), then restore.',
      );
    }
    await restoreLibrary(ctx.library, join(ctx.library.paths.backupsDir, name), name);
    ctx.emit('library:changed', { kind: 'patient', id: '*' });
    return { restored: true };
  },
};

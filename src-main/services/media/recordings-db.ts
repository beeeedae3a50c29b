import type { Condition, Recording, Trim, View } from '../../../src-shared/contract/recordings';
import type { DataLayer } from '../../data';
import { publicRecording, type MediaKind, type StoredRecording } from '../../data/recordings';
import type { RecordingsTable } from '../../data/schema';
import { ServiceError } from '../errors';

/** The recordings of a session (table `recordings`, src-main/data/recordings.ts) and their refusals. */
export type { MediaKind, StoredRecording };
/** A recording's row as the archive and the import write it whole. */
export type RecordingRow = RecordingsTable;

/** The recording with its files and frame count (main only); refused when absent or in the trash. */
export async function getRecordingRow(
  data: DataLayer,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): Promise<StoredRecording> {
  const rec = await data.recordings.get(id);
  if (!rec || (rec.deletedAt && !opts.includeDeleted))
    throw new ServiceError('not-found', `No recording with id ${id}.`, 'id');
  return rec;
}

export const getRecording = async (data: DataLayer, id: string): Promise<Recording> =>
  publicRecording(await getRecordingRow(data, id));

export async function listRecordings(data: DataLayer, sessionId: string): Promise<Recording[]> {
  return (await data.recordings.listForSession(sessionId)).map(publicRecording);
}

export function findDuplicate(
  data: DataLayer,
  sessionId: string,
  sha256: string,
): Promise<StoredRecording | undefined> {
  return data.recordings.findBySha(sessionId, sha256);
}

export async function updateRecording(
  data: DataLayer,
  id: string,
  change: { view?: View; condition?: Condition; trim?: Trim },
  now = new Date(),
): Promise<Recording> {
  const rec = await getRecordingRow(data, id);
  if (change.trim && change.trim.endFrame > rec.frameCount) {
    throw new ServiceError(
      'invalid-input',
      `trim.endFrame: the clip has ${rec.frameCount} frames, so the trim must end at frame ${rec.frameCount} or before.`,
      'trim.endFrame',
    );
  }
  const trim = change.trim ?? rec.trim;
  await data.recordings.update(
    id,
    {
      view: change.view ?? rec.view,
      condition: change.condition ?? rec.condition,
      trimStart: trim.startFrame,
      trimEnd: trim.endFrame,
    },
    now.toISOString(),
  );
  return getRecording(data, id);
}

export async function trashRecording(
  data: DataLayer,
  id: string,
  now = new Date(),
): Promise<{ deletedAt: string }> {
  await getRecordingRow(data, id);
  const deletedAt = now.toISOString();
  await data.recordings.setDeleted(id, deletedAt);
  return { deletedAt };
}

export async function restoreRecording(data: DataLayer, id: string): Promise<Recording> {
  const rec = await getRecordingRow(data, id, { includeDeleted: true });
  if (!rec.deletedAt) throw new ServiceError('not-found', `Recording ${id} is not in the trash.`, 'id');
  await data.recordings.setDeleted(id, null);
  return getRecording(data, id);
}

export function mediaPath(rec: StoredRecording, kind: MediaKind): string {
  return rec.paths[kind];
}

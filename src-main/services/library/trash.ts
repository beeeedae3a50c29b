import type { TrashItem } from '../../../src-shared/library/model';
import type { DataLayer } from '../../data';
import { ServiceError } from '../errors';
import { getPatient } from './patients';
import { getSession } from './sessions';

/**
 * Delete goes to the trash: the row gets a `deleted_at` and disappears from lists, and restore clears
 * it. Deleting a patient hides their sessions with them, and restoring brings them all back. Only a
 * purge removes rows for good (sessions cascade with their patient).
 */
export type TrashKind = TrashItem['kind'];

const repo = (data: DataLayer, kind: TrashKind) =>
  ({ patient: data.patients, session: data.sessions, recording: data.recordings })[kind];

export async function moveToTrash(
  data: DataLayer,
  kind: TrashKind,
  id: string,
  now = new Date(),
): Promise<{ deletedAt: string }> {
  if (kind === 'patient') await getPatient(data, id);
  else await getSession(data, id);
  const deletedAt = now.toISOString();
  await repo(data, kind).setDeleted(id, deletedAt);
  return { deletedAt };
}

export async function listTrash(data: DataLayer): Promise<TrashItem[]> {
  const { patients, sessions, recordings } = await data.trash.list();
  return [
    // Clips deleted on their own (not with their session or patient, which carry them back on restore).
    ...recordings.map((r) => ({
      kind: 'recording' as const,
      id: r.id,
      label: `${r.name} — ${r.view} ${r.conditionLabel} clip of ${r.date} (${r.originalName})`,
      deletedAt: r.deletedAt,
    })),
    ...patients.map((r) => ({ kind: 'patient' as const, id: r.id, label: r.name, deletedAt: r.deletedAt })),
    ...sessions.map((r) => ({
      kind: 'session' as const,
      id: r.id,
      label: `${r.name} — session ${r.date}`,
      deletedAt: r.deletedAt,
    })),
  ].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

async function requireTrashed(data: DataLayer, kind: TrashKind, id: string): Promise<void> {
  const found = await repo(data, kind).get(id);
  if (!found?.deletedAt) throw new ServiceError('not-found', `No ${kind} with id ${id} in the trash.`, 'id');
}

export async function restoreFromTrash(data: DataLayer, kind: TrashKind, id: string): Promise<void> {
  await requireTrashed(data, kind, id);
  await repo(data, kind).setDeleted(id, null);
}

export async function purgeFromTrash(data: DataLayer, kind: TrashKind, id: string): Promise<void> {
  await requireTrashed(data, kind, id);
  await repo(data, kind).purge(id);
}

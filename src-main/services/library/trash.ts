import type Database from 'better-sqlite3';
import type { TrashItem } from '../../../src-shared/library/model';
import { ServiceError } from '../errors';
import { getPatient } from './patients';
import { getSession } from './sessions';

/**
 * Delete goes to the trash: the row gets a `deleted_at` and disappears from lists, and restore clears
 * it. Deleting a patient hides their sessions with them, and restoring brings them all back. Only a
 * purge removes rows for good (sessions cascade with their patient).
 */
export type TrashKind = TrashItem['kind'];
const table = { patient: 'patients', session: 'sessions', recording: 'recordings' } as const;

export function moveToTrash(
  db: Database.Database,
  kind: TrashKind,
  id: string,
  now = new Date(),
): { deletedAt: string } {
  if (kind === 'patient') getPatient(db, id);
  else getSession(db, id);
  const deletedAt = now.toISOString();
  db.prepare(`UPDATE ${table[kind]} SET deleted_at = ? WHERE id = ?`).run(deletedAt, id);
  return { deletedAt };
}

export function listTrash(db: Database.Database): TrashItem[] {
  const patients = db
    .prepare(`SELECT id, name AS label, deleted_at FROM patients WHERE deleted_at IS NOT NULL`)
    .all() as { id: string; label: string; deleted_at: string }[];
  const sessions = db
    .prepare(
      `SELECT s.id, p.name || ' — session ' || s.date AS label, s.deleted_at FROM sessions s
       JOIN patients p ON p.id = s.patient_id WHERE s.deleted_at IS NOT NULL AND p.deleted_at IS NULL`,
    )
    .all() as { id: string; label: string; deleted_at: string }[];
  // Clips deleted on their own (not with their session or patient, which carry them back on restore).
  const recordings = db
    .prepare(
      `SELECT r.id, p.name || ' — ' || r.view || ' ' || r.condition_label || ' clip of ' || s.date || ' (' || r.original_name || ')' AS label,
              r.deleted_at
       FROM recordings r JOIN sessions s ON s.id = r.session_id JOIN patients p ON p.id = s.patient_id
       WHERE r.deleted_at IS NOT NULL AND s.deleted_at IS NULL AND p.deleted_at IS NULL`,
    )
    .all() as { id: string; label: string; deleted_at: string }[];
  return [
    ...recordings.map((r) => ({
      kind: 'recording' as const,
      id: r.id,
      label: r.label,
      deletedAt: r.deleted_at,
    })),
    ...patients.map((r) => ({ kind: 'patient' as const, id: r.id, label: r.label, deletedAt: r.deleted_at })),
    ...sessions.map((r) => ({ kind: 'session' as const, id: r.id, label: r.label, deletedAt: r.deleted_at })),
  ].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

function requireTrashed(db: Database.Database, kind: TrashKind, id: string): void {
  const row = db.prepare(`SELECT deleted_at FROM ${table[kind]} WHERE id = ?`).get(id) as
    { deleted_at: string | null } | undefined;
  if (!row?.deleted_at) throw new ServiceError('not-found', `No ${kind} with id ${id} in the trash.`, 'id');
}

export function restoreFromTrash(db: Database.Database, kind: TrashKind, id: string): void {
  requireTrashed(db, kind, id);
  db.prepare(`UPDATE ${table[kind]} SET deleted_at = NULL WHERE id = ?`).run(id);
}

export function purgeFromTrash(db: Database.Database, kind: TrashKind, id: string): void {
  requireTrashed(db, kind, id);
  db.prepare(`DELETE FROM ${table[kind]} WHERE id = ?`).run(id);
}

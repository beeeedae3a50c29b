/**
 * Optimistic versions (migration 0011): a row's version is raised by every save; a checked save
 * names the version it started from and changes the row only if it is still that one, in the same
 * UPDATE (`… WHERE id = ? AND version = ?`), so two workstations saving at once cannot both win on
 * either backend. The loser learns who saved and when, and chooses: reload, or keep theirs (save
 * again from the newer version).
 */
export interface EditStamp {
  readonly version: number;
  readonly updatedAt: string;
  /** The workstation that saved (absent for rows saved before 0011). */
  readonly updatedBy?: string;
}

export type CheckedSave =
  { readonly saved: true; readonly version: number } | { readonly saved: false; readonly current: EditStamp };

/** "Changed in room 2 at 10:42: reload to see it, or keep yours." (local time of this workstation) */
export function conflictMessage(current: EditStamp, what = 'This'): string {
  const at = new Date(current.updatedAt);
  const hhmm = Number.isNaN(at.getTime())
    ? ''
    : ` at ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  const where = current.updatedBy ? `in ${current.updatedBy}` : 'on another workstation';
  return `${what} was changed ${where}${hhmm} while you were editing: reload to see it, or keep yours.`;
}

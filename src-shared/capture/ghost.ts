/**
 * The ghost: last session's picture laid over the live camera, so the PT can put the camera back
 * where it was (same height, distance and angle make two sessions comparable: 2D angles change
 * with the camera's position). Which session and which clip, as pure choices.
 */
export interface SessionLike {
  readonly id: string;
  readonly date: string;
  readonly createdAt: string;
  readonly deletedAt?: string;
}

export interface RecordingLike {
  readonly id: string;
  readonly view: string;
  readonly createdAt: string;
  readonly deletedAt?: string;
}

/** The patient's latest session before `current` (by date, then by when it was created). */
export function previousSession<S extends SessionLike>(
  sessions: readonly S[],
  current: SessionLike,
): S | undefined {
  const key = (s: SessionLike): string => `${s.date} ${s.createdAt}`;
  return sessions
    .filter((s) => s.id !== current.id && !s.deletedAt && key(s) < key(current))
    .sort((a, b) => (key(a) < key(b) ? 1 : -1))[0];
}

/** The clip of `view` to show as the ghost: the session's newest one of that view. */
export function ghostRecording<R extends RecordingLike>(
  recordings: readonly R[],
  view: string,
): R | undefined {
  return recordings
    .filter((r) => r.view === view && !r.deletedAt)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
}

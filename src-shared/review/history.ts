/**
 * Undo/redo for the review's edits (hand corrections, measurements, key frames). An edit is data
 * that carries both states (before and after), so undoing is applying its inverse, and the stack
 * never holds closures or copies of the whole document (the command pattern, as in Excalidraw's
 * history of element deltas). Ctrl+Z / Ctrl+Shift+Z walk it.
 */

export interface History<E> {
  readonly past: readonly E[];
  readonly future: readonly E[];
}

/** Enough for a session's worth of corrections; older edits stay saved, only their undo is dropped. */
export const HISTORY_LIMIT = 200;

export function emptyHistory<E>(): History<E> {
  return { past: [], future: [] };
}

/** Record an edit that was just applied. A new edit clears the redo branch. */
export function record<E>(h: History<E>, edit: E, limit = HISTORY_LIMIT): History<E> {
  const past = [...h.past, edit];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

/** The edit to undo (apply its inverse) and the history after it; undefined edit when nothing to undo. */
export function undo<E>(h: History<E>): { history: History<E>; edit?: E } {
  const edit = h.past[h.past.length - 1];
  if (edit === undefined) return { history: h };
  return { history: { past: h.past.slice(0, -1), future: [edit, ...h.future] }, edit };
}

/** The edit to redo (apply it again) and the history after it. */
export function redo<E>(h: History<E>): { history: History<E>; edit?: E } {
  const edit = h.future[0];
  if (edit === undefined) return { history: h };
  return { history: { past: [...h.past, edit], future: h.future.slice(1) }, edit };
}

/** An edit as a before/after pair: the inverse swaps them. */
export interface Change<S> {
  readonly before: S;
  readonly after: S;
}

export function invert<C extends Change<unknown>>(c: C): C {
  return { ...c, before: c.after, after: c.before };
}

/**
 * The PT's words on the report page, saved as they are typed: each change is stored after a short
 * pause (no Save button to forget; leaving the page saves what is pending), and every export first
 * waits for the save, so the file matches what is on screen. Removing a finding or an exercise and
 * going back to the suggestions can be undone (one step), because both throw away the PT's words.
 * Each save names the version of the saved words it started from, so when another workstation
 * saved them meanwhile the save is refused and the page says who and when (state 'conflict'): the PT
 * reloads theirs, or keeps these (saved over them, knowingly).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReportEdits } from '../../../src-shared/contract/report';
import type { ReportBundle } from '../../../src-shared/report/model';
import { api, ApiError } from '../api/client';

/** Pause after the last keystroke before saving: long enough not to save every letter. */
const SAVE_AFTER_MS = 600;

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: string }
  | { readonly kind: 'error'; readonly message: string; readonly where?: Problem }
  | { readonly kind: 'conflict'; readonly message: string };

/** Which box a refused save is about (from the service's field path, e.g. `edits.findings.0.text`). */
export interface Problem {
  readonly list: 'findings' | 'plan';
  readonly index: number;
}

export interface Undoable {
  /** What the undo puts back, in words ("Finding 2 removed."). */
  readonly said: string;
  readonly edits: ReportEdits;
  /** True when the undo must also bring back a reset (the saved words were deleted). */
  readonly wasReset?: boolean;
}

export function editsOf(bundle: ReportBundle): ReportEdits {
  const m = bundle.model;
  return {
    findings: m.findings.map((f) => ({
      id: f.id,
      text: f.text,
      evidence: [...f.evidence],
      ...(f.pin ? { pin: f.pin } : {}),
      ...(f.cue ? { cue: f.cue.text } : {}),
    })),
    plan: m.plan.map((p) => ({
      id: p.id,
      title: p.title,
      detail: p.detail,
      ...(p.why ? { why: p.why } : {}),
      ...(p.since ? { since: p.since } : {}),
    })),
    notes: m.notes,
  };
}

function problemOf(err: unknown): Problem | undefined {
  const m = err instanceof ApiError ? /^edits\.(findings|plan)\.(\d+)\./.exec(err.field ?? '') : null;
  return m ? { list: m[1] as Problem['list'], index: Number(m[2]) } : undefined;
}

/**
 * Saves under way, by session, across the page's instances: leaving the page saves what was typed
 * last, and the report is built afresh (a new instance) when a clip finishes. The next instance
 * reads the words and their version only after that save: read before it, the page showed the
 * words from before the PT's last ones, and the next save, built on them, threw those away.
 */
const savesUnderWay = new Map<string, Promise<void>>();
export const afterSaves = (sessionId: string): Promise<void> =>
  savesUnderWay.get(sessionId) ?? Promise.resolve();

export function useReportEdits(sessionId: string, bundle: ReportBundle | undefined, reload: () => void) {
  const [local, setLocal] = useState<ReportEdits | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [undo, setUndo] = useState<Undoable | undefined>(undefined);
  const pending = useRef<ReportEdits | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<void>>(Promise.resolve());
  /** The version of the saved words this page's edits build on (undefined until read). */
  const version = useRef<number | undefined>(undefined);
  // Its first read: a save waits for it. Typed before it answered (a busy server), a save went
  // without a version and overwrote words saved meanwhile in another room, unseen.
  const versionRead = useRef<Promise<void>>(Promise.resolve());
  /** The edits a refused save held, for Keep mine. */
  const refused = useRef<ReportEdits | undefined>(undefined);
  const current = local ?? (bundle ? editsOf(bundle) : undefined);
  const readVersion = useCallback(async (): Promise<void> => {
    await afterSaves(sessionId);
    version.current = (await api('report:editsStamp', { sessionId })).version;
  }, [sessionId]);
  useEffect(() => {
    version.current = undefined;
    versionRead.current = readVersion().catch(() => undefined);
  }, [readVersion]);

  /** Save what is pending now (and wait for any save under way). Resolves once stored or refused. */
  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const edits = pending.current;
    pending.current = undefined;
    if (edits) {
      running.current = running.current.then(async () => {
        setSave({ kind: 'saving' });
        try {
          await versionRead.current;
          const basedOn = version.current;
          const saved = await api('report:saveEdits', {
            sessionId,
            edits,
            ...(basedOn !== undefined ? { basedOn } : {}),
          });
          if (saved.version !== undefined) version.current = saved.version;
          // A newer change waiting keeps the page saying so.
          if (!pending.current) setSave({ kind: 'saved', at: saved.savedAt });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'conflict') {
            // What was typed since is kept with it: Keep mine saves the newest.
            refused.current = pending.current ?? edits;
            pending.current = undefined;
            clearTimeout(timer.current);
            setSave({ kind: 'conflict', message: err.message });
            return;
          }
          const where = problemOf(err);
          setSave({
            kind: 'error',
            message: err instanceof Error ? err.message : String(err),
            ...(where ? { where } : {}),
          });
        }
      });
      const under = running.current;
      savesUnderWay.set(sessionId, under);
      void under.then(() => savesUnderWay.get(sessionId) === under && savesUnderWay.delete(sessionId));
    }
    return running.current;
  }, [sessionId]);

  // Leaving the page (or this session) stores what was typed last.
  useEffect(() => () => void flush(), [flush]);

  const change = useCallback(
    (next: ReportEdits, undoable?: Undoable): void => {
      setLocal(next);
      setUndo(undoable);
      pending.current = next;
      setSave({ kind: 'pending' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_AFTER_MS);
    },
    [flush],
  );

  /** Forget the PT's words (after they confirmed); the undo brings them back. */
  const resetToSuggestions = useCallback(async (): Promise<void> => {
    if (!current) return;
    const before = current;
    pending.current = undefined;
    clearTimeout(timer.current);
    await running.current;
    await api('report:resetEdits', { sessionId });
    version.current = 0;
    setLocal(undefined);
    setSave({ kind: 'idle' });
    setUndo({ said: 'Back to the suggestions.', edits: before, wasReset: true });
    reload();
  }, [current, sessionId, reload]);

  /** After a conflict: show the other workstation's words, dropping what was typed here. */
  const reloadTheirs = useCallback(async (): Promise<void> => {
    pending.current = undefined;
    refused.current = undefined;
    clearTimeout(timer.current);
    await running.current;
    await readVersion();
    setLocal(undefined);
    setUndo(undefined);
    setSave({ kind: 'idle' });
    reload();
  }, [readVersion, reload]);

  /** After a conflict: save what is on screen over the other workstation's words. */
  const keepMine = useCallback(async (): Promise<void> => {
    const mine = refused.current ?? pending.current;
    refused.current = undefined;
    await readVersion();
    if (!mine) return;
    pending.current = mine;
    await flush();
  }, [readVersion, flush]);

  const undoLast = useCallback(async (): Promise<void> => {
    if (!undo) return;
    change(undo.edits);
    setUndo(undefined);
    await flush();
    if (undo.wasReset) reload();
  }, [undo, change, flush, reload]);

  return {
    current,
    edited: local !== undefined,
    save,
    undo,
    change,
    flush,
    resetToSuggestions,
    undoLast,
    reloadTheirs,
    keepMine,
  };
}

import { useCallback, useRef, useState } from 'react';
import type { Condition, ImportPhase, Recording, View } from '../../../src-shared/contract/recordings';
import { api, ApiError, useEvent } from '../api/client';
import { uploadFile } from './upload';

/**
 * One import at a time per slot: upload (browser mode) or dialog handle (Electron), then
 * `recordings:import` with a job id we choose, so progress events can be matched and the job
 * cancelled while the call is still running. The page stays usable: everything here is async.
 */
type Source = { kind: 'upload'; uploadId: string } | { kind: 'handle'; handle: string };

export type ImportState =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'running';
      readonly phase: ImportPhase | 'upload';
      readonly fraction: number;
      readonly secondsLeft?: number;
      readonly name: string;
    }
  | {
      readonly kind: 'failed';
      readonly message: string;
      readonly duplicate?: { readonly source: Source; readonly name: string };
    }
  | { readonly kind: 'done'; readonly recording: Recording };

export function useClipImport(sessionId: string, view: View, condition: Condition) {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const job = useRef<{ id: string; abort: AbortController } | undefined>(undefined);

  useEvent('recordings:progress', (p) => {
    if (p.jobId !== job.current?.id) return;
    setState((s) =>
      s.kind === 'running' ? { ...s, phase: p.phase, fraction: p.fraction, secondsLeft: p.secondsLeft } : s,
    );
  });

  const runImport = useCallback(
    async (source: Source, name: string, allowDuplicate: boolean): Promise<void> => {
      const id = crypto.randomUUID();
      job.current = { id, abort: new AbortController() };
      setState({ kind: 'running', phase: 'copy', fraction: 0, name });
      try {
        const recording = await api('recordings:import', {
          sessionId,
          source,
          view,
          condition,
          jobId: id,
          allowDuplicate,
        });
        setState({ kind: 'done', recording });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const duplicate = err instanceof ApiError && err.code === 'conflict' ? { source, name } : undefined;
        setState(
          err instanceof ApiError && err.code === 'cancelled'
            ? { kind: 'idle' }
            : { kind: 'failed', message, duplicate },
        );
      } finally {
        job.current = undefined;
      }
    },
    [sessionId, view, condition],
  );

  const importFile = useCallback(
    async (file: File): Promise<void> => {
      const abort = new AbortController();
      job.current = { id: '', abort };
      setState({ kind: 'running', phase: 'upload', fraction: 0, name: file.name });
      try {
        const up = await uploadFile(
          file,
          (f) => setState((s) => (s.kind === 'running' ? { ...s, fraction: f } : s)),
          abort.signal,
        );
        await runImport({ kind: 'upload', uploadId: up.uploadId }, up.name, false);
      } catch (err) {
        const cancelled = err instanceof ApiError && err.code === 'cancelled';
        setState(
          cancelled
            ? { kind: 'idle' }
            : { kind: 'failed', message: err instanceof Error ? err.message : String(err) },
        );
        job.current = undefined;
      }
    },
    [runImport],
  );

  /** Electron: main opens the native dialog and hands back an opaque handle. */
  const pickAndImport = useCallback(async (): Promise<void> => {
    try {
      const [chosen] = await api('recordings:pick', { multiple: false });
      if (chosen) await runImport({ kind: 'handle', handle: chosen.handle }, chosen.name, false);
    } catch (err) {
      setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }, [runImport]);

  const cancel = useCallback((): void => {
    const current = job.current;
    if (!current) return;
    current.abort.abort();
    if (current.id) void api('recordings:cancel', { jobId: current.id });
  }, []);

  const reset = useCallback(() => setState({ kind: 'idle' }), []);
  /** After "already in this session": the PT chose to import the same file again. */
  const importAnyway = useCallback((): void => {
    if (state.kind === 'failed' && state.duplicate)
      void runImport(state.duplicate.source, state.duplicate.name, true);
  }, [state, runImport]);
  return { state, importFile, pickAndImport, cancel, reset, importAnyway };
}

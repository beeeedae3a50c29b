import { useRef, useState } from 'react';
import { api } from '../api/client';
import { transport } from '../api/transport';
import { navigate } from '../router';
import { uploadFile } from './upload';

/** "Export session": main writes one .stridelab-session archive; the browser downloads it. */
export function ExportSessionButton(props: { sessionId: string }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const run = async (): Promise<void> => {
    setBusy(true);
    setMessage(undefined);
    try {
      const out = await api('sessions:export', { id: props.sessionId });
      const a = document.createElement('a');
      a.href = transport.apiUrl(out.downloadUrl);
      a.download = out.fileName;
      a.click();
      setMessage(`Exported ${out.fileName} (${(out.sizeBytes / 1e6).toFixed(1)} MB).`);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="secondary" disabled={busy} onClick={() => void run()}>
        {busy ? 'Exporting…' : 'Export session'}
      </button>
      {message && (
        <span className="muted" role="status">
          {message}
        </span>
      )}
    </>
  );
}

/**
 * "Import session archive…" (for the patient list): uploads a .stridelab-session file and imports
 * it; the new session opens when done.
 */
export function ImportArchiveButton() {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  type Source = { kind: 'upload'; uploadId: string } | { kind: 'handle'; handle: string };
  const importFrom = async (source: () => Promise<Source | undefined>): Promise<void> => {
    setState({ busy: true });
    try {
      const chosen = await source();
      if (!chosen) return setState({ busy: false });
      const result = await api('sessions:importArchive', { source: chosen });
      setState({ busy: false });
      navigate({ page: 'session', id: result.sessionId });
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const run = (file: File): Promise<void> =>
    importFrom(async () => {
      const up = await uploadFile(file, () => undefined, new AbortController().signal);
      return { kind: 'upload', uploadId: up.uploadId };
    });
  // Electron: the native dialog in main hands back an opaque handle.
  const pick = (): Promise<void> =>
    importFrom(async () => {
      const [chosen] = await api('recordings:pick', { accept: 'archive' });
      return chosen ? { kind: 'handle', handle: chosen.handle } : undefined;
    });
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={state.busy}
        onClick={() => (transport.kind === 'electron' ? void pick() : input.current?.click())}
      >
        {state.busy ? 'Importing…' : 'Import session archive…'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".stridelab-session"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void run(file);
        }}
      />
      {state.error && (
        <span className="error" role="alert">
          {state.error}
        </span>
      )}
    </>
  );
}

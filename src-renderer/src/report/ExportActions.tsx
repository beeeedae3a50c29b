/**
 * The report's exports (PDF, data, annotated video) and where they went. Each export first waits for
 * the PT's last words to be saved (`beforeExport`), so the file says what the screen says. After a
 * PDF: its name and pages, the folder it was written to, a link to open it and one to download it,
 * and in the Electron shell "Show in folder" (main opens the folder itself; no path is sent). The
 * session's last PDF is asked for when the page opens (`report:lastPdf`: main finds it by the
 * session), so it is linked after a reload too; before, only the export's answer was, and a reload
 * lost it. Where the PT's words were saved after the PDF was written (main's `wordsChangedAt`, or a
 * save on this page since), the page says so: the PDF in the folder no longer says what the page
 * does, and a PT could hand it over.
 */
import { useEffect, useRef, useState } from 'react';
import type { EventPayload, Output } from '../../../src-shared/contract';
import { api, useEvent } from '../api/client';
import { transport } from '../api/transport';

type PdfResult = Output<'report:exportPdf'>;

/** Each export step in the PT's words: the status read "Exporting: frames 0%", "render 40%". */
const STEP_WORDS: Record<EventPayload<'report:progress'>['phase'], string> = {
  frames: 'drawing the key frames',
  render: 'laying out the pages',
  write: 'saving the file',
  video: 'drawing the annotated video',
};

/** Whether words saved at any of `savedAt` came after the PDF written at `writtenAt` (ISO times). */
const wordsAfter = (writtenAt: string, ...savedAt: (string | undefined)[]): boolean =>
  savedAt.some((t) => t !== undefined && Date.parse(t) > Date.parse(writtenAt));

export function ExportActions(props: {
  sessionId: string;
  beforeExport: () => Promise<void>;
  /** When this page last saved the PT's words (the service's time), if it has. */
  wordsSavedAt?: string | undefined;
}) {
  const { sessionId } = props;
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [pdf, setPdf] = useState<PdfResult | undefined>(undefined);
  const [files, setFiles] = useState<{ fileName: string; url: string }[]>([]);
  // The newest save seen: while the next is pending the page has none to pass (React's "state from
  // the previous render" pattern, set while rendering).
  const [savedAt, setSavedAt] = useState<string | undefined>(undefined);
  if (props.wordsSavedAt && props.wordsSavedAt !== savedAt) setSavedAt(props.wordsSavedAt);
  useEffect(() => {
    let live = true;
    // An export answered meanwhile is newer: it stands.
    api('report:lastPdf', { sessionId })
      .then((r) => live && r && setPdf((p) => p ?? r))
      .catch((e: unknown) => live && setStatus(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [sessionId]);
  // Progress arrives on the event stream, which can trail the call's answer: once the export has
  // answered, late progress must not overwrite its result.
  const exporting = useRef(false);
  useEvent('report:progress', (p) => {
    if (exporting.current && p.sessionId === sessionId)
      setStatus(`Exporting: ${STEP_WORDS[p.phase]}… ${Math.round(p.fraction * 100)}%`);
  });
  const run = async (what: () => Promise<string>): Promise<void> => {
    setBusy(true);
    exporting.current = true;
    try {
      await props.beforeExport();
      setStatus(await what());
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    } finally {
      exporting.current = false;
      setBusy(false);
    }
  };
  const addFiles = (list: readonly { fileName: string; downloadUrl: string }[]): void =>
    setFiles((d) => [
      ...d.filter((f) => !list.some((x) => x.fileName === f.fileName)),
      ...list.map((f) => ({ fileName: f.fileName, url: transport.apiUrl(f.downloadUrl) })),
    ]);
  const pdfUrl = pdf && transport.apiUrl(pdf.downloadUrl);
  return (
    <div className="export-actions">
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const r = await api('report:exportPdf', { sessionId });
              setPdf(r);
              return `PDF saved: ${r.fileName} (${r.pages} pages)`;
            })
          }
        >
          Export PDF
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const r = await api('report:exportData', { sessionId });
              addFiles(r.files);
              return `Data saved: ${r.files.map((f) => f.fileName).join(', ')}`;
            })
          }
        >
          Export data (JSON, CSV)
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const r = await api('report:exportVideo', { sessionId });
              addFiles(r.files);
              return `Annotated video saved: ${r.files.map((f) => f.fileName).join(', ')}`;
            })
          }
        >
          Annotated video
        </button>
      </div>
      <p role="status" className="muted" data-testid="report-status">
        {status}
      </p>
      {pdf && pdfUrl && (
        <div className="export-where" data-testid="export-where">
          <p data-testid="export-last">
            Last PDF: {pdf.fileName} ({pdf.pages} {pdf.pages === 1 ? 'page' : 'pages'}), written{' '}
            {new Date(pdf.writtenAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
          </p>
          {wordsAfter(pdf.writtenAt, pdf.wordsChangedAt, savedAt) && (
            <p className="notice" role="status" data-testid="export-stale">
              Your words changed after this PDF was written: export again.
            </p>
          )}
          <p>
            Saved in <code data-testid="export-folder">{pdf.folder}</code>
          </p>
          <p className="actions">
            <a href={pdfUrl} target="_blank" rel="noreferrer">
              Open the PDF
            </a>
            <a href={pdfUrl} download={pdf.fileName}>
              Download the PDF
            </a>
            {pdf.canShowFolder && (
              <button
                type="button"
                className="secondary small"
                onClick={() =>
                  void api('report:showExport', { fileName: pdf.fileName }).catch((e: unknown) =>
                    setStatus(e instanceof Error ? e.message : String(e)),
                  )
                }
              >
                Show in folder
              </button>
            )}
          </p>
        </div>
      )}
      {files.length > 0 && (
        <p className="actions">
          {files.map((f) => (
            <a key={f.fileName} href={f.url} download={f.fileName}>
              {f.fileName}
            </a>
          ))}
        </p>
      )}
    </div>
  );
}

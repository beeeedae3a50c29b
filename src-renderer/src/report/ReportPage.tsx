import { useRef, useState } from 'react';
import type { ReportEdits } from '../../../src-shared/contract/report';
import type { ReportBundle } from '../../../src-shared/report/model';
import { api, useEvent } from '../api/client';
import { transport } from '../api/transport';
import { useLoad } from '../useLoad';
import { ReportDocument } from './ReportDocument';
import { ReportEditor } from './ReportEditor';

/**
 * `#/sessions/<id>/report`: the report as it will print, beside the PT's words. Edits show in the
 * preview at once; Save stores them in the library (report:saveEdits), Export prints the PDF from
 * what is saved, so the file always matches the library.
 */
function editsOf(bundle: ReportBundle): ReportEdits {
  const m = bundle.model;
  return {
    findings: m.findings.map((f) => ({ id: f.id, text: f.text, evidence: [...f.evidence] })),
    plan: m.plan.map((p) => ({
      id: p.id,
      title: p.title,
      detail: p.detail,
      ...(p.why ? { why: p.why } : {}),
    })),
    notes: m.notes,
  };
}

function applyEdits(bundle: ReportBundle, edits: ReportEdits): ReportBundle {
  return {
    ...bundle,
    model: { ...bundle.model, findings: edits.findings, plan: edits.plan, notes: edits.notes, edited: true },
  };
}

export function ReportPage(props: { sessionId: string }) {
  const { data, error, reload } = useLoad(
    () => api('report:get', { sessionId: props.sessionId }),
    [props.sessionId],
  );
  const [edits, setEdits] = useState<ReportEdits | undefined>(undefined);
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [pdfUrl, setPdfUrl] = useState<string | undefined>(undefined);
  const [dataFiles, setDataFiles] = useState<{ fileName: string; url: string }[]>([]);
  // Progress arrives on the event stream, which can trail the call's answer: once the export has
  // answered, late progress must not overwrite "PDF saved".
  const exporting = useRef(false);
  useEvent('report:progress', (p) => {
    if (exporting.current && p.sessionId === props.sessionId)
      setStatus(`Printing: ${p.phase} ${Math.round(p.fraction * 100)}%`);
  });
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p className="muted">Preparing the report…</p>;
  const current = edits ?? editsOf(data);
  const dirty = edits !== undefined;
  const run = async (what: () => Promise<string>): Promise<void> => {
    setBusy(true);
    try {
      setStatus(await what());
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const save = (): Promise<void> =>
    run(async () => {
      await api('report:saveEdits', { sessionId: props.sessionId, edits: current });
      setEdits(undefined);
      reload();
      return 'Saved.';
    });
  return (
    <section className="page report-page">
      <p className="crumbs">
        <a href={`#/sessions/${props.sessionId}`}>Session</a>
      </p>
      <div className="page-head">
        <h1>Report</h1>
        <div className="actions">
          <button type="button" disabled={busy || !dirty} onClick={() => void save()}>
            Save words
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await api('report:resetEdits', { sessionId: props.sessionId });
                setEdits(undefined);
                reload();
                return 'Back to the suggestions.';
              })
            }
          >
            Back to suggestions
          </button>
          <button
            type="button"
            disabled={busy || dirty}
            title={dirty ? 'Save your words first' : undefined}
            onClick={() =>
              void run(async () => {
                exporting.current = true;
                try {
                  const r = await api('report:exportPdf', { sessionId: props.sessionId });
                  setPdfUrl(transport.apiUrl(r.downloadUrl));
                  return `PDF saved: ${r.fileName} (${r.pages} pages)`;
                } finally {
                  exporting.current = false;
                }
              })
            }
          >
            Export PDF
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || dirty}
            onClick={() =>
              void run(async () => {
                const r = await api('report:exportData', { sessionId: props.sessionId });
                setDataFiles(
                  r.files.map((f) => ({ fileName: f.fileName, url: transport.apiUrl(f.downloadUrl) })),
                );
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
                exporting.current = true;
                try {
                  const r = await api('report:exportVideo', { sessionId: props.sessionId });
                  setDataFiles((d) => [
                    ...d,
                    ...r.files.map((f) => ({ fileName: f.fileName, url: transport.apiUrl(f.downloadUrl) })),
                  ]);
                  return `Annotated video saved: ${r.files.map((f) => f.fileName).join(', ')}`;
                } finally {
                  exporting.current = false;
                }
              })
            }
          >
            Annotated video
          </button>
        </div>
      </div>
      <p role="status" className="muted" data-testid="report-status">
        {status}
      </p>
      {(pdfUrl || dataFiles.length > 0) && (
        <p className="actions">
          {pdfUrl && (
            <a href={pdfUrl} target="_blank" rel="noreferrer">
              Open the PDF
            </a>
          )}
          {dataFiles.map((f) => (
            <a key={f.fileName} href={f.url} download={f.fileName}>
              {f.fileName}
            </a>
          ))}
        </p>
      )}
      <div className="report-layout">
        <ReportEditor edits={current} onChange={setEdits} />
        <div className="report-preview">
          <ReportDocument bundle={dirty ? applyEdits(data, current) : data} />
        </div>
      </div>
    </section>
  );
}

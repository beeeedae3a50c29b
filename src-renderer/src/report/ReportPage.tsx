import { useState } from 'react';
import { applyEdits } from '../../../src-shared/report/edits';
import { api } from '../api/client';
import { useLoad } from '../useLoad';
import { EditConflict } from '../components/EditConflict';
import { ExportActions } from './ExportActions';
import { ReportDocument } from './ReportDocument';
import { ReportEditor } from './ReportEditor';
import { ProvisionalNote } from './ProvisionalNote';
import { afterSaves, useReportEdits, type SaveState } from './useReportEdits';
import './report-page.css';

/**
 * `#/sessions/<id>/report`: the report as it will print, beside the PT's words. Edits show in the
 * preview at once (the same applyEdits the PDF uses: a removed finding takes its flags and plan
 * reasons along) and are saved as they are typed; exports wait for the last save.
 */
function saveWords(s: SaveState): string {
  switch (s.kind) {
    case 'idle':
      return '';
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'error':
      return `Not saved: ${s.message}`;
    case 'conflict':
      return 'Not saved';
  }
}

export function ReportPage(props: { sessionId: string }) {
  const { data, error, reload } = useLoad(
    () => afterSaves(props.sessionId).then(() => api('report:get', { sessionId: props.sessionId })),
    [props.sessionId],
  );
  const words = useReportEdits(props.sessionId, data, reload);
  const [asking, setAsking] = useState(false);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data || !words.current) return <p className="muted">Preparing the report…</p>;
  const current = words.current;
  const canReset = data.model.edited || words.edited;
  return (
    <section className="page report-page">
      <p className="crumbs">
        <a href={`#/sessions/${props.sessionId}`}>Session</a>
      </p>
      <div className="page-head">
        <h1>Report</h1>
        <ExportActions sessionId={props.sessionId} beforeExport={words.flush} />
      </div>
      <div className="report-words-bar">
        <span
          role="status"
          className={words.save.kind === 'error' || words.save.kind === 'conflict' ? 'error' : 'muted'}
          data-testid="save-status"
          data-state={words.save.kind}
        >
          {saveWords(words.save)}
        </span>
        {words.undo && (
          <span className="undo-offer" data-testid="undo-offer">
            {words.undo.said}{' '}
            <button type="button" className="secondary small" onClick={() => void words.undoLast()}>
              Undo
            </button>
          </span>
        )}
        {asking ? (
          <span className="confirm" role="alertdialog" aria-label="Back to the suggestions?">
            Replace your findings, plan and notes with the suggestions? You can undo this.{' '}
            <button
              type="button"
              className="danger small"
              onClick={() => {
                setAsking(false);
                void words.resetToSuggestions();
              }}
            >
              Replace with the suggestions
            </button>{' '}
            <button type="button" className="secondary small" autoFocus onClick={() => setAsking(false)}>
              Keep my words
            </button>
          </span>
        ) : !canReset ? (
          // The suggestions as they stand, reviewed: saved as the PT's words, so the report no longer
          // says "suggestions not yet reviewed".
          <button
            type="button"
            className="small"
            onClick={() =>
              void (async () => {
                words.change(current);
                await words.flush();
                reload();
              })()
            }
          >
            Accept the suggestions
          </button>
        ) : (
          <button
            type="button"
            className="secondary small"
            disabled={!canReset}
            title={canReset ? undefined : 'These are the suggestions already'}
            onClick={() => setAsking(true)}
          >
            Back to suggestions
          </button>
        )}
      </div>
      <ProvisionalNote sessionId={props.sessionId} printed={data.provisionalClips ?? []} />
      {words.save.kind === 'conflict' && (
        <EditConflict
          message={words.save.message}
          onReload={() => void words.reloadTheirs()}
          onKeepMine={() => void words.keepMine()}
        />
      )}
      <div className="report-layout">
        <ReportEditor
          edits={current}
          onChange={words.change}
          problem={words.save.kind === 'error' ? words.save.where : undefined}
        />
        <div className="report-preview">
          <ReportDocument
            bundle={words.edited ? { ...data, model: applyEdits(data.model, data.links, current) } : data}
          />
        </div>
      </div>
    </section>
  );
}

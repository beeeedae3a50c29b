import { applyEdits } from '../../../src-shared/report/edits';
import { api } from '../api/client';
import { useLoad } from '../useLoad';
import { EditConflict } from '../components/EditConflict';
import { ExportActions } from './ExportActions';
import { ReportDocument } from './ReportDocument';
import { ReportEditor } from './ReportEditor';
import { ProvisionalNote } from './ProvisionalNote';
import { ReportWordsBar } from './ReportWordsBar';
import { afterSaves, useReportEdits } from './useReportEdits';
import './report-page.css';

/**
 * `#/sessions/<id>/report`: the report as it will print, beside the PT's words. Edits show in the
 * preview at once (the same applyEdits the PDF uses: a removed finding takes its flags and plan
 * reasons along) and are saved as they are typed; exports wait for the last save.
 */
export function ReportPage(props: { sessionId: string }) {
  const { data, error, reload } = useLoad(
    () => afterSaves(props.sessionId).then(() => api('report:get', { sessionId: props.sessionId })),
    [props.sessionId],
  );
  const words = useReportEdits(props.sessionId, data, reload);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data || !words.current) return <p className="muted">Preparing the report…</p>;
  const current = words.current;
  return (
    <section className="page report-page">
      <p className="crumbs">
        <a href={`#/sessions/${props.sessionId}`}>Session</a>
      </p>
      <div className="page-head">
        <h1>Report</h1>
        <ExportActions
          sessionId={props.sessionId}
          beforeExport={words.flush}
          wordsSavedAt={words.save.kind === 'saved' ? words.save.at : undefined}
        />
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
        <div className="report-words">
          <ReportWordsBar
            save={words.save}
            edited={data.model.edited || words.edited}
            undo={words.undo}
            onUndo={() => void words.undoLast()}
            onAccept={() =>
              void (async () => {
                words.change(current);
                await words.flush();
                reload();
              })()
            }
            onReset={() => void words.resetToSuggestions()}
          />
          <ReportEditor
            edits={current}
            onChange={words.change}
            problem={words.save.kind === 'error' ? words.save.where : undefined}
          />
        </div>
        <div className="report-preview">
          <ReportDocument
            bundle={words.edited ? { ...data, model: applyEdits(data.model, data.links, current) } : data}
          />
        </div>
      </div>
    </section>
  );
}

import { useState } from 'react';
import { VIEWS, type Recording, type View } from '../../../src-shared/contract/recordings';
import { api } from '../api/client';
import { transport } from '../api/transport';
import type { ClipAnalysisStatus } from '../../../src-shared/contract/analysis';
import { AnalysisBadge } from '../analysis/AnalysisBadge';
import { ImportNotice } from './ImportNotice';

/**
 * One imported clip: thumbnail, what the probe found, and the PT's edits (view, condition, trim).
 * Trim is edited in frames (what the review steps through); seconds are shown beside it from the
 * proxy's constant rate, which for a variable-frame-rate clip is flagged as approximate.
 */
export function RecordingCard(props: { recording: Recording; analysis?: ClipAnalysisStatus | undefined }) {
  const r = props.recording;
  const p = r.probe;
  const [start, setStart] = useState(String(r.trim.startFrame));
  const [end, setEnd] = useState(String(r.trim.endFrame));
  const [error, setError] = useState<string | undefined>(undefined);
  const secs = (frame: number): string => `${(frame / p.proxyFps).toFixed(2)} s`;

  const save = async (change: Parameters<typeof api<'recordings:update'>>[1]): Promise<void> => {
    try {
      setError(undefined);
      await api('recordings:update', change);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const saveTrim = (): void =>
    void save({ id: r.id, trim: { startFrame: Number(start), endFrame: Number(end) } });
  const remove = async (): Promise<void> => {
    if (window.confirm(`Move "${r.originalName}" to the trash?`))
      await api('recordings:delete', { id: r.id });
  };

  return (
    <article
      className="clip-card"
      aria-label={`${r.view} view, ${r.condition.label}: ${r.originalName}`}
      data-recording={r.id}
    >
      <img
        className="clip-thumb"
        src={transport.apiUrl(`/api/media/${r.id}/thumb`)}
        alt={`Middle frame of ${r.originalName}`}
      />
      <div className="clip-body">
        <p className="clip-name" title={r.originalName}>
          {r.originalName}
        </p>
        <p className="muted clip-facts">
          {p.frameCount} frames · {p.averageFps.toFixed(2)} fps{p.variableFrameRate ? ' (variable)' : ''} ·{' '}
          {p.displayWidth}×{p.displayHeight} · {p.durationS.toFixed(1)} s{p.audio ? ' · sound' : ''}
        </p>
        <ImportNotice durationS={p.durationS} />
        <AnalysisBadge status={props.analysis} />
        <div className="clip-edit">
          <label>
            View{' '}
            <select value={r.view} onChange={(e) => void save({ id: r.id, view: e.target.value as View })}>
              {VIEWS.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <label>
            Condition{' '}
            <input
              defaultValue={r.condition.label}
              size={10}
              onBlur={(e) =>
                e.target.value.trim() !== r.condition.label &&
                void save({ id: r.id, condition: { ...r.condition, label: e.target.value } })
              }
            />
          </label>
        </div>
        <fieldset className="clip-trim">
          <legend>Trim (frames{p.variableFrameRate ? ', seconds approximate' : ''})</legend>
          <label>
            from{' '}
            <input
              type="number"
              min={0}
              max={p.frameCount - 1}
              value={start}
              onChange={(e) => setStart(e.target.value)}
            />
          </label>
          <label>
            to{' '}
            <input
              type="number"
              min={1}
              max={p.frameCount}
              value={end}
              onChange={(e) => setEnd(e.target.value)}
            />
          </label>
          <span className="muted">
            {secs(Number(start))} – {secs(Number(end))}
          </span>
          <button type="button" className="secondary" onClick={saveTrim}>
            Save trim
          </button>
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <a className="button secondary" href={`#/sessions/${r.sessionId}/review/${r.id}`}>
            Review
          </a>
          <button type="button" className="danger" onClick={() => void remove()}>
            Delete
          </button>
        </div>
      </div>
    </article>
  );
}

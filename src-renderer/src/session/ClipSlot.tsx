import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { Condition, ImportPhase, Recording, View } from '../../../src-shared/contract/recordings';
import { transport } from '../api/transport';
import type { ClipAnalysisStatus } from '../../../src-shared/contract/analysis';
import { RecordingCard } from './RecordingCard';
import { useClipImport } from './useClipImport';

const PHASE_LABEL: Record<ImportPhase | 'upload', (name: string) => string> = {
  upload: (name) => `Uploading “${name}”…`,
  copy: (name) => `Copying into the library “${name}”…`,
  probe: (name) => `Checking the clip “${name}”…`,
  // One review copy is made at a time (media/jobs.ts): say so, rather than an empty bar.
  wait: (name) => `“${name}” waits for the other clip’s review copy to finish…`,
  proxy: (name) => `Making the review copy “${name}”…`,
  thumbnail: (name) => `Making the thumbnail “${name}”…`,
  finish: (name) => `Finishing “${name}”…`,
};

/**
 * One view × condition slot: its clips, and a drop zone with a "Choose file" button (the keyboard
 * path: the button is a real button, the file input behind it is the browser's own picker).
 */
export function ClipSlot(props: {
  sessionId: string;
  view: View;
  label: string;
  recordings: readonly Recording[];
  analysis?: Readonly<Record<string, ClipAnalysisStatus>>;
}) {
  // Filed under its label; main adds the settings planned for it (library/conditions.ts).
  const condition = useMemo<Condition>(() => ({ label: props.label }), [props.label]);
  const { state, importFile, pickAndImport, cancel, reset, importAnyway } = useClipImport(
    props.sessionId,
    props.view,
    condition,
  );
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const title = `${props.view === 'side' ? 'Side' : 'Rear'} · ${props.label}`;

  const choose = (): void => {
    if (transport.kind === 'electron') void pickAndImport();
    else input.current?.click();
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && state.kind !== 'running') void importFile(file);
  };

  return (
    <section
      className={`clip-slot${over ? ' over' : ''}`}
      aria-label={title}
      data-slot={`${props.view}:${props.label}`}
    >
      <h4>{title}</h4>
      {props.recordings.map((r) => (
        <RecordingCard key={r.id} recording={r} analysis={props.analysis?.[r.id]} />
      ))}
      {state.kind === 'running' ? (
        <div className="clip-progress" role="status" aria-live="polite">
          <p>
            {PHASE_LABEL[state.phase](state.name)}
            {state.secondsLeft !== undefined && state.secondsLeft > 1 && (
              <span className="muted"> about {Math.ceil(state.secondsLeft)} s left</span>
            )}
          </p>
          <progress max={1} value={state.fraction} aria-label={`Import progress of ${state.name}`} />
          <button type="button" className="secondary" onClick={cancel}>
            Cancel
          </button>
        </div>
      ) : (
        <div
          className="clip-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <p className="muted">{props.recordings.length ? 'Drop another clip here' : 'Drop a clip here'}</p>
          <button type="button" onClick={choose}>
            Choose file…
          </button>
          <input
            ref={input}
            type="file"
            accept="video/*,.mp4,.mov,.m4v,.webm,.mkv,.avi"
            hidden
            data-testid={`file-${props.view}-${props.label}`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
      )}
      {state.kind === 'failed' && (
        <div className="clip-failed" role="alert">
          <p className="error">{state.message}</p>
          {state.duplicate && (
            <button type="button" className="secondary" onClick={importAnyway}>
              Import it anyway
            </button>
          )}
          <button type="button" className="secondary" onClick={reset}>
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}

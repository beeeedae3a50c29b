/** Key frames marked for the report: go to one, remove one, mark the frame on screen (K). */
import type { KeyFrameMark } from '../../../../src-shared/review/key-frames';
import type { ReviewClip } from '../model';

export interface KeyFramesPanelProps {
  readonly keyFrames: readonly KeyFrameMark[];
  readonly clips: readonly ReviewClip[];
  readonly onGo: (k: KeyFrameMark) => void;
  readonly onDelete: (id: string) => void;
  readonly onMark: () => void;
}

export function KeyFramesPanel(props: KeyFramesPanelProps) {
  const title = (id: string): string =>
    props.clips.find((c) => c.recordingId === id)?.title ?? 'another clip';
  return (
    <div className="key-frames">
      <h2>
        Key frames for the report{' '}
        <button type="button" className="secondary small" onClick={props.onMark} title="Mark this frame (K)">
          Mark frame (K)
        </button>
      </h2>
      {props.keyFrames.length === 0 ? (
        <p className="muted">None yet: go to a frame (e.g. with ] to an initial contact) and press K.</p>
      ) : (
        <ul className="key-frame-list" data-testid="key-frames">
          {props.keyFrames.map((k) => (
            <li key={k.id} data-frame={k.frame}>
              <button type="button" className="link" onClick={() => props.onGo(k)}>
                {k.label}
              </button>
              <span className="muted">
                {' '}
                {title(k.recordingId)}, frame {k.frame} · {k.t.toFixed(3)} s
              </span>
              <button
                type="button"
                className="secondary small"
                aria-label={`Remove key frame ${k.label}, frame ${k.frame}`}
                onClick={() => props.onDelete(k.id)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

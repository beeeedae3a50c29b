import { formatTakeTime } from '../../../src-shared/capture/takes';
import { seconds } from '../../../src-shared/units';

/** The start of the capture bar: Record/Stop, the take's clock, what is safely on disk, and the status line. */
export function TakeControls(props: {
  phase: 'idle' | 'starting' | 'recording' | 'stopping';
  onToggle: () => void;
  /** Seconds since the take started. */
  elapsed: number;
  /** Seconds of both cameras acknowledged on disk. */
  chunksSaved: number;
  message: string | undefined;
  /** e.g. " side 40 %" while the last take is being saved; empty otherwise. */
  savingNote: string;
}) {
  const recording = props.phase === 'recording';
  return (
    <>
      <button
        type="button"
        className={recording ? 'danger' : undefined}
        aria-pressed={recording}
        disabled={props.phase === 'starting' || props.phase === 'stopping'}
        onClick={props.onToggle}
      >
        {recording ? 'Stop (R)' : 'Record (R)'}
      </button>
      <span className="capture-timer" data-testid="take-timer" data-elapsed={props.elapsed.toFixed(1)}>
        {recording ? `● ${formatTakeTime(seconds(props.elapsed))}` : formatTakeTime(seconds(0))}
      </span>
      {recording && (
        <span className="muted" data-testid="seconds-saved" data-seconds={props.chunksSaved}>
          {props.chunksSaved} s safely saved
        </span>
      )}
      <span role="status" className="muted">
        {props.message}
        {props.savingNote}
      </span>
    </>
  );
}

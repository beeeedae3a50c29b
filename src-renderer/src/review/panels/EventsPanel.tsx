/**
 * Gait-event correction for mouse users (issue 20 item 3): the same actions as I / Shift+I, T /
 * Shift+T and Delete on the frame on screen, how many corrections the clip has, and the export of
 * its events in the hand-label format (so a clinic's corrections become test data). Undo / redo are
 * the transport's (Ctrl+Z / Ctrl+Shift+Z): event corrections share the review's history.
 */
import { useState } from 'react';
import type { ReviewAction } from '../../../../src-shared/review/keymap';
import { api } from '../../api/client';
import { transport } from '../../api/transport';
import { EventsSource } from './EventsSource';

export interface EventsPanelProps {
  readonly recordingId: string;
  readonly frame: number;
  /** The clip's corrections (review:eventEdits), in the order they apply. */
  readonly count: number;
  /** The analysis's own word on them (its 'events-corrected' flag), e.g. an edit that no longer applies. */
  readonly note?: string;
  /** Where the clip's events came from, per foot, where it has foot markers (its 'events-from-markers' flag). */
  readonly source?: string;
  readonly onAction: (a: ReviewAction) => void;
}

const MARKS = [
  ['initial-contact', 'left', 'Left contact', 'I'],
  ['initial-contact', 'right', 'Right contact', 'Shift+I'],
  ['toe-off', 'left', 'Left toe-off', 'T'],
  ['toe-off', 'right', 'Right toe-off', 'Shift+T'],
] as const;

export function EventsPanel({ recordingId, frame, count, note, source, onAction }: EventsPanelProps) {
  const [exported, setExported] = useState<{ fileName: string; url: string; n: number }>();
  const [message, setMessage] = useState<string>();
  const exportEvents = async (): Promise<void> => {
    setMessage(undefined);
    try {
      const out = await api('review:exportEvents', { recordingId });
      const url = transport.apiUrl(out.downloadUrl);
      setExported({ fileName: out.fileName, url, n: out.labels.events.length });
      const a = document.createElement('a');
      a.href = url;
      a.download = out.fileName;
      a.click();
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section className="review-panel events-panel" aria-label="Gait events" data-testid="events-panel">
      <h2>Gait events on frame {frame}</h2>
      <div className="events-buttons">
        {MARKS.map(([kind, side, words, key]) => (
          <button
            key={`${kind}-${side}`}
            type="button"
            className="small secondary"
            title={`${words} here (${key}): moves the one within 3 frames, or adds one`}
            onClick={() => onAction({ type: 'mark-event', kind, side })}
          >
            {words} here
          </button>
        ))}
        <button
          type="button"
          className="small secondary"
          title="Delete the initial contact or toe-off on this frame (Delete)"
          onClick={() => onAction({ type: 'delete-event' })}
        >
          Delete event here
        </button>
      </div>
      <EventsSource source={source} />
      <p className="muted" data-testid="events-count">
        {count === 0
          ? 'No events corrected by hand on this clip.'
          : `${count} correction${count === 1 ? '' : 's'} by hand on this clip (✎ on the timeline and in the steps; Ctrl+Z undoes).`}
        {note && ` ${note}`}
      </p>
      <p>
        <button type="button" className="link" onClick={() => void exportEvents()}>
          Export events
        </button>{' '}
        <span className="muted">(the clip&apos;s contacts and toe-offs in the hand-label format)</span>
      </p>
      {exported && (
        <p className="muted" role="status">
          Saved {exported.n} events to{' '}
          <a href={exported.url} download={exported.fileName} data-testid="events-download">
            {exported.fileName}
          </a>
          .
        </p>
      )}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}

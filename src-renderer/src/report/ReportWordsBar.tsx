import { useState } from 'react';
import type { SaveState, Undoable } from './useReportEdits';

/**
 * The head of the PT's words on the report page, above the editor: whether the findings and plan
 * are still the suggestions or the PT's own, the one action that goes with that (accept the
 * suggestions as they stand, or go back to them after saying yes), whether the words are saved, and
 * the undo of the last removal or reset. One panel of normal-size buttons: the accept button was a
 * small one alone on a line between the page's title and the editor, easy to take for a label.
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

export function ReportWordsBar(props: {
  readonly save: SaveState;
  /** The PT's words differ from the suggestions (saved or typed): "Back to suggestions" is offered. */
  readonly edited: boolean;
  readonly undo: Undoable | undefined;
  readonly onUndo: () => void;
  /** Save the suggestions as they stand as the PT's words (reviewed). */
  readonly onAccept: () => void;
  /** Replace the PT's words with the suggestions (asked first; undoable). */
  readonly onReset: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const failed = props.save.kind === 'error' || props.save.kind === 'conflict';
  return (
    <div className="report-words-bar" role="group" aria-label="Your words">
      <p className="words-state" data-testid="words-state">
        {props.edited
          ? 'Your words: the report prints what you write below.'
          : 'Suggestions, not yet reviewed: change what you would say otherwise, or accept them.'}
      </p>
      <div className="words-actions">
        {props.edited ? (
          <button type="button" className="secondary" disabled={asking} onClick={() => setAsking(true)}>
            Back to suggestions
          </button>
        ) : (
          // The suggestions as they stand, reviewed: saved as the PT's words, so the report no longer
          // says "suggestions not yet reviewed".
          <button type="button" onClick={props.onAccept}>
            Accept the suggestions
          </button>
        )}
        <span
          role="status"
          className={failed ? 'error' : 'muted'}
          data-testid="save-status"
          data-state={props.save.kind}
        >
          {saveWords(props.save)}
        </span>
      </div>
      {asking && (
        <div className="confirm" role="alertdialog" aria-label="Back to the suggestions?">
          <p>Replace your findings, plan and notes with the suggestions? You can undo this.</p>
          <div className="words-actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                setAsking(false);
                props.onReset();
              }}
            >
              Replace with the suggestions
            </button>
            <button type="button" className="secondary" autoFocus onClick={() => setAsking(false)}>
              Keep my words
            </button>
          </div>
        </div>
      )}
      {props.undo && (
        <p className="undo-offer" data-testid="undo-offer">
          {props.undo.said}{' '}
          <button type="button" className="secondary small" onClick={props.onUndo}>
            Undo
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * Keyboard hand correction on the active player (src-shared/review/point-edit.ts): the chosen point
 * and its unsaved move, and what `.` `,` Alt+arrows Enter Escape do with them. Saving goes through
 * the same `correct` as a drag, so undo/redo and the analysis treat both alike.
 */
import { useState } from 'react';
import type { LandmarkName, LandmarkSeries } from '../../../src-shared/pose/landmarks';
import type { ReviewAction } from '../../../src-shared/review/keymap';
import {
  choosePoint,
  draftOn,
  nudgePoint,
  pointWords,
  revertPoint,
  type PointDraft,
} from '../../../src-shared/review/point-edit';
import { frameOf } from './ClipPlayer';

type PointAction = Extract<ReviewAction, { type: 'select-point' | 'nudge-point' | 'save-point' | 'cancel' }>;

export interface PointEdit {
  /** The chosen point on the frame on screen, or null. */
  readonly draft: PointDraft | null;
  /** Handle a key's action; returns what to tell the PT, or undefined when it was not ours to handle. */
  act(action: PointAction): Promise<string> | string | undefined;
}

export function usePointEdit(opts: {
  readonly editing: boolean;
  readonly recordingId: string;
  readonly series: LandmarkSeries | undefined;
  readonly frame: number;
  readonly correct: (
    recordingId: string,
    frame: number,
    landmark: LandmarkName,
    to: { x: number; y: number },
  ) => Promise<void>;
}): PointEdit {
  const [stored, setStored] = useState<PointDraft | null>(null);
  const draft = opts.editing ? draftOn(stored, opts.recordingId, opts.frame) : null;
  const shown = frameOf(opts.series, opts.frame);

  const act = (action: PointAction): Promise<string> | string | undefined => {
    if (action.type === 'cancel') {
      if (!draft?.moved) return undefined;
      setStored(revertPoint(draft, shown));
      return `The ${pointWords(draft.landmark)} is back where it was.`;
    }
    if (!opts.editing) return 'Press E to correct points first.';
    if (action.type === 'select-point') {
      const next = choosePoint(shown, opts.recordingId, draft, action.dir);
      setStored(next);
      return next
        ? `Correcting the ${pointWords(next.landmark)}: Alt+arrows move it, Enter saves.`
        : 'No landmarks on this frame to correct.';
    }
    if (!draft) return 'Choose a point first with . or , (next / previous).';
    if (action.type === 'nudge-point') {
      const size = opts.series?.source ?? { width: Infinity, height: Infinity };
      setStored(nudgePoint(draft, action.dx, action.dy, size));
      return `The ${pointWords(draft.landmark)}: Enter saves, Escape puts it back.`;
    }
    if (!draft.moved) return `The ${pointWords(draft.landmark)} has not moved: nothing to save.`;
    const saving = draft;
    return opts.correct(saving.recordingId, saving.frame, saving.landmark, saving.at).then(() => {
      setStored((d) => (d === saving ? { ...d, moved: false } : d));
      return `Moved the ${pointWords(saving.landmark)} on frame ${saving.frame}.`;
    });
  };
  return { draft, act };
}

import { useState } from 'react';
import { TOOL_LABELS, TOOL_POINTS } from '../../../src-shared/review/measure';
import type { ToolDraft } from './panels/ToolsPanel';
import type { useReviewDoc } from './useReviewDoc';

/**
 * The measure tool being drawn (Kinovea-like: angle, lines, distance, note, calibration): its points
 * gather click by click; when the tool has all it needs, the measurement is saved on the frame on
 * screen and the tool stays armed for the next one, as Kinovea does. `say` reports in words.
 */
export function useMeasureTool(
  doc: Pick<ReturnType<typeof useReviewDoc>, 'saveMeasurement'>,
  where: { readonly recordingId: string; readonly frame: number },
  say: (message: string) => void,
) {
  const [draft, setDraft] = useState<ToolDraft | null>(null);
  const addPoint = (x: number, y: number): void => {
    if (!draft) return;
    const points = [...draft.points, [x, y] as const];
    if (points.length < TOOL_POINTS[draft.tool]) {
      setDraft({ ...draft, points });
      return;
    }
    setDraft({ ...draft, points: [] });
    const text = draft.text.trim();
    const lengthCm = Number(draft.lengthCm.replace(',', '.'));
    if (draft.tool === 'note' && !text) {
      say('Type the note first, then click where it goes.');
      return;
    }
    if (draft.tool === 'calibration' && !(lengthCm > 0)) {
      say('Type the real length of the line (cm) first, then click its two ends.');
      return;
    }
    doc
      .saveMeasurement({
        recordingId: where.recordingId,
        frame: where.frame,
        tool: draft.tool,
        points: points.map((p) => [p[0], p[1]] as [number, number]),
        ...(draft.tool === 'note' && { text }),
        ...(draft.tool === 'calibration' && { lengthCm }),
      })
      .then(
        () => say(`Saved: ${TOOL_LABELS[draft.tool].toLowerCase()} on frame ${where.frame}.`),
        (err: unknown) => say(err instanceof Error ? err.message : String(err)),
      );
  };
  return { draft, setDraft, addPoint };
}

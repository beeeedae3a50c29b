/**
 * Manual tools, like Kinovea's: pick a tool, click its points on the active player's picture; the
 * measurement is saved with the session on the frame on screen. A note needs its words and a
 * calibration line its real length before the points are placed. Lists the frame's measurements.
 */
import {
  MEASUREMENT_TOOLS,
  TOOL_LABELS,
  TOOL_POINTS,
  measure,
  type Measurement,
  type MeasurementTool,
} from '../../../../src-shared/review/measure';
import { toolKey } from '../../../../src-shared/review/keymap';

export interface ToolDraft {
  readonly tool: MeasurementTool;
  readonly points: readonly (readonly [number, number])[];
  readonly text: string;
  readonly lengthCm: string;
}

export interface ToolsPanelProps {
  readonly draft: ToolDraft | null;
  readonly onDraft: (d: ToolDraft | null) => void;
  /** Measurements on the frame on screen of the active clip. */
  readonly here: readonly Measurement[];
  readonly cmPerPx?: number;
  readonly onDelete: (id: string) => void;
}

export function ToolsPanel({ draft, onDraft, here, cmPerPx, onDelete }: ToolsPanelProps) {
  return (
    <div className="tools-panel">
      <h2>Measure</h2>
      <div className="tool-buttons" role="group" aria-label="Measurement tools">
        {MEASUREMENT_TOOLS.map((t) => (
          <button
            key={t}
            type="button"
            className="secondary small"
            aria-pressed={draft?.tool === t}
            title={`${TOOL_LABELS[t]} (key ${toolKey(t)})`}
            onClick={() =>
              onDraft(draft?.tool === t ? null : { tool: t, points: [], text: '', lengthCm: '' })
            }
          >
            {TOOL_LABELS[t]}
            <kbd>{toolKey(t)}</kbd>
          </button>
        ))}
      </div>
      {draft && (
        <p className="muted tool-hint" role="status">
          {TOOL_LABELS[draft.tool]}: click {TOOL_POINTS[draft.tool] - draft.points.length} more point
          {TOOL_POINTS[draft.tool] - draft.points.length === 1 ? '' : 's'} on the picture (Esc cancels).
          {draft.tool === 'note' && (
            <input
              aria-label="Note text"
              value={draft.text}
              maxLength={500}
              placeholder="e.g. heel lands well ahead of the hips"
              onChange={(e) => onDraft({ ...draft, text: e.target.value })}
            />
          )}
          {draft.tool === 'calibration' && (
            <input
              aria-label="Real length (cm)"
              inputMode="decimal"
              value={draft.lengthCm}
              placeholder="length in cm"
              onChange={(e) => onDraft({ ...draft, lengthCm: e.target.value })}
            />
          )}
        </p>
      )}
      {here.length > 0 && (
        <ul className="key-frame-list" data-testid="measurements">
          {here.map((m) => (
            <li key={m.id}>
              <span>
                {TOOL_LABELS[m.tool]}: <strong>{measure(m, cmPerPx).label}</strong>
              </span>
              <button
                type="button"
                className="secondary small"
                onClick={() => onDelete(m.id)}
                aria-label={`Delete ${TOOL_LABELS[m.tool]}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

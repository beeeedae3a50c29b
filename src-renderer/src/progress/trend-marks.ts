/**
 * The shapes that say where a plotted value came from (issue 15): a square for taped skin markers, a
 * circle for the pose model's landmarks, the same pair in the legend, the table and the report
 * (ReportProgress), so a PT reads one code everywhere. Shape, not colour: colour already says the side.
 */
import type { ProgressRow } from '../../../src-shared/progress';

import { HALF_PX, type PointSource } from './trend-geometry';

export { markHalfPx, SIDE_STEP_PX, sideOffsetPx, type PointSource } from './trend-geometry';

/** The legend's words and glyphs for each source. */
export const SOURCE_MARK = {
  markers: { glyph: '■', words: 'from taped markers' },
  landmarks: { glyph: '●', words: 'from the pose model' },
} as const;

/** Between visit `at - 1` and visit `at` the value's source changed; `words`: "pose landmarks then, markers now". */
export interface SourceChange {
  readonly at: number;
  readonly words: string;
}

/** A mark as drawn, in CSS pixels of the plot's canvas (left on the figure for tests to read). */
export interface DrawnMark {
  readonly series: string;
  readonly visit: number;
  /** Null: a plain point (no visit of this variable was measured with markers). */
  readonly source: PointSource | null;
  readonly x: number;
  readonly y: number;
  /** Half its width and height, white rim included (CSS px): what it covers is x ± half, y ± half. */
  readonly half: number;
}

/** Each visit's source in a row where markers measured some visit; null where there is no number. */
export function pointSources(r: ProgressRow): (PointSource | null)[] {
  return r.points.map((p) =>
    p.value.mean === null ? null : p.value.source?.from === 'markers' ? 'markers' : 'landmarks',
  );
}

/** The visits whose value came from another source than the visit before (on any of the rows, both with a number). */
export function sourceChanges(rows: readonly ProgressRow[]): SourceChange[] {
  const out = new Map<number, string>();
  for (const r of rows)
    r.points.forEach((p, i) => {
      // Only between two numbers: a visit without one has no source to change from.
      const words =
        p.value.mean !== null && r.points[i - 1]?.value.mean != null && p.vsPrevious?.sourcesDiffer;
      if (words && !out.has(i)) out.set(i, words);
    });
  return [...out].sort((a, b) => a[0] - b[0]).map(([at, words]) => ({ at, words }));
}

/** One mark at (x, y) in canvas pixels; `dpr` scales its size to the canvas. Null: a plain point. */
export function drawMark(
  ctx: CanvasRenderingContext2D,
  from: PointSource | null,
  x: number,
  y: number,
  colour: string,
  dpr: number,
): void {
  ctx.save();
  ctx.setLineDash([]);
  ctx.fillStyle = colour;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1 * dpr;
  ctx.beginPath();
  if (from === 'markers') {
    const h = HALF_PX.markers * dpr;
    ctx.rect(x - h, y - h, 2 * h, 2 * h);
  } else ctx.arc(x, y, HALF_PX[from ?? 'plain'] * dpr, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}

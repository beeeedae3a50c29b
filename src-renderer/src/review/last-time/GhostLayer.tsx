/**
 * Last time's skeleton over today's picture: one konva Shape painting the placed segments
 * (src-shared/review/ghost.ts) in one colour that neither side's tint uses, dashed, so the PT reads
 * "then" (ghost) against "now" (today's own overlay) at a glance. Video pixels; `unit` is one screen
 * pixel in video pixels, so the strokes keep their screen size at any zoom.
 */
import { Shape } from 'react-konva';
import type { GhostSegment } from '../../../../src-shared/review/ghost';

/** Magenta: far from the left blue, the right orange and the reference green of the overlay. */
export const GHOST_COLOUR = '#ff4fd8';

export function GhostLayer({ segments, unit }: { segments: readonly GhostSegment[]; unit: number }) {
  return (
    <Shape
      listening={false}
      name="last-time-ghost"
      sceneFunc={(konva) => {
        const ctx = konva._context;
        ctx.save();
        ctx.lineCap = 'round';
        ctx.strokeStyle = GHOST_COLOUR;
        ctx.lineWidth = 3 * unit;
        for (const s of segments) {
          ctx.globalAlpha = s.lowConfidence ? 0.45 : 0.85;
          ctx.setLineDash([8 * unit, 5 * unit]);
          ctx.beginPath();
          ctx.moveTo(s.a.x, s.a.y);
          ctx.lineTo(s.b.x, s.b.y);
          ctx.stroke();
        }
        ctx.restore();
      }}
    />
  );
}

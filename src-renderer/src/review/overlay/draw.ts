/**
 * Paint an overlay scene (src-shared/review/scene.ts) on a 2D context, in video pixels (the caller
 * sets the scale). One function over plain data: the static layer calls it from a single konva Shape,
 * so a frame change repaints one shape instead of diffing a tree of nodes.
 */
import type { Primitive, Tint } from '../../../../src-shared/review/scene';

/** Left blue, right orange: the colours video-analysis tools and gait reports commonly use per side. */
export const TINTS: Record<Tint, string> = { left: '#3b8cff', right: '#ff8a3d', centre: '#f5f5f5' };
const GUIDE = 'rgba(255,255,255,0.55)';
const REFERENCE = '#7ee787';

function label(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  colour: string,
  px: number,
): void {
  ctx.font = `600 ${px}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = px / 4;
  ctx.strokeStyle = 'rgba(0,0,0,0.75)';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

/**
 * `unit` is the size of one screen pixel in video pixels (1 / scale), so strokes and labels keep a
 * readable on-screen size whatever the video resolution.
 */
export function drawScene(ctx: CanvasRenderingContext2D, scene: readonly Primitive[], unit: number): void {
  ctx.save();
  ctx.lineCap = 'round';
  for (const p of scene) {
    switch (p.kind) {
      case 'segment':
        ctx.beginPath();
        ctx.setLineDash(p.lowConfidence ? [6 * unit, 5 * unit] : []);
        ctx.strokeStyle = TINTS[p.tint];
        ctx.globalAlpha = p.lowConfidence ? 0.6 : 0.95;
        ctx.lineWidth = 3 * unit;
        ctx.moveTo(p.a.x, p.a.y);
        ctx.lineTo(p.b.x, p.b.y);
        ctx.stroke();
        break;
      case 'point':
        ctx.beginPath();
        ctx.globalAlpha = 1;
        ctx.arc(p.at.x, p.at.y, (p.lowConfidence ? 6 : 4.5) * unit, 0, Math.PI * 2);
        if (p.lowConfidence) {
          // Uncertain: hollow, dashed, in a warning colour, so the PT sees where the model guessed.
          ctx.setLineDash([3 * unit, 3 * unit]);
          ctx.strokeStyle = '#ffd33d';
          ctx.lineWidth = 2 * unit;
          ctx.stroke();
        } else {
          ctx.setLineDash([]);
          ctx.fillStyle = TINTS[p.tint];
          ctx.fill();
          ctx.strokeStyle = 'rgba(0,0,0,0.6)';
          ctx.lineWidth = 1 * unit;
          ctx.stroke();
        }
        break;
      case 'arc': {
        const { center, radius, rotation, sweep } = p.arc;
        ctx.beginPath();
        ctx.setLineDash([]);
        ctx.globalAlpha = 0.9;
        ctx.strokeStyle = TINTS[p.tint];
        ctx.lineWidth = 2 * unit;
        const r = Math.max(radius, 12 * unit);
        const a0 = (rotation * Math.PI) / 180;
        ctx.arc(center.x, center.y, r, a0, a0 + (sweep * Math.PI) / 180);
        ctx.stroke();
        ctx.globalAlpha = 1;
        label(ctx, p.label, p.arc.labelAt.x, p.arc.labelAt.y, TINTS[p.tint], 13 * unit);
        break;
      }
      case 'reference':
        ctx.globalAlpha = 0.9;
        ctx.beginPath();
        ctx.setLineDash([5 * unit, 5 * unit]);
        ctx.strokeStyle = GUIDE;
        ctx.lineWidth = 1.5 * unit;
        ctx.moveTo(p.from.x, p.from.y);
        ctx.lineTo(p.guideTo.x, p.guideTo.y);
        ctx.stroke();
        ctx.beginPath();
        ctx.setLineDash([]);
        ctx.strokeStyle = REFERENCE;
        ctx.lineWidth = 2.5 * unit;
        ctx.moveTo(p.from.x, p.from.y);
        ctx.lineTo(p.to.x, p.to.y);
        ctx.stroke();
        ctx.globalAlpha = 1;
        label(ctx, p.label, p.to.x + 24 * unit, p.to.y, REFERENCE, 13 * unit);
        break;
    }
  }
  ctx.restore();
}

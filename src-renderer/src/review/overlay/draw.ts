/**
 * Paint an overlay scene (src-shared/review/scene.ts) on a 2D context, in video pixels (the caller
 * sets the scale). One function over plain data: the static layer calls it from a single konva Shape,
 * so a frame change repaints one shape instead of diffing a tree of nodes.
 */
import { LABEL_FONT_PX } from '../../../../src-shared/review/label-placement';
import type { Primitive, Tint } from '../../../../src-shared/review/scene';
import { imagePoint, type ImagePoint } from '../../../../src-shared/units';

/** Left blue, right orange: the colours video-analysis tools and gait reports commonly use per side. */
export const TINTS: Record<Tint, string> = { left: '#3b8cff', right: '#ff8a3d', centre: '#f5f5f5' };
const GUIDE = 'rgba(255,255,255,0.55)';
export const REFERENCE = '#7ee787';

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
 * A label moved off its spot (label-placement.ts) gets a thin line back to what it measures, so the
 * PT still sees which joint it belongs to.
 */
function leader(
  ctx: CanvasRenderingContext2D,
  from: ImagePoint,
  preferred: ImagePoint,
  to: ImagePoint,
  colour: string,
  unit: number,
): void {
  if (Math.hypot(to.x - preferred.x, to.y - preferred.y) < LABEL_FONT_PX * unit) return;
  ctx.beginPath();
  ctx.setLineDash([]);
  ctx.globalAlpha = 0.7;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1 * unit;
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(to.x, to.y);
  ctx.stroke();
  ctx.globalAlpha = 1;
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
        leader(ctx, p.arc.labelAt, p.arc.labelAt, p.labelAt, TINTS[p.tint], unit);
        label(ctx, p.label, p.labelAt.x, p.labelAt.y, TINTS[p.tint], LABEL_FONT_PX * unit);
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
        leader(ctx, p.to, imagePoint(p.to.x + 24 * unit, p.to.y), p.labelAt, REFERENCE, unit);
        label(ctx, p.label, p.labelAt.x, p.labelAt.y, REFERENCE, LABEL_FONT_PX * unit);
        break;
    }
  }
  ctx.restore();
}

/**
 * Draw the live skeleton: a plain draw function over plain state (house style 9). Segments come
 * from the review overlay's table, so the live picture and the review show the same body.
 */
import { Landmark } from '../../../src-shared/pose/landmarks';
import { LOW_CONFIDENCE, SKELETON_SEGMENTS } from '../../../src-shared/review/overlay-tables';

/** Returns how many landmarks were drawn (visible enough to trust). */
export function drawSkeleton(
  ctx: CanvasRenderingContext2D,
  points: Float32Array,
  width: number,
  height: number,
): number {
  ctx.clearRect(0, 0, width, height);
  if (points.length === 0) return 0;
  const at = (i: number) => ({ x: points[i * 3]!, y: points[i * 3 + 1]!, v: points[i * 3 + 2]! });
  const line = Math.max(2, Math.round(width / 320));
  ctx.lineWidth = line;
  ctx.strokeStyle = 'rgb(80 220 255 / 90%)';
  for (const [a, b] of SKELETON_SEGMENTS) {
    const p = at(Landmark[a]);
    const q = at(Landmark[b]);
    if (p.v < LOW_CONFIDENCE || q.v < LOW_CONFIDENCE) continue;
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(q.x, q.y);
    ctx.stroke();
  }
  let drawn = 0;
  ctx.fillStyle = 'rgb(255 210 80)';
  for (let i = 0; i < points.length / 3; i++) {
    const p = at(i);
    if (p.v < LOW_CONFIDENCE) continue;
    drawn++;
    ctx.beginPath();
    ctx.arc(p.x, p.y, line * 1.5, 0, Math.PI * 2);
    ctx.fill();
  }
  return drawn;
}

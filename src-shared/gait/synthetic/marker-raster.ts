/**
 * Pixels for the synthetic marker clips: an RGBA canvas in memory with anti-aliased capsules (the
 * simple body), motion-blurred discs (the markers) and static distractors. Coverage of a pixel by a
 * shape edge is approximated by clamp(0.5 − signed distance, 0, 1) from the pixel centre (a
 * one-pixel linear ramp: exact for a straight edge through the pixel at 0° or 90°, within ~0.05 of
 * the true area otherwise), so shapes are placed with sub-pixel accuracy; pixel i spans [i, i+1).
 */
export type Rgb = readonly [number, number, number];

export class Canvas {
  readonly data: Uint8ClampedArray;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }

  /** Copies another canvas of the same size (the static background). */
  copyFrom(other: Canvas): void {
    this.data.set(other.data);
  }

  fill(c: Rgb): void {
    const d = this.data;
    for (let i = 0; i < d.length; i += 4) {
      d[i] = c[0];
      d[i + 1] = c[1];
      d[i + 2] = c[2];
      d[i + 3] = 255;
    }
  }

  /** Blends colour c into pixel (x, y) with weight a (0..1). */
  blend(x: number, y: number, c: Rgb, a: number): void {
    if (a <= 0 || x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = 4 * (y * this.width + x);
    const d = this.data;
    const w = Math.min(1, a);
    d[i] = d[i]! + (c[0] - d[i]!) * w;
    d[i + 1] = d[i + 1]! + (c[1] - d[i + 1]!) * w;
    d[i + 2] = d[i + 2]! + (c[2] - d[i + 2]!) * w;
  }

  /** A filled axis-aligned rectangle with anti-aliased edges. */
  rect(x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.height, Math.ceil(y1)); y++) {
      const cy = Math.min(1, y + 1 - y0, y1 - y);
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(this.width, Math.ceil(x1)); x++) {
        const cx = Math.min(1, x + 1 - x0, x1 - x);
        this.blend(x, y, c, Math.max(0, cx) * Math.max(0, cy));
      }
    }
  }

  /** A capsule (thick segment with round ends) of radius r from a to b. */
  capsule(ax: number, ay: number, bx: number, by: number, r: number, c: Rgb): void {
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(Math.max(ax, bx) + r + 1));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(Math.max(ay, by) + r + 1));
    const vx = bx - ax;
    const vy = by - ay;
    const vv = vx * vx + vy * vy || 1;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5 - ax;
        const py = y + 0.5 - ay;
        const s = Math.max(0, Math.min(1, (px * vx + py * vy) / vv));
        const d = Math.hypot(px - s * vx, py - s * vy);
        this.blend(x, y, c, 0.5 + r - d);
      }
    }
  }

  /**
   * A disc of radius r moving from (ax, ay) to (bx, by) during the exposure, drawn as the average of
   * its coverage over evenly spaced instants (motion blur, box shutter), at most 0.25 px apart.
   */
  blurredDisc(ax: number, ay: number, bx: number, by: number, r: number, c: Rgb): void {
    const len = Math.hypot(bx - ax, by - ay);
    const k = Math.max(1, Math.ceil(len / 0.25));
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(Math.max(ax, bx) + r + 1));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(Math.max(ay, by) + r + 1));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        let cover = 0;
        for (let j = 0; j < k; j++) {
          const s = k === 1 ? 0.5 : j / (k - 1);
          const d = Math.hypot(x + 0.5 - (ax + s * (bx - ax)), y + 0.5 - (ay + s * (by - ay)));
          cover += Math.max(0, Math.min(1, 0.5 + r - d));
        }
        this.blend(x, y, c, cover / k);
      }
    }
  }

  /** Adds zero-mean noise from a table of Gaussian values (SD `sd` levels), starting at `offset`. */
  addNoise(table: Float32Array, offset: number, sd: number): void {
    const d = this.data;
    const n = table.length;
    let j = offset % n;
    for (let i = 0; i < d.length; i += 4) {
      const g = sd * table[j]!;
      j = (j + 7919) % n;
      d[i] = d[i]! + g;
      d[i + 1] = d[i + 1]! + g;
      d[i + 2] = d[i + 2]! + g;
    }
  }
}

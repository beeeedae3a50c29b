/**
 * Keeps the decoded frames around the playhead so a step is a cache hit (a canvas draw), not a
 * decode. The player says which frame it wants and in which direction the PT is moving; the pump
 * decodes that frame first, then pre-decodes ahead in that direction (and a few behind), and evicts
 * the frames farthest from the playhead. A stale request is never drawn: when the wanted frame
 * changes during a decode, the newer wish wins and the frame that comes back is only cached.
 *
 * Decoded frames are turned into ImageBitmaps at the size the player shows them, and the VideoFrame
 * is released at once: the YUV→RGB conversion and the scaling happen once, off the step's path
 * (drawing a 1080p VideoFrame costs tens of ms without a GPU), a step only blits, and the decoder
 * gets its output buffers back (WebCodecs decoders stall when their frames are held).
 */
import type { ClipDecoder } from './clip-decoder';

export interface PumpOptions {
  /** Frames kept decoded (each at display size, ~1 MB of RGBA for a 700 px wide player). */
  readonly capacity: number;
  /** Frames pre-decoded ahead of the playhead in the direction of travel. */
  readonly ahead: number;
  /** Frames pre-decoded behind it (a step back is common when looking for an event). */
  readonly behind: number;
  /** Frames decoded per decoder flush when pre-decoding. */
  readonly batch: number;
}

export const DEFAULT_PUMP: PumpOptions = { capacity: 32, ahead: 14, behind: 6, batch: 4 };

export interface DrawSize {
  readonly width: number;
  readonly height: number;
}

export class FramePump {
  private readonly cache = new Map<number, ImageBitmap>();
  private target = 0;
  private dir: 1 | -1 = 1;
  private running = false;
  private closed = false;
  private readonly frameCount: number;

  constructor(
    private readonly clip: ClipDecoder,
    /** Called with the wanted frame as soon as it is decoded (synchronously on a cache hit). */
    private readonly onReady: (index: number, frame: ImageBitmap) => void,
    private readonly onError: (err: Error) => void,
    private size: DrawSize,
    private readonly options: PumpOptions = DEFAULT_PUMP,
  ) {
    this.frameCount = clip.info.table.times.length;
  }

  /** Ask for frame i. Returns true when it was drawn at once from the cache. */
  want(i: number): boolean {
    if (this.closed) return false;
    const index = Math.min(this.frameCount - 1, Math.max(0, i));
    if (index !== this.target) this.dir = index > this.target ? 1 : -1;
    this.target = index;
    const hit = this.cache.get(index);
    if (hit) this.onReady(index, hit);
    void this.run();
    return Boolean(hit);
  }

  /** A new display size: the cached bitmaps are of the old size, so they go, and the frame is decoded again. */
  resize(size: DrawSize): void {
    if (size.width === this.size.width && size.height === this.size.height) return;
    this.size = size;
    this.clear();
    this.want(this.target);
  }

  private clear(): void {
    for (const f of this.cache.values()) f.close();
    this.cache.clear();
  }

  private nextToPrefetch(): number[] {
    const { ahead, behind, batch } = this.options;
    const out: number[] = [];
    const consider = (i: number): void => {
      if (out.length < batch && i >= 0 && i < this.frameCount && !this.cache.has(i)) out.push(i);
    };
    // Nearest first in the direction of travel, then the ones behind.
    for (let d = 1; d <= ahead; d++) consider(this.target + d * this.dir);
    for (let d = 1; d <= behind; d++) consider(this.target - d * this.dir);
    return out;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.closed) {
        const target = this.target;
        const batch = this.cache.has(target) ? this.nextToPrefetch() : [target];
        if (batch.length === 0) break;
        const t0 = performance.now();
        const decoded = await this.clip.decode(batch);
        const size = this.size;
        // Convert the batch's frames together (the conversions can overlap), releasing each
        // VideoFrame as soon as its bitmap exists.
        const converted = await Promise.all(
          [...decoded].map(async ([i, f]) => {
            try {
              const bitmap = await createImageBitmap(f, {
                resizeWidth: size.width,
                resizeHeight: size.height,
                resizeQuality: 'medium',
              });
              return [i, bitmap] as const;
            } finally {
              f.close();
            }
          }),
        );
        const frames = new Map<number, ImageBitmap>(converted);
        performance.measure(`review.decode.${batch.length}`, { start: t0, end: performance.now() });
        if (this.closed || size !== this.size) {
          for (const f of frames.values()) f.close();
          if (this.closed) break;
          continue;
        }
        for (const [i, f] of frames) {
          this.cache.get(i)?.close();
          this.cache.set(i, f);
        }
        this.evict();
        const wanted = this.cache.get(this.target);
        if (frames.has(this.target) && wanted) this.onReady(this.target, wanted);
      }
    } catch (err) {
      if (!this.closed) this.onError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.running = false;
    }
  }

  private evict(): void {
    const excess = this.cache.size - this.options.capacity;
    if (excess <= 0) return;
    const far = [...this.cache.keys()].sort((a, b) => Math.abs(b - this.target) - Math.abs(a - this.target));
    for (const i of far.slice(0, excess)) {
      this.cache.get(i)?.close();
      this.cache.delete(i);
    }
  }

  close(): void {
    this.closed = true;
    this.clear();
  }
}

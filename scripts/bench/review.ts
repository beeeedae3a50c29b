/**
 * Review step latency on a 1080p clip in Chromium: from the key press (a real `keydown` on the page)
 * to the new frame drawn on the player's canvas with its number committed (the player's
 * `data-frame` changes in the same task as the draw). Steps come at the pace of a held arrow key
 * (KEY_REPEAT_MS), so misses of the decode cache show up in the p95 whenever decoding cannot keep
 * up. Target: p95 ≤ 16 ms (one frame at 60 Hz). Decode and draw medians are reported beside it, from
 * the player's own User Timing marks, to tell which one a regression comes from.
 *
 * The clip is the bar-code fixture at 1920×1080, 30 fps, imported through the real ingest (so the
 * player reads the real all-intra proxy); each step's pixels are checked too, so a fast wrong
 * frame cannot pass.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BAR_ROWS, CODE_BITS, makeBarcodeClip } from '../../test/review/fixtures/barcode-clip';
import { codeOnScreen, settled, startReviewApp } from '../../test/review/fixtures/review-app';
import type { BenchLine } from './types';

interface El {
  readonly dataset: { frame?: string };
}
interface PageGlobals {
  readonly document: { querySelector(s: string): El | null };
  dispatchEvent(e: unknown): boolean;
  readonly KeyboardEvent: new (
    type: string,
    init: { key: string; shiftKey?: boolean; bubbles?: boolean },
  ) => unknown;
  readonly MutationObserver: new (cb: () => void) => {
    observe(target: El, o: { attributes: boolean; attributeFilter: string[] }): void;
    disconnect(): void;
  };
  requestAnimationFrame(cb: () => void): number;
  setTimeout(cb: () => void, ms: number): number;
  readonly performance: { now(): number };
}

/**
 * Runs in the page: press `key` n times, each time timing until every player (of `players`) shows
 * its next frame.
 */
export async function stepTimes(
  page: Page,
  n: number,
  key: 'ArrowRight' | 'ArrowLeft',
  everyMs: number,
  players = 1,
): Promise<number[]> {
  return page.evaluate(
    async ({ n, key, everyMs, players }) => {
      const g = globalThis as unknown as PageGlobals;
      const els = Array.from({ length: players }, (_, k) =>
        g.document.querySelector(`[data-player="${k}"]`)!,
      );
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const before = els.map((el) => el.dataset.frame);
        const t0 = g.performance.now();
        const landed = new Promise<number>((resolve) => {
          const obs = new g.MutationObserver(() => {
            if (els.every((el, k) => el.dataset.frame !== before[k])) {
              obs.disconnect();
              resolve(g.performance.now());
            }
          });
          for (const el of els) obs.observe(el, { attributes: true, attributeFilter: ['data-frame'] });
        });
        g.dispatchEvent(new g.KeyboardEvent('keydown', { key, bubbles: true }));
        const t1 = await landed;
        out.push(t1 - t0);
        // Let the frame paint, then keep the pace of a held arrow key.
        await new Promise<void>((r) => g.requestAnimationFrame(() => r()));
        const left = everyMs - (g.performance.now() - t0);
        if (left > 0) await new Promise<void>((r) => g.setTimeout(r, left));
      }
      return out;
    },
    { n, key, everyMs, players },
  );
}

interface VideoGlobals {
  readonly document: {
    createElement(tag: 'video'): VideoLike;
    createElement(tag: 'canvas'): CanvasLike;
  };
  readonly sessionStorage: { getItem(k: string): string | null };
  readonly performance: { now(): number };
  setTimeout(cb: () => void, ms: number): number;
}
interface VideoLike {
  src: string;
  muted: boolean;
  preload: string;
  currentTime: number;
  readonly videoWidth: number;
  readonly videoHeight: number;
  play(): Promise<void>;
  pause(): void;
  addEventListener(ev: string, cb: () => void, o?: { once: boolean }): void;
  requestVideoFrameCallback(cb: (now: number, meta: { mediaTime: number }) => void): number;
}
interface CanvasLike {
  width: number;
  height: number;
  getContext(
    k: '2d',
    o?: { willReadFrequently: boolean },
  ): {
    drawImage(v: VideoLike, x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
}

/**
 * The other route: a <video> element seeked to the middle of frame i, waiting for the frame to be
 * presented (requestVideoFrameCallback), then drawn and its bar code read. Counts the frames that
 * came out wrong and times each seek.
 */
async function videoElementSteps(page: Page, recordingId: string, frames: number, fps: number) {
  return page.evaluate(
    async ({ recordingId, frames, fps, bits, rows }) => {
      const g = globalThis as unknown as VideoGlobals;
      const token = g.sessionStorage.getItem('stridelab.token') ?? '';
      const v = g.document.createElement('video');
      v.muted = true;
      v.preload = 'auto';
      v.src = `/api/media/${recordingId}/proxy?token=${token}`;
      await new Promise<void>((r) => v.addEventListener('loadeddata', () => r(), { once: true }));
      const c = g.document.createElement('canvas');
      c.width = v.videoWidth;
      c.height = v.videoHeight;
      const ctx = c.getContext('2d', { willReadFrequently: true });
      const times: number[] = [];
      let wrong = 0;
      for (let i = 1; i < Math.min(frames, 101); i++) {
        const t0 = g.performance.now();
        const shown = new Promise<void>((resolve) => {
          v.requestVideoFrameCallback(() => resolve());
          // A seek that lands on the frame already shown presents nothing new.
          g.setTimeout(resolve, 1000);
        });
        v.currentTime = (i + 0.5) / fps;
        await shown;
        ctx.drawImage(v, 0, 0, c.width, c.height);
        times.push(g.performance.now() - t0);
        // Read the bar code (no helper function here: the page function must stay self-contained).
        const y = Math.floor(c.height / rows / 2);
        const bw = Math.floor(c.width / bits);
        const d = ctx.getImageData(0, y, c.width, 1).data;
        let n = 0;
        for (let b = 0; b < bits; b++) {
          const o = (b * bw + (bw >> 1)) * 4;
          if ((d[o]! + d[o + 1]! + d[o + 2]!) / 3 > 128) n |= 1 << b;
        }
        if (n !== i) wrong++;
      }
      return { times, wrong };
    },
    { recordingId, frames, fps, bits: CODE_BITS, rows: BAR_ROWS },
  );
}

/** X.Org's default key auto-repeat rate is 25/s (`xset q`: repeat rate 25): a held arrow key. */
export const KEY_REPEAT_MS = 40;

export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

export async function benchReview(): Promise<BenchLine[]> {
  const r = await startReviewApp();
  try {
    const frames = 150;
    const clip = await makeBarcodeClip({
      out: join(r.home, 'bench-1080p.mp4'),
      width: 1920,
      height: 1080,
      rate: '30',
      frames,
    });
    const rec = await r.importClip(clip, 'side', 'bench');
    const { page } = await r.openPage(`#/sessions/${r.sessionId}/review/${rec.id}`);
    await settled(page, 0);
    // Warm-up: first decodes configure the decoder and fill the cache.
    await stepTimes(page, 5, 'ArrowRight', KEY_REPEAT_MS);
    const forward = await stepTimes(page, 100, 'ArrowRight', KEY_REPEAT_MS);
    const at = await settled(page, 0);
    if ((await codeOnScreen(page, 0)) !== at) throw new Error(`frame ${at} shows the wrong picture`);
    const back = await stepTimes(page, 40, 'ArrowLeft', KEY_REPEAT_MS);
    const all = [...forward, ...back];
    // The player's own User Timing marks: decode + conversion per batch, and the canvas draw.
    const measures = await page.evaluate(() => {
      const g = globalThis as unknown as {
        performance: { getEntriesByType(t: string): { name: string; duration: number }[] };
      };
      return g.performance.getEntriesByType('measure').map((m) => [m.name, m.duration] as const);
    });
    const perFrame = measures
      .filter(([name]) => name.startsWith('review.decode.'))
      .map(([name, d]) => d / Number(name.slice('review.decode.'.length)));
    const draws = measures.filter(([name]) => name === 'review.draw').map(([, d]) => d);
    const video = await videoElementSteps(page, rec.id, frames, 30);
    await page.close();
    // Two locked players (the same 1080p proxy in both, as side and rear of one condition would be).
    const two = (await r.openPage(`#/sessions/${r.sessionId}/review/${rec.id}/${rec.id}`)).page;
    await settled(two, 0);
    await settled(two, 1);
    await stepTimes(two, 5, 'ArrowRight', KEY_REPEAT_MS, 2);
    const locked = await stepTimes(two, 100, 'ArrowRight', KEY_REPEAT_MS, 2);
    return [
      { name: 'review.step.median_ms', value: quantile(all, 0.5), unit: 'ms' },
      { name: 'review.step.p95_ms', value: quantile(all, 0.95), unit: 'ms' },
      { name: 'review.step.max_ms', value: Math.max(...all), unit: 'ms' },
      { name: 'review.step_two_players.median_ms', value: quantile(locked, 0.5), unit: 'ms' },
      { name: 'review.step_two_players.p95_ms', value: quantile(locked, 0.95), unit: 'ms' },
      { name: 'review.decode.frame_median_ms', value: quantile(perFrame, 0.5), unit: 'ms' },
      { name: 'review.draw.median_ms', value: quantile(draws, 0.5), unit: 'ms' },
      // The alternative display route, measured on the same proxy in the same page, for the record.
      { name: 'review.video_element.step_median_ms', value: quantile(video.times, 0.5), unit: 'ms' },
      { name: 'review.video_element.step_p95_ms', value: quantile(video.times, 0.95), unit: 'ms' },
      { name: 'review.video_element.wrong_frames', value: video.wrong, unit: `of ${video.times.length}` },
      // Decoding is CPU-bound: the machine's load while this ran says how far the figures can be trusted.
      { name: 'review.bench.load_average_1min', value: loadavg()[0]!, unit: `on ${cpus().length} cores` },
    ];
  } finally {
    await r.close();
  }
}

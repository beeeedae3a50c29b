/**
 * The planar reduction (src-shared/pose/yuv-scale.ts, reduce-frame.ts) against what Chromium itself
 * makes of the same frames, in headless Chromium (the probe page of scripts/bench/pose-convert.ts,
 * served as the engine is): the colour conversion it applies per colour space, how it upsamples
 * chroma, and, on real decoded frames, the reduced frames of the old route (Chromium's RGBA copy,
 * then the box average) and the new one. Tolerances: docs/pose-engine.md, "Planar reduction".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConvertProbe, type ConvertProbe } from '../../scripts/bench/pose-convert';
import type { ClipComparison } from '../../src-shared/pose/convert-probe-types';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { yuvMatrix, yuvToRgb, type ColorSpaceLike } from '../../src-shared/pose/yuv-scale';
import { media } from './helpers';

let probe: ConvertProbe;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stridelab-yuv-chromium-'));
  probe = await openConvertProbe();
}, 120_000);
afterAll(async () => {
  await probe?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A 32x32 I420 frame: Y varies per pixel over [lo, hi], U and V per chroma sample over [cLo, cHi]
 * (by default the same range as Y).
 */
function planes(
  lo: number,
  hi: number,
  flatY?: number,
  cLo = lo,
  cHi = hi,
): { all: number[]; Y: number[]; U: number[]; V: number[] } {
  const span = hi - lo + 1;
  const cSpan = cHi - cLo + 1;
  const Y = Array.from({ length: 32 * 32 }, (_, i) => flatY ?? lo + ((i * 97 + (i >> 5) * 31) % span));
  const U = Array.from({ length: 16 * 16 }, (_, i) => cLo + ((i * 53 + 7) % cSpan));
  const V = Array.from({ length: 16 * 16 }, (_, i) => cLo + ((i * 29 + (i >> 4) * 17 + 11) % cSpan));
  return { all: [...Y, ...U, ...V], Y, U, V };
}

const SPACES: ColorSpaceLike[] = [
  { matrix: 'bt709', fullRange: false },
  { matrix: 'smpte170m', fullRange: false },
  { matrix: 'bt470bg', fullRange: false },
  { matrix: 'bt470bg', fullRange: true },
  { matrix: 'bt709', fullRange: true },
  { matrix: 'bt2020-ncl', fullRange: false },
  { matrix: 'bt2020-ncl', fullRange: true },
];

describe('Chromium’s RGBA copy, which the planar route must reproduce', () => {
  it('converts each colour space with the coefficients yuvMatrix gives, within 1 level', async () => {
    for (const cs of [...SPACES, null]) {
      const p = planes(16, 235);
      const r = await probe.synthetic(
        32,
        32,
        p.all,
        cs ? { ...cs, primaries: 'bt709', transfer: 'bt709' } : null,
      );
      // A frame made without a colour space gets the one WebCodecs picks for it: read back the one it has.
      const m = yuvMatrix(cs ?? r.colorSpace)!;
      let worst = 0;
      for (let y = 0; y < 32; y++)
        for (let x = 0; x < 32; x++) {
          const c = (y >> 1) * 16 + (x >> 1);
          const want = yuvToRgb(m, p.Y[y * 32 + x]!, p.U[c]!, p.V[c]!);
          for (let ch = 0; ch < 3; ch++)
            worst = Math.max(worst, Math.abs(r.rgba[(y * 32 + x) * 4 + ch]! - want[ch]!));
        }
      // libyuv's fixed point (yuvMatrix holds its coefficients): within 1 level.
      expect(worst, `${JSON.stringify(cs)} read back as ${JSON.stringify(r.colorSpace)}`).toBeLessThanOrEqual(
        1,
      );
    }
  });

  it('gives the four pixels of a 2x2 block one chroma sample (no chroma interpolation)', async () => {
    const p = planes(40, 210, 128);
    const r = await probe.synthetic(32, 32, p.all, { matrix: 'bt709', fullRange: false });
    for (let y = 0; y < 32; y += 2)
      for (let x = 0; x < 32; x += 2) {
        const at = (dx: number, dy: number): number[] =>
          r.rgba.slice(((y + dy) * 32 + x + dx) * 4, ((y + dy) * 32 + x + dx) * 4 + 3);
        expect(at(1, 0)).toEqual(at(0, 0));
        expect(at(0, 1)).toEqual(at(0, 0));
        expect(at(1, 1)).toEqual(at(0, 0));
      }
  });

  it('reduced frames of the two routes agree within 1 level in gamut, for every colour space', async () => {
    for (const cs of [...SPACES, null]) {
      // In gamut: no pixel converts outside 0–255 with any of these matrices (Y 60–190, chroma
      // within ±20 of grey), so only rounding separates the two routes.
      const p = planes(60, 190, undefined, 108, 148);
      const r = await probe.synthetic(32, 32, p.all, cs);
      expect(r.reducedPlanar).not.toBeNull();
      let worst = 0;
      for (let i = 0; i < r.reducedRgba.length; i++)
        if (i % 4 !== 3) worst = Math.max(worst, Math.abs(r.reducedRgba[i]! - r.reducedPlanar![i]!));
      expect(worst, JSON.stringify(cs)).toBeLessThanOrEqual(1);
    }
  });
});

/**
 * Real frames: every reduced pixel within yuv-scale.ts's bound of the old route (1.5 + e + d, d the
 * block's clamping term, computed from the frame's planes), and the differences small on the whole:
 * mean per channel ≤ 0.2 of a level and at most 1% of channel values more than 3 apart (measured:
 * docs/pose-engine.md, "Planar reduction").
 */
function holdsTolerance(c: ClipComparison): void {
  expect(c.planarFrames).toBe(c.frames);
  expect(c.beyondBound).toBeLessThanOrEqual(0);
  const values = c.diff.histogram.reduce((a, b) => a + b, 0);
  expect(Math.max(...c.diff.sum.map((s) => s / c.diff.pixels))).toBeLessThanOrEqual(0.2);
  expect(c.diff.histogram[4] / values).toBeLessThanOrEqual(0.01);
}

describe('real frames, old route against new', () => {
  it('the real 720x1280 clip halved (BT.709): within the tolerance, and the planar route cheaper', async () => {
    const c = await probe.compareClip(media('treadmill_side_zzzhushi_male_side.mp4'), 640, 12, true);
    expect(c.factor).toBe(2);
    expect(c.format).toBe('I420');
    holdsTolerance(c);
    const timed = await probe.compareClip(media('treadmill_side_zzzhushi_male_side.mp4'), 640, 40);
    expect(timed.planarMs).toBeLessThan(timed.rgbaMs);
  }, 300_000);

  it('a 1080x1920 upscale of it at the app’s setting (k = 2); 720x1280 at it stays on the RGBA route', async () => {
    const clip = join(dir, 'up-1080x1920.mp4');
    execFileSync(ffmpegPath(), [
      ...['-v', 'error', '-nostdin', '-y', '-i', media('treadmill_side_zzzhushi_male_side.mp4'), '-t', '1'],
      ...['-vf', 'scale=1080:1920:flags=bicubic', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20'],
      ...['-pix_fmt', 'yuv420p', clip],
    ]);
    const c = await probe.compareClip(clip, 960, 8, true);
    expect(c.factor).toBe(2);
    holdsTolerance(c);
    const whole = await probe.compareClip(media('treadmill_side_zzzhushi_male_side.mp4'), 960, 5);
    expect(whole.factor).toBe(1);
    expect(whole.planarFrames).toBe(0);
  }, 300_000);

  it('a clip whose stream names no colour space (pose2sim, 1080x1920): Chromium reports BT.709 and applies it', async () => {
    const c = await probe.compareClip(media('pose2sim_single_cam01.mp4'), 960, 8, true);
    expect(c.factor).toBe(2);
    expect(c.colorSpace.matrix).toBe('bt709');
    // A wrong matrix (BT.601 for BT.709) moves coloured pixels by several levels: the bound would fail.
    holdsTolerance(c);
  }, 300_000);
});

/**
 * Clips with taped markers and known truth, made with the bundled ffmpeg from raw frames drawn here:
 * - `syntheticMarkerClip`: a dark scene with a few bright discs on known paths (and a distracting
 *   bright spot that never moves), for the service tests;
 * - `markersOnSample`: the sample treadmill clip with an ASIS and a PSIS disc drawn on the runner's
 *   pelvis (placed from the clip's own landmarks) at a designed pelvic tilt, so the gait engine's
 *   events and the markers come from one clip, for the end-to-end test.
 * Discs are anti-aliased (4×4 supersampling per pixel), so their centroids are sub-pixel truth.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import { Landmark } from '../../src-shared/pose/landmarks';

export interface Disc {
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly rgb: readonly [number, number, number];
}

/** Paint an anti-aliased disc into an RGB24 frame. */
export function drawDisc(rgb: Uint8Array, w: number, h: number, d: Disc): void {
  const x0 = Math.max(0, Math.floor(d.x - d.r - 1));
  const x1 = Math.min(w - 1, Math.ceil(d.x + d.r + 1));
  const y0 = Math.max(0, Math.floor(d.y - d.r - 1));
  const y1 = Math.min(h - 1, Math.ceil(d.y + d.r + 1));
  for (let py = y0; py <= y1; py++)
    for (let px = x0; px <= x1; px++) {
      let inside = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const dx = px + (sx + 0.5) / 4 - d.x;
          const dy = py + (sy + 0.5) / 4 - d.y;
          if (dx * dx + dy * dy <= d.r * d.r) inside++;
        }
      if (!inside) continue;
      const a = inside / 16;
      const o = (py * w + px) * 3;
      for (let c = 0; c < 3; c++) rgb[o + c] = Math.round(rgb[o + c]! * (1 - a) + d.rgb[c]! * a);
    }
}

/** Encode frames (RGB24) to an H.264 mp4 at `fps`. */
export async function encodeClip(
  out: string,
  w: number,
  h: number,
  fps: number,
  count: number,
  frame: (i: number) => Uint8Array | Promise<Uint8Array>,
): Promise<void> {
  const child = spawn(
    ffmpegPath(),
    [
      ...['-v', 'error', '-nostdin', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24'],
      ...['-s', `${w}x${h}`, '-r', String(fps), '-i', 'pipe:0'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', '-pix_fmt', 'yuv420p', out],
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<void>((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg: ${err}`)))),
  );
  for (let i = 0; i < count; i++) {
    const data = await frame(i);
    if (!child.stdin.write(data)) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  await done;
}

export interface MarkerTruth {
  readonly name: string;
  /** Per frame; null where the marker is hidden. */
  readonly points: readonly ({ x: number; y: number } | null)[];
}

/**
 * A dark 320×240 scene, `frames` frames at 30 fps: two white markers on a "pelvis" that moves on a
 * known path at a known tilt (ASIS ahead of PSIS), one green marker lower down, and a fixed bright
 * distractor. Truth for each frame comes back with the file.
 */
export async function syntheticMarkerClip(
  out: string,
  frames = 60,
): Promise<{ truth: MarkerTruth[]; tiltDeg: (i: number) => number; width: number; height: number }> {
  const w = 320;
  const h = 240;
  const tiltDeg = (i: number): number => 10 + 5 * Math.sin((2 * Math.PI * i) / 30);
  const centre = (i: number) => ({ x: 110 + 1.5 * i, y: 100 + 6 * Math.sin((2 * Math.PI * i) / 15) });
  const half = 24;
  const asis = (i: number) => {
    const c = centre(i);
    const a = (tiltDeg(i) * Math.PI) / 180;
    return { x: c.x + half * Math.cos(a), y: c.y + half * Math.sin(a) };
  };
  const psis = (i: number) => {
    const c = centre(i);
    const a = (tiltDeg(i) * Math.PI) / 180;
    return { x: c.x - half * Math.cos(a), y: c.y - half * Math.sin(a) };
  };
  const heel = (i: number) => ({ x: 100 + 1.5 * i, y: 200 - 10 * Math.abs(Math.sin((Math.PI * i) / 15)) });
  const range = Array.from({ length: frames }, (_, i) => i);
  const truth: MarkerTruth[] = [
    { name: 'rightAsis', points: range.map(asis) },
    { name: 'rightPsis', points: range.map(psis) },
    { name: 'rightHeel', points: range.map(heel) },
  ];
  await encodeClip(out, w, h, 30, frames, (i) => {
    const rgb = new Uint8Array(w * h * 3).fill(28);
    drawDisc(rgb, w, h, { x: 290, y: 30, r: 5, rgb: [250, 250, 250] }); // a lamp on the wall
    drawDisc(rgb, w, h, { ...asis(i), r: 5, rgb: [255, 255, 255] });
    drawDisc(rgb, w, h, { ...psis(i), r: 5, rgb: [255, 255, 255] });
    drawDisc(rgb, w, h, { ...heel(i), r: 5, rgb: [40, 220, 60] });
    return rgb;
  });
  return { truth, tiltDeg, width: w, height: h };
}

/** Decode a clip to RGB24 frames (whole clip in memory: the 12 s sample is ~1 GB, so frame by frame). */
function decodeFrames(path: string, w: number, h: number): AsyncIterable<Uint8Array> {
  const child = spawn(
    ffmpegPath(),
    ['-v', 'error', '-nostdin', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const size = w * h * 3;
  return (async function* () {
    let pending: Buffer = Buffer.alloc(0);
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= size) {
        yield new Uint8Array(pending.subarray(0, size));
        pending = pending.subarray(size);
      }
    }
  })();
}

/** The designed pelvic tilt of `markersOnSample` at time t (s): 12° ± 4° twice a stride. */
export const sampleTiltDeg = (t: number): number => 12 + 4 * Math.sin(2 * Math.PI * 2.8 * t);

/**
 * The sample treadmill clip (720×1280, 30 fps) with an ASIS and a PSIS marker drawn 70 px apart
 * about the runner's near hip (from its landmarks), at `sampleTiltDeg`. Cached at `out`.
 */
export async function markersOnSample(
  sample: string,
  series: LandmarkSeries,
  out: string,
): Promise<{ truth: MarkerTruth[] }> {
  const w = series.source.width;
  const h = series.source.height;
  const half = 35;
  const place = (i: number): { asis: { x: number; y: number }; psis: { x: number; y: number } } | null => {
    const f = series.frames[i];
    if (!f || f.status !== 'pose' || !f.image) return null;
    const p = (n: keyof typeof Landmark) => f.image![Landmark[n]]!;
    const hip = p('rightHip');
    // Forward: the way the toes point from the heel.
    const fwd = Math.sign(p('rightFootIndex')[0] - p('rightHeel')[0]) || 1;
    const a = (sampleTiltDeg(f.t) * Math.PI) / 180;
    const cx = hip[0];
    const cy = hip[1] - 30; // the iliac spines sit above the hip joint centre
    return {
      asis: { x: cx + fwd * half * Math.cos(a), y: cy + half * Math.sin(a) },
      psis: { x: cx - fwd * half * Math.cos(a), y: cy - half * Math.sin(a) },
    };
  };
  const n = series.frames.length;
  const placed = Array.from({ length: n }, (_, i) => place(i));
  const truth: MarkerTruth[] = [
    { name: 'rightAsis', points: placed.map((p) => p?.asis ?? null) },
    { name: 'rightPsis', points: placed.map((p) => p?.psis ?? null) },
  ];
  if (existsSync(out)) return { truth };
  const frames = decodeFrames(sample, w, h)[Symbol.asyncIterator]();
  // Two test files may make it at once: each writes its own part, the last rename wins.
  const tmp = `${out}.${randomUUID()}.part.mp4`;
  await encodeClip(tmp, w, h, 30, n, async (i) => {
    const next = await frames.next();
    const rgb = next.done ? new Uint8Array(w * h * 3) : next.value;
    const p = placed[i];
    if (p) {
      drawDisc(rgb, w, h, { ...p.asis, r: 7, rgb: [255, 255, 255] });
      drawDisc(rgb, w, h, { ...p.psis, r: 7, rgb: [255, 255, 255] });
    }
    return rgb;
  });
  execFileSync('mv', [tmp, out]);
  return { truth };
}

/**
 * Encodes a synthetic marker clip (src-shared/gait/synthetic/marker-clip.ts) to an mp4 with the
 * bundled ffmpeg, for end-to-end use (the CLI, the app's marker service, the review): RGBA frames are
 * piped as rawvideo into libx264 (yuv420p, CRF 18 by default: what a phone's "high quality" gives),
 * at the clip's frame rate, so frame i of the mp4 is frame i of the truth. Also writes the truth the
 * tests need beside it: seeds on a frame where every marker is visible and apart, and the design's
 * events in the `stridelab gait --out` shape (`events[].frameF`).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { generateRunner, type SyntheticOptions } from '../../src-shared/gait/synthetic';
import type { MarkerClip } from '../../src-shared/gait/synthetic/marker-clip';
import type { LandmarkSeries } from '../../src-shared/pose/landmarks';
import type { MarkerName, MarkerSeed } from '../../src-shared/markers';
import { truthSeeds as clickSeeds } from '../../src-shared/markers/testing';

export async function encodeMarkerClip(clip: MarkerClip, path: string, crf = 18): Promise<void> {
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...[
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-s',
      `${clip.width}x${clip.height}`,
      '-r',
      String(clip.fps),
      '-i',
      'pipe:0',
    ],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      String(crf),
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
      path,
    ],
  ];
  const child = spawn(ffmpegPath(), args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  for (const f of clip.frames()) {
    const buf = Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength);
    if (!child.stdin.write(buf)) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  const code = await done;
  if (code !== 0) throw new Error(`ffmpeg could not encode the marker clip: ${stderr.trim()}`);
}

/** The first frame where every marker is visible and at least `apartPx` from every other. */
export function seedFrame(
  clip: MarkerClip,
  names: readonly MarkerName[] = clip.markers,
  apartPx = 25,
): number {
  for (let i = 0; i < clip.frameCount; i++) {
    const pts = names.map((m) => clip.truth.points[m]![i]!);
    if (
      pts.every(
        (p, a) => p.visible && pts.every((q, b) => a === b || Math.hypot(p.x - q.x, p.y - q.y) > apartPx),
      )
    )
      return i;
  }
  throw new Error('no frame has every marker visible and apart');
}

/** Seeds as a PT's clicks on the seed frame (src-shared/markers/testing.ts). */
export const truthSeeds = (
  clip: MarkerClip,
  names: readonly MarkerName[],
  frame = seedFrame(clip, names),
): MarkerSeed[] => clickSeeds(clip, names, frame);

/** Writes `<base>.mp4`, `<base>.seeds.json` and `<base>.events.json` for the CLI and the app. */
export async function writeMarkerClipFiles(
  clip: MarkerClip,
  base: string,
  names: readonly MarkerName[],
): Promise<void> {
  await encodeMarkerClip(clip, `${base}.mp4`);
  writeFileSync(`${base}.seeds.json`, JSON.stringify(truthSeeds(clip, names)));
  writeFileSync(`${base}.events.json`, JSON.stringify({ events: clip.truth.events }));
}

/**
 * The pose landmarks of the runner a marker clip draws: the same runner, camera and scale
 * (generateRunner and generateMarkerClip share the model), 1 px of landmark noise.
 */
export const landmarksOf = (clip: MarkerClip, options: SyntheticOptions): LandmarkSeries =>
  generateRunner({
    ...options,
    width: clip.width,
    height: clip.height,
    pxPerCm: clip.camera.pxPerCm,
    noisePx: 1,
  }).series;

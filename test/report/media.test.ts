import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegPath, ffprobePath } from '../../src-main/services/media/binaries';
import { grabFrames } from '../../src-main/services/report/frames';
import { ANNOTATED_VIDEO_CODEC, exportAnnotatedVideo } from '../../src-main/services/report/video';
import { makeBarcodeClip, readCode } from '../review/fixtures/barcode-clip';
import { tempDir } from '../helpers/tmp';
import { SAMPLE, sampleSeries } from './library-fixture';

const run = promisify(execFile);
const tmp = tempDir('stridelab-report-media-');
afterAll(() => tmp.cleanup());

/** Decode a picture or one frame of a clip to raw pixels with ffmpeg. */
async function pixels(input: string, fmt: 'rgba' | 'rgb24', frame = 0): Promise<Buffer> {
  const { stdout } = await run(
    ffmpegPath(),
    [
      '-v',
      'error',
      '-i',
      input,
      '-vf',
      `select=eq(n\\,${frame})`,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      fmt,
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

describe('key-frame grabbing', () => {
  it('returns exactly the frames asked for, by index, in one pass', async () => {
    const clip = await makeBarcodeClip({
      out: join(tmp.path, 'code.mp4'),
      width: 384,
      height: 216,
      rate: '30',
      frames: 48,
    });
    const wanted = [0, 7, 23, 47, 23];
    const frames = await grabFrames(clip, wanted);
    expect([...frames.keys()].sort((a, b) => a - b)).toEqual([0, 7, 23, 47]);
    for (const [n, jpeg] of frames) {
      const file = join(tmp.path, `f${n}.jpg`);
      await import('node:fs/promises').then((fs) => fs.writeFile(file, jpeg));
      expect(readCode(await pixels(file, 'rgba'), 384, 216)).toBe(n);
    }
    // Frames past the end are simply absent (the caller shows an empty cell), not an error.
    expect((await grabFrames(clip, [48, 100])).size).toBe(0);
  }, 60_000);
});

/** Pixels changed by more than the threshold between the sample and a plain re-encode of it. */
async function encodeNoise(frame: number): Promise<number> {
  const plain = join(tmp.path, 'plain.mp4');
  await run(ffmpegPath(), ['-v', 'error', '-y', '-i', SAMPLE, ...ANNOTATED_VIDEO_CODEC, plain]);
  const a = await pixels(SAMPLE, 'rgb24', frame);
  const b = await pixels(plain, 'rgb24', frame);
  let n = 0;
  for (let i = 0; i < a.length; i += 3) {
    if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 150)
      n++;
  }
  return Math.max(1, n);
}

describe('annotated video', () => {
  const series = sampleSeries();

  it('burns the skeleton into every frame of the clip', async () => {
    const out = join(tmp.path, 'annotated.mp4');
    const seen: number[] = [];
    const r = await exportAnnotatedVideo({
      clipPath: SAMPLE,
      series,
      view: 'side',
      outFile: out,
      onProgress: (f) => seen.push(f),
    });
    expect(r.sizeBytes).toBeGreaterThan(100_000);
    const { stdout } = await run(ffprobePath(), [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-count_frames',
      '-show_entries',
      'stream=nb_read_frames,width,height',
      '-of',
      'json',
      out,
    ]);
    expect(JSON.parse(stdout).streams[0]).toMatchObject({ nb_read_frames: '360', width: 720, height: 1280 });
    expect(seen.at(-1)).toBeGreaterThan(0.9);
    // A frame with a pose: pixels that turned strongly blue (the left limbs) where the original
    // frame had none; re-encoding alone moves colours by far less.
    const f = series.frames.findIndex((x, i) => i > 150 && x.status === 'pose');
    const before = await pixels(SAMPLE, 'rgb24', f);
    const after = await pixels(out, 'rgb24', f);
    let turnedBlue = 0;
    let changed = 0;
    for (let i = 0; i < before.length; i += 3) {
      const d =
        Math.abs(after[i]! - before[i]!) +
        Math.abs(after[i + 1]! - before[i + 1]!) +
        Math.abs(after[i + 2]! - before[i + 2]!);
      if (d > 150) changed++;
      if (d > 150 && after[i + 2]! > after[i]! + 60 && before[i + 2]! < before[i]! + 20) turnedBlue++;
    }
    expect(changed).toBeGreaterThan(2000);
    expect(turnedBlue).toBeGreaterThan(500);
    // The same comparison on two encodes of the clip without the overlay finds almost nothing.
    expect(changed).toBeGreaterThan(20 * (await encodeNoise(f)));
    expect(readdirSync(tmp.path).filter((n) => n.includes('partial'))).toEqual([]);
  }, 240_000);

  it('leaves nothing behind when cancelled', async () => {
    const dir = join(tmp.path, 'cancel');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const controller = new AbortController();
    const out = join(dir, 'annotated.mp4');
    await expect(
      exportAnnotatedVideo({
        clipPath: SAMPLE,
        series,
        view: 'side',
        outFile: out,
        signal: controller.signal,
        onProgress: (f) => f > 0 && controller.abort(),
      }),
    ).rejects.toThrow('The annotated video was cancelled; no file was written.');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 240_000);
});

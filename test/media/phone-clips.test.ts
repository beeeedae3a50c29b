import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recording } from '../../src-shared/contract/recordings';
import { decodeTimestamps } from '../../src-shared/media/timestamps';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { importRecording } from '../../src-main/services/media/import';
import { getRecordingRow } from '../../src-main/services/media/recordings-db';
import { clip, ffmpeg, jitteredClip, phoneRotated, tempDir, tempLibrary, type TestLibrary } from './helpers';

/**
 * The clips clinics bring (docs/library-layout.md, "Supported clips"), made at test time from a few
 * frames of the real sample clip: a phone clip stored on its side with a display matrix, HEVC in
 * .mov (the iPhone's default) and its 10-bit form, MJPEG .avi, VP9 .webm, 4K at 60 fps, and a
 * variable-rate clip with uneven timestamps. Each must import with the picture the PT sees
 * (upright, compared pixel for pixel with the upright source) and the clip's own frame times.
 */
let lib: TestLibrary;
let dir: string;
/** 12 frames of the sample, 180x320, lossless: the picture every variant must come back to. */
let upright: string;

beforeAll(async () => {
  lib = await tempLibrary();
  dir = tempDir('phone');
  upright = join(dir, 'upright.mp4');
  ffmpeg([
    ...['-i', clip('treadmill_side_zzzhushi_male_side.mp4'), '-frames:v', '12', '-an'],
    ...['-vf', 'scale=180:320', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', upright],
  ]);
});
afterAll(() => lib.close());

const imported = (sourcePath: string): Promise<Recording> =>
  importRecording(lib.library, {
    sessionId: lib.sessionId,
    sourcePath,
    view: 'side',
    condition: { label: 'flat' },
    allowDuplicate: true,
  });

const proxyOf = async (rec: Recording): Promise<string> =>
  join(lib.library.paths.mediaDir, (await getRecordingRow(lib.library.data, rec.id)).paths.proxy);

/**
 * PSNR (dB) of `file` against the upright source, frame i against frame i (whatever their times),
 * after scaling it to 180x320. A picture upside down or mirrored scores about 14 dB here.
 */
function psnrToUpright(file: string): number {
  const { stderr } = spawnSync(
    ffmpegPath(),
    [
      ...['-hide_banner', '-nostdin', '-i', file, '-i', upright],
      ...[
        '-lavfi',
        '[0:v]setpts=N/(30*TB),scale=180:320,format=yuv420p[a];[1:v]setpts=N/(30*TB)[b];[a][b]psnr',
        '-f',
        'null',
        '-',
      ],
    ],
    { encoding: 'utf8' },
  );
  const m = /PSNR .*average:(inf|[\d.]+)/.exec(stderr);
  if (!m) throw new Error(`no PSNR from ffmpeg: ${stderr.slice(-300)}`);
  return m[1] === 'inf' ? Infinity : Number(m[1]);
}

describe('clips from clinic phones and cameras', () => {
  for (const turn of [90, 270] as const) {
    it(`a phone clip stored on its side (display turned ${turn}°) has an upright proxy`, async () => {
      const rec = await imported(phoneRotated(upright, join(dir, `turned-${turn}.mp4`), turn));
      expect(rec.probe).toMatchObject({
        rotation: turn,
        width: 320,
        height: 180,
        displayWidth: 180,
        displayHeight: 320,
        proxyWidth: 180,
        proxyHeight: 320,
        frameCount: 12,
      });
      expect(psnrToUpright(await proxyOf(rec))).toBeGreaterThan(35);
    });
  }
  it('HEVC in .mov, stored on its side as an iPhone writes it: upright H.264 proxy', async () => {
    const hevc = ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error'];
    const rec = await imported(
      phoneRotated(upright, join(dir, 'iphone.mov'), 90, [...hevc, '-crf', '18', '-tag:v', 'hvc1']),
    );
    expect(rec.probe).toMatchObject({ codec: 'hevc', rotation: 90, proxyWidth: 180, frameCount: 12 });
    expect(rec.originalName).toBe('iphone.mov');
    expect(psnrToUpright(await proxyOf(rec))).toBeGreaterThan(35);
  });

  const formats: [string, string[]][] = [
    ['hevc10.mov', ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error']],
    ['mjpeg.avi', ['-c:v', 'mjpeg', '-q:v', '3']],
    [
      'vp9.webm',
      ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-crf', '20', '-b:v', '0'],
    ],
  ];
  for (const [name, encoder] of formats) {
    it(`${name}: imported frame for frame, the picture unchanged`, async () => {
      const file = join(dir, name);
      const tenBit = name.startsWith('hevc10') ? ['-pix_fmt', 'yuv420p10le'] : [];
      ffmpeg(['-i', upright, ...encoder, ...tenBit, file]);
      const rec = await imported(file);
      expect(rec.probe).toMatchObject({ rotation: 0, proxyWidth: 180, proxyHeight: 320, frameCount: 12 });
      expect(rec.probe.proxyFps).toBe(30);
      expect(psnrToUpright(await proxyOf(rec))).toBeGreaterThan(30);
    });
  }

  it('4K at 60 fps: a proxy halved to 1080x1920, one frame per source frame at the source rate', async () => {
    const uhd = join(dir, 'uhd60.mp4');
    ffmpeg([
      ...['-i', upright, '-vf', 'setpts=N/(60*TB),scale=2160:3840', '-r', '60'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', uhd],
    ]);
    const rec = await imported(uhd);
    expect(rec.probe).toMatchObject({
      width: 2160,
      height: 3840,
      proxyWidth: 1080,
      proxyHeight: 1920,
      frameCount: 12,
      proxyFps: 60,
    });
    expect(psnrToUpright(await proxyOf(rec))).toBeGreaterThan(30);
  });

  it('a variable-rate phone clip (uneven timestamps, 90 kHz clock): its own times, a proxy at 30 fps', async () => {
    // 4 s (the 12 frames ten times over), frame n at n/30 s ± 8 ms (a phone's capture jitter); the
    // header declares the 90 kHz clock, so the proxy's rate is the average snapped to a camera rate.
    const n = 120;
    const vfr = join(dir, 'jitter.mp4');
    const expected = jitteredClip(upright, vfr, n);
    const rec = await imported(vfr);
    // 30.2 fps on average: 29.97 is within 1 % too, but 30 is the camera's rate.
    expect(rec.probe).toMatchObject({ variableFrameRate: true, frameCount: n, proxyFps: 30 });
    const row = await getRecordingRow(lib.library.data, rec.id);
    const times = decodeTimestamps(readFileSync(join(lib.library.paths.mediaDir, row.paths.timestamps)));
    expect(times).toHaveLength(n);
    times.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 4));
    expect(rec.probe.averageFps).toBeCloseTo((n - 1) / expected[n - 1]!, 3);
  });
});

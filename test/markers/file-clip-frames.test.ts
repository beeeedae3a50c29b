/**
 * A clip outside the library (`stridelab markers <clip>`) is tracked with each frame at its true
 * time, read as the import reads the timestamp table (media/frame-times.ts), not at i / fps: a
 * variable-rate phone clip (±8 ms on a 90 kHz clock, made at test time from the sample by
 * test/media/helpers.ts `jitteredClip`, the clip the import's phone-clip test uses) gets its own
 * times, the very table the import stores for the same file; a phone clip stored on its side is
 * decoded upright, so its sides swap; and the command tracks every frame of the jittery clip.
 * (The tracks carry no times, so the last test holds the command's wiring, not the times.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { fileClipFrames } from '../../src-main/services/markers/frames';
import { importRecording } from '../../src-main/services/media/import';
import { getRecordingRow } from '../../src-main/services/media/recordings-db';
import { decodeTimestamps, frameTiming } from '../../src-shared/media/timestamps';
import { captureStdio } from '../helpers/stdio';
import {
  clip,
  ffmpeg,
  jitteredClip,
  phoneRotated,
  tempDir,
  tempLibrary,
  type TestLibrary,
} from '../media/helpers';

const N = 90;
let lib: TestLibrary;
let dir: string;
let small: string;
let vfr: string;
let expected: number[];
const io = captureStdio();

beforeAll(async () => {
  lib = await tempLibrary();
  dir = tempDir('file-clip');
  small = join(dir, 'small.mp4');
  ffmpeg([
    ...['-i', clip('treadmill_side_zzzhushi_male_side.mp4'), '-frames:v', '12', '-an'],
    ...['-vf', 'scale=180:320', '-c:v', 'libx264', '-preset', 'ultrafast', small],
  ]);
  vfr = join(dir, 'jitter.mp4');
  expected = jitteredClip(small, vfr, N);
});
afterAll(() => lib.close());

describe('a clip outside the library', () => {
  it('a variable-rate clip: each frame at its own time, the table the import stores', async () => {
    const frames = await fileClipFrames(vfr, 'jitter.mp4');
    expect(frames).toMatchObject({ path: vfr, width: 180, height: 320 });
    expect(frames.times).toHaveLength(N);
    frames.times.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 4));
    // Not a rate's even spacing: some frame is over 5 ms from i / (average rate).
    const fps = frameTiming(frames.times).averageFps;
    expect(Math.max(...frames.times.map((t, i) => Math.abs(t - i / fps)))).toBeGreaterThan(0.005);
    expect(frameTiming(frames.times).variable).toBe(true);

    const rec = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: vfr,
      view: 'side',
      condition: { label: 'flat' },
    });
    const row = await getRecordingRow(lib.library.data, rec.id);
    const table = decodeTimestamps(readFileSync(join(lib.library.paths.mediaDir, row.paths.timestamps)));
    expect(frames.times).toEqual(table);
  });

  it('a phone clip stored on its side is decoded upright: its sides swap', async () => {
    const turned = phoneRotated(small, join(dir, 'turned.mp4'), 90);
    const frames = await fileClipFrames(turned, 'turned.mp4');
    expect(frames).toMatchObject({ width: 180, height: 320 });
    frames.times.forEach((t, i) => expect(t).toBeCloseTo(i / 30, 4));
  });

  it('stridelab markers tracks every frame of the variable-rate clip', async () => {
    const seeds = join(dir, 'seeds.json');
    writeFileSync(seeds, JSON.stringify([{ name: 'rightAsis', frame: 0, x: 90, y: 120 }]));
    const out = join(dir, 'markers.json');
    const code = await main(['markers', vfr, '--seeds', seeds, '--view', 'side', '--out', out]);
    expect(code, io.err).toBe(0);
    expect(io.err).toContain(`Tracking 1 markers in jitter.mp4 (${N} frames)`);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { tracks: { points: unknown[] }[] };
    expect(json.tracks[0]!.points).toHaveLength(N);
  });
});

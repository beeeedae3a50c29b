import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTimestamps } from '../../src-shared/media/timestamps';
import { importRecording, type ImportProgress } from '../../src-main/services/media/import';
import {
  getRecordingRow,
  listRecordings,
  trashRecording,
  updateRecording,
} from '../../src-main/services/media/recordings-db';
import { ffmpeg, clip, libraryState, syntheticClip, tempDir, tempLibrary, type TestLibrary } from './helpers';
import { ffmpegPath, ffprobePath } from '../../src-main/services/media/binaries';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

/** Happy paths on real clips and on generated rotated / variable-frame-rate clips. */
let lib: TestLibrary;
let dir: string;

const framesOf = (file: string): number =>
  Number(
    execFileSync(ffprobePath(), [
      '-v',
      'error',
      '-count_packets',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=nb_read_packets',
      '-of',
      'csv=p=0',
      file,
    ])
      .toString()
      .trim(),
  );

beforeAll(async () => {
  lib = await tempLibrary();
  dir = tempDir('clips');
});
afterAll(() => {
  lib.close();
});

describe('importRecording', () => {
  it('imports a real 29.97 fps H.264 clip with audio: copy, checksum, probe, proxy, thumbnail, timestamps', async () => {
    const src = clip('running_side_overground_sports2d_demo3.mp4');
    const phases: string[] = [];
    const fractions: number[] = [];
    const rec = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: src,
      view: 'side',
      condition: { label: 'flat', speedKmh: 10 },
      onProgress: (p) => {
        phases.push(p.phase);
        fractions.push(p.fraction);
      },
    });
    const bytes = readFileSync(src);
    expect(rec.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(rec.sizeBytes).toBe(bytes.length);
    expect(rec.originalName).toBe('running_side_overground_sports2d_demo3.mp4');
    expect(rec.probe).toMatchObject({
      codec: 'h264',
      width: 480,
      height: 352,
      rotation: 0,
      frameCount: 47,
      variableFrameRate: false,
    });
    expect(rec.probe.nominalFps).toBeCloseTo(30000 / 1001, 9);
    expect(rec.probe.averageFps).toBeCloseTo(30000 / 1001, 3);
    expect(rec.probe.audio?.codec).toBe('aac');
    expect(rec.trim).toEqual({ startFrame: 0, endFrame: 47 });
    expect(new Set(phases)).toEqual(new Set(['copy', 'probe', 'proxy', 'thumbnail', 'finish']));
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    expect(fractions.at(-1)).toBe(1);

    const row = await getRecordingRow(lib.library.data, rec.id);
    expect(row.paths.original).toBe(`${lib.sessionId}/${rec.id}/original.mp4`);
    const media = lib.library.paths.mediaDir;
    // The original is byte-identical to the user's file.
    expect(readFileSync(join(media, row.paths.original)).equals(bytes)).toBe(true);
    expect(framesOf(join(media, row.paths.proxy))).toBe(47);
    expect(readFileSync(join(media, row.paths.thumb)).subarray(0, 3)).toEqual(
      Buffer.from([0xff, 0xd8, 0xff]),
    );
    const times = decodeTimestamps(readFileSync(join(media, row.paths.timestamps)));
    expect(times).toHaveLength(47);
    expect(times[0]).toBe(0);
    expect(times[46]).toBeCloseTo((46 * 1001) / 30000, 4);
    expect(libraryState(lib.library).tmp).toBe('');
  });

  it('notices the same file imported twice into a session, and imports it only when asked', async () => {
    const src = clip('running_side_overground_sports2d_demo3.mp4');
    const before = libraryState(lib.library);
    await expect(
      importRecording(lib.library, {
        sessionId: lib.sessionId,
        sourcePath: src,
        view: 'rear',
        condition: { label: 'incline' },
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already in this session.*side view, flat/),
    });
    expect(libraryState(lib.library)).toEqual(before);
    const again = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: src,
      view: 'rear',
      condition: { label: 'incline' },
      allowDuplicate: true,
    });
    expect((await listRecordings(lib.library.data, lib.sessionId)).map((r) => r.id)).toContain(again.id);
    await trashRecording(lib.library.data, again.id);
    expect((await listRecordings(lib.library.data, lib.sessionId)).map((r) => r.id)).not.toContain(again.id);
  });

  it('turns a rotated phone clip upright in the proxy and keeps one proxy frame per source frame', async () => {
    const plain = syntheticClip(join(dir, 'plain.mp4'), { frames: 12, size: '320x240' });
    const rotated = join(dir, 'rotated.mp4');
    ffmpeg(['-i', plain, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
    const rec = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: rotated,
      view: 'rear',
      condition: { label: 'flat' },
    });
    expect(rec.probe).toMatchObject({
      width: 320,
      height: 240,
      displayWidth: 240,
      displayHeight: 320,
      proxyWidth: 240,
      proxyHeight: 320,
      frameCount: 12,
    });
    expect([90, 270]).toContain(rec.probe.rotation);
    const proxy = join(
      lib.library.paths.mediaDir,
      (await getRecordingRow(lib.library.data, rec.id)).paths.proxy,
    );
    const dims = execFileSync(ffprobePath(), [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height:stream_side_data=rotation',
      '-of',
      'json',
      proxy,
    ]).toString();
    const parsed = JSON.parse(dims) as {
      streams: { width: number; height: number; side_data_list?: unknown[] }[];
    };
    expect(parsed.streams[0]).toMatchObject({ width: 240, height: 320 });
    expect(parsed.streams[0]!.side_data_list ?? []).toHaveLength(0);
  });

  it('keeps the real capture times of a variable-frame-rate clip and flags it', async () => {
    // 30 frames: 10 at 1/30 s, 10 at 1/20 s, 10 at 1/30 s (a phone that slowed down in low light).
    const vfr = join(dir, 'vfr.mp4');
    const expected = Array.from(
      { length: 30 },
      (_, n) => (n < 10 ? n * 2 : n < 20 ? 20 + (n - 10) * 3 : 50 + (n - 20) * 2) / 60,
    );
    ffmpeg([
      ...['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30', '-frames:v', '30'],
      ...[
        '-vf',
        "settb=1/60,setpts='if(lt(N,10),N*2,if(lt(N,20),20+(N-10)*3,50+(N-20)*2))/(60*TB)'",
        '-vsync',
        'vfr',
        '-r',
        '60',
      ],
      ...[
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-g',
        '10',
        '-pix_fmt',
        'yuv420p',
        '-video_track_timescale',
        '600',
        vfr,
      ],
    ]);
    const rec = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: vfr,
      view: 'side',
      condition: { label: 'vfr' },
    });
    expect(rec.probe.variableFrameRate).toBe(true);
    expect(rec.probe.frameCount).toBe(30);
    expect(rec.probe.averageFps).toBeCloseTo(29 / expected[29]!, 6);
    const row = await getRecordingRow(lib.library.data, rec.id);
    const times = decodeTimestamps(readFileSync(join(lib.library.paths.mediaDir, row.paths.timestamps)));
    times.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 6));
    // The proxy is constant-rate with exactly one frame per source frame.
    expect(framesOf(join(lib.library.paths.mediaDir, row.paths.proxy))).toBe(30);
  });

  it('stores trim in frames and refuses a trim past the last frame', async () => {
    const rec = (await listRecordings(lib.library.data, lib.sessionId)).find(
      (r) => r.probe.frameCount === 47,
    );
    const updated = await updateRecording(lib.library.data, rec!.id, {
      trim: { startFrame: 5, endFrame: 40 },
      condition: { label: 'flat', inclinePct: 1 },
    });
    expect(updated.trim).toEqual({ startFrame: 5, endFrame: 40 });
    expect(updated.condition).toEqual({ label: 'flat', inclinePct: 1 });
    await expect(
      updateRecording(lib.library.data, rec!.id, { trim: { startFrame: 0, endFrame: 10_000 } }),
    ).rejects.toThrow(/has \d+ frames/);
  });

  it('keeps unicode, spaces and quotes in the original name and reads such a path safely', async () => {
    const odd = join(dir, `Läufer "Ana" O'Brien — côté 🏃 $(rm -rf x).mp4`);
    copyFileSync(clip('running_side_overground_sports2d_demo3.mp4'), odd);
    // Re-encode a few frames so its checksum differs from the clip imported above.
    const src = join(dir, `Läufer "Ana" O'Brien — côté 🏃 (2).mp4`);
    ffmpeg(['-i', odd, '-frames:v', '8', '-c:v', 'libx264', '-preset', 'ultrafast', '-an', src]);
    const rec = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: src,
      view: 'side',
      condition: { label: 'flat' },
    });
    expect(rec.originalName).toBe(`Läufer "Ana" O'Brien — côté 🏃 (2).mp4`);
    expect(rec.probe.frameCount).toBe(8);
    expect(existsSync(odd)).toBe(true);
  });

  it('runs one transcode at a time: a second import waits, says so, and can be cancelled while it waits', async () => {
    const a = syntheticClip(join(dir, 'queue-a.mp4'), { frames: 90, size: '640x480' });
    const b = syntheticClip(join(dir, 'queue-b.mp4'), { frames: 30, size: '320x240' });
    const c = syntheticClip(join(dir, 'queue-c.mp4'), { frames: 30, size: '320x200' });
    const log: string[] = [];
    const seen: Record<string, { at: number; phase: string; fraction: number; secondsLeft?: number }[]> = {
      a: [],
      b: [],
    };
    const t0 = Date.now();
    const track = (name: 'a' | 'b') => (p: ImportProgress) => {
      seen[name]!.push({ at: Date.now(), ...p });
      if (p.phase === 'proxy' && p.fraction > 0.15) log.push(name);
    };
    const cancelC = new AbortController();
    const base = { sessionId: lib.sessionId, view: 'side' as const, condition: { label: 'queue' } };
    const before = libraryState(lib.library);
    const ra = importRecording(lib.library, { ...base, sourcePath: a, onProgress: track('a') });
    const rb = importRecording(lib.library, { ...base, sourcePath: b, onProgress: track('b') });
    // c is cancelled while in line ('wait'), or at once should it reach the slot first.
    const rc = importRecording(lib.library, {
      ...base,
      sourcePath: c,
      signal: cancelC.signal,
      onProgress: (p) => (p.phase === 'wait' || p.phase === 'proxy') && cancelC.abort(),
    });
    await expect(rc).rejects.toMatchObject({ code: 'cancelled' });
    const [recA, recB] = await Promise.all([ra, rb]);
    expect(recA.probe.frameCount).toBe(90);
    expect(recB.probe.frameCount).toBe(30);
    // Every progress step of one transcode comes before any of the other's.
    const firstB = log.indexOf('b');
    const lastA = log.lastIndexOf('a');
    expect(firstB === -1 || lastA === -1 || lastA < firstB || log.lastIndexOf('b') < log.indexOf('a')).toBe(
      true,
    );
    // The import that waited said so ('wait', with no time left while in line), and once its turn
    // came its time left was read from its own work, not from the wait (the walk saw a 3 s clip that
    // had waited 90 s say "about 163 s left").
    const waited = (['a', 'b'] as const).filter((n) => seen[n]!.some((p) => p.phase === 'wait'));
    expect(waited.length).toBeGreaterThan(0);
    for (const n of waited) {
      const list = seen[n]!;
      const w = list.findIndex((p) => p.phase === 'wait');
      expect(list[w]!.secondsLeft).toBeUndefined();
      const turn = list.findIndex((p, i) => i > w && p.phase === 'proxy');
      expect(turn).toBeGreaterThan(w);
      const waitS = (list[turn]!.at - list[w]!.at) / 1000;
      const first = list.slice(turn).find((p) => p.secondsLeft !== undefined)!;
      // The elapsed time the estimate used: secondsLeft = elapsed / fraction × (1 − fraction).
      const used = (first.secondsLeft! * first.fraction) / (1 - first.fraction);
      expect(used).toBeLessThan((first.at - t0) / 1000 - waitS / 2);
    }
    expect(
      (await listRecordings(lib.library.data, lib.sessionId)).filter((r) => r.condition.label === 'queue'),
    ).toHaveLength(2);
    expect(libraryState(lib.library).tmp).toBe(before.tmp);
  });

  it('is frame-exact: proxy frame i shows source frame i, through B-frame reordering and variable rate', async () => {
    // Frame N is a flat grey of level 8·N, so each decoded picture says which source frame it is.
    const src = join(dir, 'indexed.mp4');
    ffmpeg([
      ...['-f', 'lavfi', '-i', "nullsrc=s=64x64:r=30,format=gray,geq=lum='N*8'", '-frames:v', '30'],
      ...[
        '-vf',
        "settb=1/60,setpts='if(lt(N,10),N*2,if(lt(N,20),20+(N-10)*3,50+(N-20)*2))/(60*TB)'",
        '-vsync',
        'vfr',
        '-r',
        '60',
      ],
      ...[
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-qp',
        '0',
        '-g',
        '7',
        '-bf',
        '2',
        '-pix_fmt',
        'yuv420p',
        '-video_track_timescale',
        '600',
        src,
      ],
    ]);
    const rec = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: src,
      view: 'rear',
      condition: { label: 'indexed' },
    });
    const proxy = join(
      lib.library.paths.mediaDir,
      (await getRecordingRow(lib.library.data, rec.id)).paths.proxy,
    );
    const raw = execFileSync(
      ffmpegPath(),
      ['-v', 'error', '-i', proxy, '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
      {
        maxBuffer: 1 << 24,
      },
    );
    const px = 64 * 64;
    const levels = Array.from(
      { length: raw.length / px },
      (_, i) => raw.subarray(i * px, (i + 1) * px).reduce((a, b) => a + b, 0) / px,
    );
    expect(levels).toHaveLength(30);
    levels.forEach((level, i) => expect(Math.abs(level - 8 * i)).toBeLessThan(3));
  });

  it.each([
    // Real camera bitstreams, cut short by stream copy so the test stays fast.
    ['sports2d_demo.mp4', 'vp9-excerpt.webm', 30, 'vp9', [1768, 994], 30],
    // The stream copy leaves 24 packets, the last outside the edit list (flag D): 23 frames are shown.
    ['pose2sim_single_cam01.mp4', 'portrait-excerpt.mp4', 23, 'h264', [1080, 1920], 60],
  ] as const)('imports a real %s excerpt (%s)', async (source, name, frames, codec, [w, h], fps) => {
    const src = join(dir, name);
    ffmpeg([
      '-i',
      clip(source),
      '-c',
      'copy',
      '-an',
      '-frames:v',
      codec === 'h264' ? '24' : String(frames),
      src,
    ]);
    const rec = await importRecording(lib.library, {
      sessionId: lib.sessionId,
      sourcePath: src,
      view: 'side',
      condition: { label: codec },
    });
    expect(rec.probe).toMatchObject({
      codec,
      width: w,
      height: h,
      frameCount: frames,
      nominalFps: fps,
      variableFrameRate: false,
      audio: null,
    });
    // WebM stores times in milliseconds, so 30 fps intervals are 33 or 34 ms.
    expect(rec.probe.averageFps).toBeCloseTo(fps, 1);
    // Portrait 1080×1920 fits the 1920 cap as it is; landscape 1768×994 too.
    expect([rec.probe.proxyWidth, rec.probe.proxyHeight]).toEqual([w, h]);
    expect(
      framesOf(
        join(lib.library.paths.mediaDir, (await getRecordingRow(lib.library.data, rec.id)).paths.proxy),
      ),
    ).toBe(frames);
  });
});

import { ServiceError } from '../errors';
import { ffmpegPath, ffprobePath } from './binaries';
import { ShowinfoTimes } from './frame-times';
import type { SourceProbe } from './probe';
import { runTool } from './run';

/**
 * The review proxy: every source frame, upright (rotation applied), at a constant rate, each frame a
 * key frame. H.264 all-intra (`-g 1`, no B-frames) because Chromium's <video> and WebCodecs both
 * decode it (MJPEG-in-MP4, the other all-intra candidate, does not play in <video>), and because
 * with every frame a key frame, seeking to frame i decodes exactly one frame instead of up to a
 * whole GOP (see docs/library-layout.md for the measured cost).
 *
 * One proxy frame per source frame: `settb=1/fps,setpts=N` puts decoded frame N exactly on output
 * slot N, so the constant-rate muxing (`-vsync cfr -r fps`) has nothing to duplicate or drop; the
 * frame count of the written proxy is checked afterwards all the same. ffmpeg's `showinfo` filter, placed
 * before setpts, prints each decoded frame's ORIGINAL timestamp (read by frame-times.ts): that is the
 * timestamp table, taken from the same decode that made the proxy, so frame i of the table is frame i
 * of the proxy.
 */
export const PROXY_MAX_SIDE = 1920;

export interface ProxyResult {
  /** Seconds since the first frame, one per proxy frame. */
  readonly times: number[];
  readonly width: number;
  readonly height: number;
}

export function proxySize(probe: SourceProbe): { width: number; height: number } {
  const turned = probe.rotation === 90 || probe.rotation === 270;
  const w = turned ? probe.height : probe.width;
  const h = turned ? probe.width : probe.height;
  const scale = Math.min(1, PROXY_MAX_SIDE / Math.max(w, h));
  const even = (x: number): number => Math.max(2, 2 * Math.round((x * scale) / 2));
  return { width: even(w), height: even(h) };
}

export async function makeProxy(
  source: string,
  out: string,
  probe: SourceProbe,
  displayName: string,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<ProxyResult> {
  const { num, den } = probe.rate;
  const size = proxySize(probe);
  // A track timescale that is a whole multiple of the rate's numerator makes every pts exact.
  const timescale = num * Math.max(1, Math.ceil(10_000 / num));
  const frames = new ShowinfoTimes();
  let firstErrorAtFrame: number | undefined;
  const errors: string[] = [];
  const res = await runTool(
    ffmpegPath(),
    [
      ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info', '-y'],
      ...['-i', source],
      ...['-map', '0:v:0', '-an', '-sn', '-dn'],
      ...['-vf', `showinfo,settb=${den}/${num},setpts=N,scale=${size.width}:${size.height},setsar=1`],
      ...['-vsync', 'cfr', '-r', `${num}/${den}`],
      ...[
        '-c:v',
        'libx264',
        '-preset',
        'superfast',
        '-crf',
        '20',
        '-g',
        '1',
        '-bf',
        '0',
        '-pix_fmt',
        'yuv420p',
      ],
      ...[
        '-video_track_timescale',
        String(timescale),
        '-metadata:s:v:0',
        'rotate=0',
        '-movflags',
        '+faststart',
      ],
      ...['-f', 'mp4', out],
    ],
    {
      signal: options.signal,
      // Below the pose engine and the app (process/priority.ts): the first numbers and the recorder
      // come first, the proxy takes every cycle they leave and is made all the same.
      priority: 'transcode',
      onStderrLine(line) {
        if (frames.read(line)) {
          options.onProgress?.(Math.min(1, frames.count / probe.packets));
          return true;
        }
        if (/\[(error|fatal)\]/.test(line)) {
          firstErrorAtFrame ??= frames.count;
          errors.push(line.replace(/^.*\[(error|fatal)\]\s*/, ''));
        }
        return !/\[(error|fatal|warning)\]/.test(line);
      },
    },
  );
  const name = `"${displayName}"`;
  if (/No space left on device/i.test(res.stderr)) {
    throw new ServiceError(
      'io',
      `The disk is full: there was no room to make the review copy of ${name}. Free some space and import again.`,
    );
  }
  const times = frames.seconds();
  if (firstErrorAtFrame !== undefined || res.code !== 0 || frames.count < probe.packets) {
    const at = firstErrorAtFrame ?? frames.count;
    const last = Math.max(0, Math.min(at, times.length) - 1);
    const when = times.length > 0 ? ` (about ${times[last]!.toFixed(1)} s in)` : '';
    throw new ServiceError(
      'invalid-input',
      `${name} is damaged from frame ${at + 1} of ${probe.packets}${when}: the picture data cannot be decoded${errors[0] && !/[\\/]/.test(errors[0]) ? ` (${errors[0]})` : ''}. Copy the clip again from the camera.`,
    );
  }
  if (times.length === 0) throw new ServiceError('internal', `Could not read the frame times of ${name}.`);
  const written = await countPackets(out, options.signal);
  if (written !== times.length) {
    throw new ServiceError(
      'internal',
      `The review copy of ${name} has ${written} frames instead of ${times.length}.`,
    );
  }
  return { times, width: size.width, height: size.height };
}

async function countPackets(file: string, signal?: AbortSignal): Promise<number> {
  const res = await runTool(
    ffprobePath(),
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-count_packets',
      '-show_entries',
      'stream=nb_read_packets',
      '-of',
      'csv=p=0',
      file,
    ],
    { signal, captureStdout: true },
  );
  return Number(res.stdout.trim());
}

/** A small JPEG of the proxy's middle frame for the session page (all-intra: the seek is exact). */
export async function makeThumbnail(
  proxy: string,
  out: string,
  atSeconds: number,
  signal?: AbortSignal,
): Promise<void> {
  const res = await runTool(
    ffmpegPath(),
    [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-ss',
      atSeconds.toFixed(6),
      '-i',
      proxy,
      '-frames:v',
      '1',
      '-vf',
      'scale=320:-2',
      '-q:v',
      '4',
      out,
    ],
    { signal, priority: 'transcode' },
  );
  if (res.code !== 0)
    throw /No space left on device/i.test(res.stderr)
      ? new ServiceError(
          'io',
          'The disk is full: there was no room for the thumbnail. Free some space and import again.',
        )
      : new ServiceError(
          'internal',
          // ffmpeg's own last line names the library's tmp file: not for the PT's eyes.
          'Could not make the small picture that stands for the clip (its thumbnail). Import it again; if it fails again, the clip may be damaged.',
        );
}

import type { MarkerFrame } from '../../../src-shared/markers';
import { ServiceError } from '../errors';
import { ffmpegPath } from '../media/binaries';
import { readFrameTimes } from '../media/frame-times';
import { probeSource } from '../media/probe';
import { spawnChild } from '../process/children';

/**
 * Decoded frames of a recording's proxy for the marker core, in Node, off the UI thread: ffmpeg
 * decodes to raw pixels (`-f rawvideo`, grey for bright markers, RGBA for a picked colour), one frame
 * after the other in presentation order with `-vsync passthrough` (the bundled ffmpeg 4 has no -fps_mode), so frame k on the pipe is frame
 * k of the clip: the landmark series' and the review's index. The pipe is read as an async iterator,
 * so a slow tracker pauses ffmpeg (stream backpressure) and memory stays at a few frames. The proxy
 * is all-intra (docs/library-layout.md), so one frame is cheap to reach with the `select` filter.
 */
export interface ClipFrames {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  /** True time of each frame (the ingest's timestamp table), seconds. */
  readonly times: readonly number[];
}

export type PixelFormat = 'gray' | 'rgba';

/**
 * A clip outside the library (`stridelab markers <clip>`): the size ffmpeg shows it at (upright:
 * autorotate turns a 90° clip, so its sides swap) and each frame's true time, read as the import
 * reads the timestamp table (media/frame-times.ts). A library recording gets both from its proxy
 * and table (recording.ts); either way a variable-rate clip's frames keep their own times.
 */
export async function fileClipFrames(
  path: string,
  displayName: string,
  signal?: AbortSignal,
): Promise<ClipFrames> {
  const probe = await probeSource(path, displayName, signal);
  const turned = probe.rotation === 90 || probe.rotation === 270;
  const times = await readFrameTimes(path, displayName, signal);
  return {
    path,
    width: turned ? probe.height : probe.width,
    height: turned ? probe.width : probe.height,
    times,
  };
}

function decodeArgs(path: string, format: PixelFormat, only?: number): string[] {
  return [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', path],
    ...(only === undefined ? [] : ['-vf', `select=eq(n\\,${only})`, '-frames:v', '1']),
    ...['-vsync', 'passthrough', '-an', '-f', 'rawvideo', '-pix_fmt', format, 'pipe:1'],
  ];
}

const cancelled = (): ServiceError => new ServiceError('cancelled', 'Marker tracking stopped.');

/**
 * Every frame of the clip (or only frame `only`), in order. Abort kills ffmpeg and the iteration
 * throws a 'cancelled' error; leaving the loop early kills it too.
 */
export async function* clipFrames(
  clip: ClipFrames,
  format: PixelFormat,
  opts: { signal?: AbortSignal; only?: number } = {},
): AsyncGenerator<MarkerFrame> {
  if (opts.signal?.aborted) throw cancelled();
  const child = spawnChild(ffmpegPath(), decodeArgs(clip.path, format, opts.only), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const kill = (): void => void child.kill('SIGKILL');
  opts.signal?.addEventListener('abort', kill, { once: true });
  const frameBytes = clip.width * clip.height * (format === 'gray' ? 1 : 4);
  let index = opts.only ?? 0;
  let pending: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= frameBytes) {
        const data = new Uint8Array(frameBytes);
        data.set(pending.subarray(0, frameBytes));
        pending = pending.subarray(frameBytes);
        yield { index, t: clip.times[index] ?? 0, width: clip.width, height: clip.height, data, format };
        index++;
        if (opts.signal?.aborted) throw cancelled();
      }
    }
    const code = await Promise.race([closed, spawnError]);
    if (opts.signal?.aborted) throw cancelled();
    if (code instanceof Error)
      throw new ServiceError('internal', `StrideLab could not start its video tool (${code.message}).`);
    if (code !== 0)
      throw new ServiceError(
        'io',
        `The clip could not be read (${stderr.trim().split('\n').pop() ?? code}).`,
      );
  } finally {
    opts.signal?.removeEventListener('abort', kill);
    if (child.exitCode === null) kill();
  }
}

/** One frame of the clip (the naming frame); a 'not-found' error past the last frame. */
export async function readFrame(clip: ClipFrames, frame: number, format: PixelFormat): Promise<MarkerFrame> {
  for await (const f of clipFrames(clip, format, { only: frame })) return f;
  throw new ServiceError('not-found', `Frame ${frame} is past the end of the clip.`, 'frame');
}

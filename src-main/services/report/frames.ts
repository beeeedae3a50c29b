import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceError } from '../errors';
import { ffmpegPath } from '../media/binaries';
import { lastLine } from '../media/probe';
import { runTool } from '../media/run';

/**
 * Grab frames of a clip as JPEG, by frame index, in ONE decode pass: ffmpeg's `select` filter keeps
 * the frames whose index `n` is in the list and `-fps_mode passthrough` stops it from duplicating
 * or dropping any. Index n counts decoded frames in presentation order, the same index the landmark
 * series and the proxy use (the proxy is constant rate, one proxy frame per source frame).
 */
export async function grabFrames(
  clipPath: string,
  frames: readonly number[],
  opts: { readonly quality?: number; readonly signal?: AbortSignal } = {},
): Promise<Map<number, Buffer>> {
  const wanted = [...new Set(frames.filter((f) => Number.isInteger(f) && f >= 0))].sort((a, b) => a - b);
  const out = new Map<number, Buffer>();
  if (wanted.length === 0) return out;
  const work = await mkdtemp(join(tmpdir(), 'stridelab-frames-'));
  try {
    const select = wanted.map((f) => `eq(n\\,${f})`).join('+');
    const result = await runTool(
      ffmpegPath(),
      [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-i',
        clipPath,
        '-map',
        '0:v:0',
        '-vf',
        `select='${select}'`,
        // `-vsync 0` is the spelling the 2018 ffmpeg build knows (newer: -fps_mode passthrough).
        '-vsync',
        '0',
        '-q:v',
        String(opts.quality ?? 3),
        join(work, 'f%05d.jpg'),
      ],
      { signal: opts.signal },
    );
    if (result.code !== 0) {
      throw new ServiceError(
        'io',
        `Could not read frames from the clip: ${lastLine(result.stderr) || `ffmpeg exit ${result.code}`}`,
      );
    }
    const files = (await readdir(work)).filter((f) => f.endsWith('.jpg')).sort();
    // Output files are numbered in order of the selected frames.
    for (let i = 0; i < files.length && i < wanted.length; i++) {
      out.set(wanted[i]!, await readFile(join(work, files[i]!)));
    }
    return out;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

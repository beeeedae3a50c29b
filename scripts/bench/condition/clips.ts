/**
 * The clinic's take, made at bench time from the real treadmill clip (issue 16's Benchmarks: two
 * views, 60 fps, 2 minutes each). The clip is 720x1280 at 30 fps, 12 s; the clinic's phones film
 * 1080x1920 at 60 fps. It is scaled to 1080x1920 and re-timed to 60 fps by showing each frame twice
 * (ffmpeg `fps=60`): the runner keeps his real cadence (168.9 steps/min in the clip's ground truth,
 * shared/media/SOURCES.md), while a real 60 fps camera would show poses between those frames, so
 * the pose model's work per frame is the same and the tracker sees less motion per frame. Encoded
 * once as a phone does (H.264, a key frame a second), then played again and again by stream copy,
 * so the long take costs one 12 s encode, not a 2-minute one.
 *
 * The joins are jumps in the runner's phase. The long take is cut so that the centre of the take,
 * where the steady window sits (src-shared/analysis/steady-window.ts), lies midway between two joins:
 * the window is then 10 s of continuous running, as on a real take.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ffmpegPath } from '../../../src-main/services/media/binaries';

const UNIT_S = 12;

function ffmpeg(args: string[]): void {
  execFileSync(ffmpegPath(), ['-v', 'error', '-nostdin', '-y', ...args]);
}

/** The real clip at 1080x1920, 60 fps, H.264 with a key frame every second (12 s, 720 frames). */
export function clip1080p60(src: string, dir: string): string {
  const out = join(dir, 'unit-1080x1920-60fps.mp4');
  ffmpeg([
    ...['-i', src, '-an'],
    ...['-vf', 'scale=1080:1920:flags=bicubic,fps=60'],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '20',
      '-g',
      '60',
      '-sc_threshold',
      '0',
      '-pix_fmt',
      'yuv420p',
    ],
    out,
  ]);
  return out;
}

/** The first `seconds` of a clip, stream-copied (cut on a key frame: whole seconds here). */
export function head(src: string, seconds: number, dir: string, name: string): string {
  const out = join(dir, name);
  ffmpeg(['-i', src, '-t', String(seconds), '-c', 'copy', '-an', out]);
  return out;
}

/**
 * A take of `seconds` (an even number of seconds, ≥ 24) from the 12 s unit played over and over, cut so
 * that a join never falls in the 10 s at the take's centre (stream copy, cut on whole seconds: key frames, since the unit has one every second).
 */
export function longTake(unit: string, seconds: number, dir: string, name: string): string {
  const out = join(dir, name);
  // Joins at k·12 s of the looped stream; start the take where the centre falls half a unit from them.
  const offset = (((UNIT_S / 2 - seconds / 2) % UNIT_S) + UNIT_S) % UNIT_S;
  const loops = Math.ceil((seconds + offset) / UNIT_S);
  ffmpeg([
    ...['-stream_loop', String(loops - 1), '-i', unit],
    ...['-ss', String(offset), '-t', String(seconds), '-c', 'copy', '-an', out],
  ]);
  return out;
}

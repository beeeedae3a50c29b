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
 * The joins are jumps in the runner's phase. The unit starts where the take's centre, where the
 * steady window sits (src-shared/analysis/steady-window.ts), falls midway between two joins: the
 * window is then 10 s of continuous running, as on a real take.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ffmpegPath } from '../../../src-main/services/media/binaries';

const UNIT_S = 12;

function ffmpeg(args: string[]): void {
  execFileSync(ffmpegPath(), ['-v', 'error', '-nostdin', '-y', ...args]);
}

/**
 * Where the unit starts in the real clip so that a take of `takeS` (even) made of whole units has its
 * centre half a unit from the joins: (the real clip's time at the take's centre) = UNIT_S / 2.
 */
export const unitStartFor = (takeS: number): number =>
  (((UNIT_S / 2 - takeS / 2) % UNIT_S) + UNIT_S) % UNIT_S;

/**
 * The real clip at 1080x1920, 60 fps, H.264 with a key frame every second and no scene cuts (12 s,
 * 720 frames), starting `startS` into the clip and going round to it (one join inside the unit,
 * where the unit's own loop joins would otherwise be: the take has a join every 12 s either way).
 */
export function clip1080p60(src: string, dir: string, startS = 0): string {
  const out = join(dir, `unit-1080x1920-60fps-from-${startS}s.mp4`);
  const look = 'scale=1080:1920:flags=bicubic,fps=60';
  const filter =
    startS > 0
      ? `[0:v]trim=start=${startS},setpts=PTS-STARTPTS[a];[0:v]trim=end=${startS},setpts=PTS-STARTPTS[b];` +
        `[a][b]concat=n=2:v=1[c];[c]${look}[v]`
      : `[0:v]${look}[v]`;
  ffmpeg([
    ...['-i', src, '-filter_complex', filter, '-map', '[v]'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-g', '60', '-sc_threshold', '0'],
    ...['-pix_fmt', 'yuv420p', out],
  ]);
  return out;
}

/** The first `seconds` of a clip, stream-copied (the end is cut; the start is the clip's). */
export function head(src: string, seconds: number, dir: string, name: string): string {
  const out = join(dir, name);
  ffmpeg(['-i', src, '-t', String(seconds), '-c', 'copy', '-an', out]);
  return out;
}

/** A take of `seconds`: the unit played over and over, stream-copied (the pixels are the unit's). */
export function longTake(unit: string, seconds: number, dir: string, name: string): string {
  const out = join(dir, name);
  const loops = Math.ceil(seconds / UNIT_S);
  ffmpeg(['-stream_loop', String(loops - 1), '-i', unit, '-t', String(seconds), '-c', 'copy', '-an', out]);
  return out;
}

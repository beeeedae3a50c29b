import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ffmpegPath } from '../../src-main/services/media/binaries';

/**
 * A long treadmill clip from a short real one: the clip played `times` times in a row, stream-copied
 * (no re-encode: the pixels are the camera's). The steady-window tests and bench need a take longer
 * than two windows (src-shared/analysis/steady-window.ts), and the real treadmill clip is 12 s. The
 * joins are jumps in the runner's phase; the window, centred, lies between them when `times` is odd.
 */
export function loopedClip(src: string, times: number, dir: string, name = `looped-${times}.mp4`): string {
  const out = join(dir, name);
  execFileSync(ffmpegPath(), [
    '-v',
    'error',
    '-y',
    '-stream_loop',
    String(times - 1),
    '-i',
    src,
    '-c',
    'copy',
    out,
  ]);
  return out;
}

import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ServiceError } from '../errors';

/**
 * The ffmpeg and ffprobe binaries shipped inside @ffmpeg-installer/ffmpeg and
 * @ffprobe-installer/ffprobe. npm 11 skips install scripts unless allowed, and the ffprobe
 * package's only script is `chmod u+x ffprobe`; so a fresh install can hold a binary without its
 * execute bit. We set it once here (owner only, as that script does) rather than fail every import.
 * $STRIDELAB_FFMPEG / $STRIDELAB_FFPROBE override (a packaged app points them at its own copies).
 */
const requireCjs = createRequire(import.meta.url);

function ensureExecutable(path: string, name: string): string {
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    try {
      chmodSync(path, statSync(path).mode | 0o100);
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      throw new ServiceError(
        'internal',
        `${name} (${path}) is missing or cannot be run; reinstall StrideLab.`,
      );
    }
  }
}

let ffmpeg: string | undefined;
let ffprobe: string | undefined;

export function ffmpegPath(): string {
  ffmpeg ??= ensureExecutable(
    process.env.STRIDELAB_FFMPEG ?? (requireCjs('@ffmpeg-installer/ffmpeg') as { path: string }).path,
    'ffmpeg',
  );
  return ffmpeg;
}

export function ffprobePath(): string {
  ffprobe ??= ensureExecutable(
    process.env.STRIDELAB_FFPROBE ?? (requireCjs('@ffprobe-installer/ffprobe') as { path: string }).path,
    'ffprobe',
  );
  return ffprobe;
}

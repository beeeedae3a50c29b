import { ServiceError } from '../errors';
import { ffmpegPath } from './binaries';
import { lastLine } from './probe';
import { runTool } from './run';

/**
 * Each decoded frame's own time, as ffmpeg's `showinfo` filter prints it (its pts, in the time base
 * of its "config in" line): the clip's clock, not a rate, so a phone's jitter and dropped frames keep
 * their true times (docs/library-layout.md, "Frames and time"). The import reads the timestamp table
 * this way in the very decode that writes the proxy (proxy.ts); a clip outside the library is read
 * by `readFrameTimes`, the same filter in a decode that writes nothing.
 */
const SHOWINFO_CONFIG = /showinfo.*config in time_base:\s*(\d+)\/(\d+)/;
const SHOWINFO_FRAME = /showinfo.*\bn:\s*(\d+)\s+pts:\s*(-?\d+)/;

export class ShowinfoTimes {
  private timeBase = 0;
  private readonly pts: number[] = [];

  /** One line of ffmpeg's stderr (run with `-loglevel level+info`); true when it was a frame's. */
  read(line: string): boolean {
    const frame = SHOWINFO_FRAME.exec(line);
    if (frame) {
      this.pts.push(Number(frame[2]));
      return true;
    }
    const config = SHOWINFO_CONFIG.exec(line);
    if (config) this.timeBase = Number(config[1]) / Number(config[2]);
    return false;
  }

  /** Frames seen so far. */
  get count(): number {
    return this.pts.length;
  }

  /**
   * Seconds since the first frame, one per frame, in presentation order (the order the decoder
   * hands frames out); empty while ffmpeg has not said its time base.
   */
  seconds(): number[] {
    if (this.timeBase <= 0) return [];
    const first = this.pts[0]!;
    return this.pts.map((p) => (p - first) * this.timeBase);
  }
}

/**
 * The true time of each frame of a clip that is not in the library (the CLI on a bare file), read
 * as the import reads it. Frame k of the result is frame k of a decode of the first video stream
 * with every frame kept (`-vsync passthrough`, as services/markers/frames.ts decodes).
 */
export async function readFrameTimes(
  path: string,
  displayName: string,
  signal?: AbortSignal,
): Promise<number[]> {
  const times = new ShowinfoTimes();
  const res = await runTool(
    ffmpegPath(),
    [
      ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info', '-i', path],
      ...['-map', '0:v:0', '-an', '-sn', '-dn', '-vf', 'showinfo', '-f', 'null', '-'],
    ],
    { signal, onStderrLine: (line) => times.read(line) },
  );
  const seconds = times.seconds();
  if (res.code !== 0 || seconds.length === 0)
    throw new ServiceError(
      'invalid-input',
      `The frame times of "${displayName}" could not be read: ${lastLine(res.stderr) || 'it holds no video frames'}.`,
    );
  return seconds;
}

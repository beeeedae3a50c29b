import { basename } from 'node:path';
import { ALL_FORMATS, EncodedPacketSink, FilePathSource, Input } from 'mediabunny';
import { frameTiming } from '../../../src-shared/media/timestamps';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';

/**
 * Read what the landmark series records about its clip (size, frame count, nominal rate, VFR) from
 * the container alone, in Node, before any browser starts: a file that is not a readable video
 * fails here, fast, with a plain message.
 */
export type ClipInfo = LandmarkSeries['source'];

export class ClipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClipError';
  }
}

/** `name`: how to call the file in messages and in the series (default: its file name). */
export async function probeClip(path: string, name: string = basename(path)): Promise<ClipInfo> {
  const file = name;
  const input = new Input({ source: new FilePathSource(path), formats: ALL_FORMATS });
  try {
    let track;
    try {
      await input.getFormat();
    } catch {
      throw new ClipError(`${file} is not a video file StrideLab can read (unknown or damaged format).`);
    }
    try {
      track = await input.getPrimaryVideoTrack();
    } catch {
      throw new ClipError(`${file} is damaged: its video index cannot be read (truncated or corrupt file?).`);
    }
    // An MP4 whose index (moov) was to come after a cut-off download looks like this.
    if (!track)
      throw new ClipError(`${file} has no readable video track (the file may be truncated or incomplete).`);
    const times: number[] = [];
    try {
      const sink = new EncodedPacketSink(track);
      for await (const packet of sink.packets(undefined, undefined, { metadataOnly: true })) {
        times.push(packet.timestamp);
      }
    } catch (e) {
      throw new ClipError(`${file} is damaged: its frames cannot be read (${(e as Error).message}).`);
    }
    if (!times.length) throw new ClipError(`${file} contains no video frames.`);
    // A file cut short after its index (faststart MP4) lists frames whose bytes are missing: read
    // the last frame's bytes to find out now rather than at the end of a long run.
    try {
      const sink = new EncodedPacketSink(track);
      const last = await sink.getPacket(Math.max(...times));
      if (!last || last.byteLength === 0) throw new Error('last frame missing');
    } catch {
      throw new ClipError(`${file} is truncated: the video stops before its last frame (incomplete copy?).`);
    }
    times.sort((a, b) => a - b);
    const durationS = Math.max(0, (await input.computeDuration()) - Math.max(0, times[0]!));
    // Variable frame rate as the import defines it (frameTiming), on the container's own times.
    const timing = frameTiming(times);
    return {
      file,
      width: track.displayWidth,
      height: track.displayHeight,
      fps: timing.averageFps || 30,
      frameCount: times.length,
      durationS,
      variableFrameRate: timing.variable,
    };
  } finally {
    input.dispose();
  }
}

/**
 * Frame source for the pose engine: every frame of the clip, in presentation order, with its true
 * timestamp (seconds, from the container: variable frame rate is carried by the timestamps).
 * WebCodecs decoding through mediabunny, reading the clip over HTTP range requests.
 *
 * Frames reach MediaPipe as RGBA ImageData made by `VideoFrame.copyTo({format: 'RGBA'})`: measured
 * here, `detectForVideo` on a 1080x1920 VideoFrame ran at ~15 fps (lite) but at ~26 fps on the same
 * frame as ImageData, because without a GPU Chromium converts a VideoFrame texture upload on a slow
 * path. The copies run a few frames ahead of detection so they overlap with it. See
 * docs/pose-engine.md for the figures. Where frames are reduced before the landmarker, the decode
 * worker passes a converter that copies the decoder's YUV planes instead (reduce-frame.ts).
 */
import { ALL_FORMATS, CanvasSink, Input, UrlSource, VideoSampleSink, type InputVideoTrack } from 'mediabunny';
import type { CropRect } from '../../../src-shared/pose/runner-crop';

export interface DecodedFrame {
  /** What MediaPipe receives: upright, display-sized. */
  readonly image: ImageData | OffscreenCanvas;
  readonly t: number;
  /** The consumer is done with `image`: its pixel memory may be reused for a later frame. */
  readonly release?: () => void;
}

/** A part of the clip, in seconds; either end absent: the clip's. */
export interface FrameRange {
  readonly startS?: number;
  readonly endS?: number;
}

/** Where RGBA copies get their memory: a recycled buffer of the right size, or a new one. */
export type TakeBuffer = (bytes: number) => ArrayBuffer;
const newBuffer: TakeBuffer = (bytes) => new ArrayBuffer(bytes);

/**
 * Turns a decoded frame into the pixels handed on (the caller closes the frame): the whole frame in
 * RGBA by default (`toImageData`); the decode worker passes one that reduces the frame first.
 */
export type FrameConverter = (frame: VideoFrame) => Promise<ImageData>;

export interface OpenClip {
  /** Display size (rotation applied): landmark pixels are in this frame. */
  readonly width: number;
  readonly height: number;
  readonly codec: string;
  /**
   * Frames in order; `lookahead` conversions are kept in flight ahead of the consumer. `range`: only
   * the frames shown in [startS, endS) (mediabunny starts at the key frame before and decodes on).
   */
  frames(lookahead?: number, convert?: FrameConverter, range?: FrameRange): AsyncGenerator<DecodedFrame>;
  dispose(): void;
}

/**
 * The part of a decoded frame to copy: its visible rect, or `crop` (EngineJob.crop) inside it. The
 * copy then reads only those pixels of the decoder's planes.
 */
export function copyRect(frame: VideoFrame, crop?: CropRect): CropRect {
  const visible = frame.visibleRect ?? { x: 0, y: 0, width: frame.codedWidth, height: frame.codedHeight };
  if (!crop) return { x: visible.x, y: visible.y, width: visible.width, height: visible.height };
  return { x: visible.x + crop.x, y: visible.y + crop.y, width: crop.width, height: crop.height };
}

/** The visible frame (or `crop` of it) in RGBA, converted by Chromium (libyuv), into memory from `take`. */
export async function toImageData(frame: VideoFrame, take: TakeBuffer, crop?: CropRect): Promise<ImageData> {
  const rect = copyRect(frame, crop);
  const data = new Uint8ClampedArray(take(rect.width * rect.height * 4));
  await frame.copyTo(data, { format: 'RGBA', rect } as VideoFrameCopyToOptions);
  return new ImageData(data, rect.width, rect.height);
}

/** Upright frames need no drawing: each decoded frame goes through `convert`. */
async function* sampleFrames(
  track: InputVideoTrack,
  convert: FrameConverter,
  range: FrameRange,
): AsyncGenerator<() => Promise<DecodedFrame>> {
  const sink = new VideoSampleSink(track);
  for await (const sample of sink.samples(range.startS, range.endS)) {
    const frame = sample.toVideoFrame();
    const t = Math.max(0, sample.timestamp);
    sample.close();
    yield async () => {
      try {
        return { image: await convert(frame), t };
      } finally {
        frame.close();
      }
    };
  }
}

/** Rotated (phone) clips: mediabunny draws each frame upright onto a fresh canvas. */
async function* canvasFrames(
  track: InputVideoTrack,
  range: FrameRange,
): AsyncGenerator<() => Promise<DecodedFrame>> {
  const sink = new CanvasSink(track, { poolSize: 0, alpha: false });
  for await (const wrapped of sink.canvases(range.startS, range.endS)) {
    const image = wrapped.canvas as OffscreenCanvas;
    const t = Math.max(0, wrapped.timestamp);
    yield () => Promise.resolve({ image, t });
  }
}

/**
 * Start each frame's conversion as soon as it is decoded, up to `depth` frames ahead, and hand them
 * out in order. Errors surface at the frame they belong to.
 */
async function* ahead(
  src: AsyncGenerator<() => Promise<DecodedFrame>>,
  depth: number,
): AsyncGenerator<DecodedFrame> {
  const queue: Promise<DecodedFrame | null>[] = [];
  const pull = (): void => {
    const p = src.next().then((n) => (n.done ? null : n.value()));
    p.catch(() => undefined); // surfaced when its turn comes
    queue.push(p);
  };
  try {
    for (let i = 0; i < depth; i++) pull();
    for (;;) {
      const frame = await queue.shift()!;
      if (!frame) return;
      pull();
      yield frame;
    }
  } finally {
    await Promise.allSettled(queue);
    await src.return(undefined);
  }
}

export async function openClip(url: string): Promise<OpenClip> {
  const input = new Input({ source: new UrlSource(url), formats: ALL_FORMATS });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error('the file has no video track');
  const codec = track.codec ?? 'unknown';
  if (!(await track.canDecode())) throw new Error(`this video's codec (${codec}) cannot be decoded here`);
  const width = track.displayWidth;
  const height = track.displayHeight;
  const upright = track.rotation === 0 && track.codedWidth === width && track.codedHeight === height;
  return {
    width,
    height,
    codec,
    frames: (lookahead = 3, convert = (f) => toImageData(f, newBuffer), range = {}) =>
      ahead(upright ? sampleFrames(track, convert, range) : canvasFrames(track, range), lookahead),
    dispose: () => input.dispose(),
  };
}

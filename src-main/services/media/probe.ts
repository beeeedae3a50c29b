import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { ServiceError } from '../errors';
import { ffprobePath } from './binaries';
import { runTool } from './run';
import { sniff, TEXT } from './sniff';

/**
 * First look at a clip with ffprobe: streams, sizes, rotation, declared rates, and packets counted
 * by reading the whole file (`-count_packets`: no decoding, so fast). Everything a PT can get
 * wrong (an empty file, a photo, a voice memo, a clip cut off mid-copy) is refused here with a
 * message that names the file. Decoding problems are found later, by the proxy transcode, which
 * decodes every frame anyway.
 */
export interface SourceProbe {
  readonly container: string;
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  readonly rotation: 0 | 90 | 180 | 270;
  readonly nominalFps: number;
  /** Numerator/denominator of the rate the proxy will use. */
  readonly rate: { readonly num: number; readonly den: number };
  /**
   * Video packets present in the file that are meant to be shown: an MP4 edit list can mark some
   * as discarded (flag D; a clip cut by stream copy ends with one), and decoders drop those.
   */
  readonly packets: number;
  readonly audio: { readonly codec: string; readonly channels: number; readonly sampleRate: number } | null;
}

/** Picture sizes StrideLab accepts: a phone's smallest mode up to 8K (DCI 8192) per side. */
export const MIN_SIDE = 32;
export const MAX_SIDE = 8192;
/** The proxy's declared rate must be one a camera makes; anything else is a broken header. */
const MAX_FPS = 1000;

/** Codecs that hold pictures rather than motion when they come alone (a photo, a screenshot). */
const STILL_FORMATS = /(^|,)(image2|png_pipe|jpeg_pipe|bmp_pipe|webp_pipe|tiff_pipe|gif)(,|$)/;

interface FfStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  nb_read_packets?: string;
  channels?: number;
  sample_rate?: string;
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}
interface FfProbe {
  streams?: FfStream[];
  format?: { format_name?: string };
}

const ratio = (s: string | undefined): { num: number; den: number } | undefined => {
  const m = /^(\d+)\/(\d+)$/.exec(s ?? '');
  if (!m) return undefined;
  const num = Number(m[1]);
  const den = Number(m[2]);
  return num > 0 && den > 0 && num / den <= MAX_FPS ? { num, den } : undefined;
};

/**
 * ffprobe ≥ 5 reports the display matrix as counter-clockwise degrees (side data), older files may
 * only carry the `rotate` tag (clockwise). We store clockwise, the way a player must turn the image.
 */
function clockwise(s: FfStream): 0 | 90 | 180 | 270 {
  const side = s.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const deg = side !== undefined ? -side : Number(s.tags?.rotate ?? 0);
  const r = (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
  return r as 0 | 90 | 180 | 270;
}

async function head(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Refuse what ffprobe cannot open, in words: a clip cut off before its index, or what the file
 * looks like instead (a PDF, a photo). ffprobe's own text is not shown: it is technical and names
 * the file by its path (the library's tmp copy, when the copy is probed).
 */
async function refuseUnreadable(file: string, name: string, stderr: string): Promise<never> {
  // What the bytes are comes first: a PDF named .mp4 makes ffprobe look for an MP4 index.
  const what = sniff(await head(file));
  if (what && what !== TEXT) throw new ServiceError('invalid-input', `${name} is ${what}, not a video.`);
  if (/moov atom not found/i.test(stderr)) {
    throw new ServiceError(
      'invalid-input',
      `${name} is incomplete: the video's index (the "moov" part a camera writes last) is missing, so the recording was cut off or the copy stopped early. Copy it again from the camera.`,
    );
  }
  if (what) throw new ServiceError('invalid-input', `${name} is ${what}, not a video.`);
  throw new ServiceError(
    'invalid-input',
    `${name} is not a video StrideLab can read: its format is unknown, or the file is damaged. Choose the video file as it came from the camera.`,
  );
}

/**
 * A look at the user's file where it is, before anything is copied: ffprobe reads only the first
 * megabytes (its default probe size), so a 20 GB file that is not a video is refused at once
 * rather than after copying it. The full probe (every packet counted) runs on the copy.
 */
export async function probeBeforeCopy(
  file: string,
  displayName: string,
  signal?: AbortSignal,
): Promise<void> {
  const name = `"${basename(displayName)}"`;
  const res = await runTool(
    ffprobePath(),
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
    { signal, captureStdout: true },
  );
  if (res.code !== 0) await refuseUnreadable(file, name, res.stderr);
  const info = JSON.parse(res.stdout) as FfProbe;
  const streams = info.streams ?? [];
  if (!streams.some((s) => s.codec_type === 'video')) {
    throw new ServiceError(
      'invalid-input',
      streams.some((s) => s.codec_type === 'audio')
        ? `${name} has sound but no picture (an audio recording). Choose the video file.`
        : `${name} holds no video.`,
    );
  }
}

export async function probeSource(
  file: string,
  displayName: string,
  signal?: AbortSignal,
): Promise<SourceProbe> {
  const name = `"${basename(displayName)}"`;
  const res = await runTool(
    ffprobePath(),
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-count_packets', file],
    { signal, captureStdout: true },
  );
  if (res.code !== 0) await refuseUnreadable(file, name, res.stderr);
  const info = JSON.parse(res.stdout) as FfProbe;
  const streams = info.streams ?? [];
  const container = info.format?.format_name ?? 'unknown';
  const video = streams.find((s) => s.codec_type === 'video');
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  if (!video) {
    throw new ServiceError(
      'invalid-input',
      audioStream
        ? `${name} has sound but no picture (an audio recording). Choose the video file.`
        : `${name} holds no video.`,
    );
  }
  const packets = Number(video.nb_read_packets ?? 0);
  if (STILL_FORMATS.test(container)) {
    throw new ServiceError(
      'invalid-input',
      `${name} is a still picture (${video.codec_name ?? container}), not a video.`,
    );
  }
  const width = video.width ?? 0;
  const height = video.height ?? 0;
  if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
    throw new ServiceError(
      'unsupported',
      `${name} is ${width}×${height} pixels; StrideLab reads videos from ${MIN_SIDE} to ${MAX_SIDE} pixels a side. Export it from the camera at a normal size (e.g. 1920×1080).`,
    );
  }
  if (packets === 0) throw new ServiceError('invalid-input', `${name} holds no video frames.`);
  if (packets === 1) {
    throw new ServiceError(
      'invalid-input',
      `${name} has a single frame: that is a picture, not a movement. Gait analysis needs a video of several strides.`,
    );
  }
  const declared = Number(video.nb_frames ?? 0);
  // The header (moov) promises `declared` frames; fewer on disk means the data was cut short.
  if (declared > 0 && packets < declared - 1) {
    throw new ServiceError(
      'invalid-input',
      `${name} is incomplete: it should hold ${declared} frames but only ${packets} are in the file, so the copy was cut short. Copy it again from the camera.`,
    );
  }
  const discarded = await countDiscarded(file, signal);
  const rate = proxyRate(ratio(video.r_frame_rate), ratio(video.avg_frame_rate));
  if (!rate) throw new ServiceError('invalid-input', rateMessage(name, video.r_frame_rate));
  return {
    container,
    codec: video.codec_name ?? 'unknown',
    width,
    height,
    rotation: clockwise(video),
    nominalFps: rate.num / rate.den,
    rate,
    packets: packets - discarded,
    audio: audioStream
      ? {
          codec: audioStream.codec_name ?? 'unknown',
          channels: audioStream.channels ?? 0,
          sampleRate: Number(audioStream.sample_rate ?? 0),
        }
      : null,
  };
}

/** Why a clip's frame rate cannot be used, in the PT's words (the header's "1200/1" means nothing to them). */
function rateMessage(name: string, declared: string | undefined): string {
  const m = /^(\d+)\/(\d+)$/.exec(declared ?? '');
  const fps = m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : 0;
  if (fps > MAX_FPS)
    return `${name} says it was filmed at ${Math.round(fps)} frames per second, more than any camera StrideLab supports (up to ${MAX_FPS}): its header is probably damaged. Export or copy it again from the camera or phone.`;
  return `${name} does not say how many frames per second it was filmed at, so its timing cannot be trusted. Export or copy it again from the camera or phone.`;
}

/** Video packets flagged "discard" (outside the edit list): read, never shown. */
async function countDiscarded(file: string, signal?: AbortSignal): Promise<number> {
  const res = await runTool(
    ffprobePath(),
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=flags', '-of', 'csv=p=0', file],
    { signal, captureStdout: true },
  );
  return res.stdout.split('\n').filter((flags) => flags.includes('D')).length;
}

type Rate = { num: number; den: number };
/** Camera rates, to snap a measured average onto (ATSC/SMPTE 1000/1001 rates included). */
const COMMON_RATES: readonly Rate[] = [
  [24000, 1001],
  [24, 1],
  [25, 1],
  [30000, 1001],
  [30, 1],
  [48, 1],
  [50, 1],
  [60000, 1001],
  [60, 1],
  [90, 1],
  [100, 1],
  [120000, 1001],
  [120, 1],
  [240, 1],
].map(([num, den]) => ({ num: num!, den: den! }));

/**
 * The proxy's constant rate. The declared rate (r_frame_rate) when the measured average agrees
 * within 2 %; otherwise (variable-rate phone clips often declare the maximum, or the time base) the
 * average, snapped to the nearest camera rate within 2 %. Playback speed of the proxy is then about right; frame
 * times for analysis come from the timestamp table either way.
 */
export function proxyRate(declared: Rate | undefined, average: Rate | undefined): Rate | undefined {
  const fps = (r: Rate): number => r.num / r.den;
  if (declared && (!average || Math.abs(fps(declared) - fps(average)) / fps(average) <= 0.02))
    return declared;
  if (!average) return declared;
  // The nearest camera rate, not the first within reach: a phone's 30.05 fps average is 30, not 29.97.
  // Within 2 %, as the declared rate above: ffprobe's average counts n frames over n − 1 intervals
  // plus the last frame's duration, and capture jitter moves it too (30.3 for a 4 s 30 fps clip with
  // ±8 ms); the nearest camera rates (24/25, 48/50) are 4 % apart, so 2 % cannot pick the wrong one.
  const off = (r: Rate): number => Math.abs(fps(r) - fps(average)) / fps(average);
  const snapped = COMMON_RATES.filter((r) => off(r) <= 0.02).sort((a, b) => off(a) - off(b))[0];
  if (snapped) return snapped;
  const whole = Math.round(fps(average));
  return Math.abs(whole - fps(average)) / fps(average) <= 0.01 ? { num: whole, den: 1 } : average;
}

export function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .pop()
      ?.replace(/^\[[^\]]*\]\s*/, '') ?? ''
  );
}

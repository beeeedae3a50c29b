/**
 * The cameras this computer has, and opening one at a chosen mode. Browsers only reveal camera
 * names after camera access was granted once, so `listCameras` asks for any camera first and
 * closes it at once.
 */
import { cameraErrorMessage } from '../../../src-shared/capture/camera-errors';
import { bestMode, type CameraCapabilities, type CaptureMode } from '../../../src-shared/capture/modes';
import { hertz, pixels } from '../../../src-shared/units';

export interface CameraInfo {
  readonly deviceId: string;
  readonly label: string;
}

export class CameraError extends Error {
  constructor(
    message: string,
    readonly errorName: string,
  ) {
    super(message);
    this.name = 'CameraError';
  }
}

function toCameraError(err: unknown, what: string): CameraError {
  const e = err as { name?: string; message?: string; constraint?: string };
  return new CameraError(
    cameraErrorMessage({ name: e?.name ?? 'Error', message: e?.message, constraint: e?.constraint }, what),
    e?.name ?? 'Error',
  );
}

export async function listCameras(): Promise<CameraInfo[]> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError(
      'This window cannot use cameras (no camera support in this browser).',
      'NotSupported',
    );
  }
  let probe: MediaStream | undefined;
  try {
    probe = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      throw new CameraError(
        'No camera was found. Plug in the side and rear cameras (a USB port each, not a hub if you can), then press “Look for cameras”.',
        'NotFoundError',
      );
    }
    throw toCameraError(err, 'The camera');
  } finally {
    probe?.getTracks().forEach((t) => t.stop());
  }
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput' && d.deviceId)
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export interface OpenCamera {
  readonly stream: MediaStream;
  readonly track: MediaStreamTrack;
  readonly capabilities: CameraCapabilities;
  /** What the camera really gives (getSettings), after the mode was applied. */
  readonly actual: CaptureMode;
}

const settingsMode = (track: MediaStreamTrack): CaptureMode => {
  const s = track.getSettings();
  return { width: pixels(s.width ?? 0), height: pixels(s.height ?? 0), fps: hertz(s.frameRate ?? 0) };
};

/**
 * Open a camera and ask for `mode` (or the best mode its capabilities offer). `ideal` constraints,
 * so a camera that cannot pair that size with that rate still opens at its nearest mode; the page
 * shows what it actually delivers.
 */
export async function openCamera(deviceId: string, what: string, mode?: CaptureMode): Promise<OpenCamera> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { deviceId: { exact: deviceId } },
      audio: false,
    });
  } catch (err) {
    throw toCameraError(err, what);
  }
  const track = stream.getVideoTracks()[0]!;
  const caps = (track.getCapabilities?.() ?? {}) as CameraCapabilities;
  const capabilities: CameraCapabilities = {
    width: caps.width,
    height: caps.height,
    frameRate: caps.frameRate,
  };
  const want = mode ?? bestMode(capabilities);
  try {
    await track.applyConstraints({
      width: { ideal: want.width },
      height: { ideal: want.height },
      frameRate: { ideal: want.fps },
    });
  } catch (err) {
    stream.getTracks().forEach((t) => t.stop());
    throw toCameraError(err, what);
  }
  return { stream, track, capabilities, actual: settingsMode(track) };
}

export const closeCamera = (camera: OpenCamera | undefined): void =>
  camera?.stream.getTracks().forEach((t) => t.stop());

/** Frames the camera has delivered so far (MediaStreamTrack video stats), when the browser tells. */
export function framesDelivered(track: MediaStreamTrack): number | undefined {
  const stats = (track as MediaStreamTrack & { stats?: { totalFrames?: number } }).stats;
  return typeof stats?.totalFrames === 'number' ? stats.totalFrames : undefined;
}

/**
 * Why R cannot start a take yet, while the cameras are still being looked for or a view's camera is
 * still opening (a size or rate just chosen, or the page just opened): started then, the take
 * recorded only the views already open, without a word (undefined: every chosen camera is open).
 */
export function notReadyYet(looking: boolean, opening: readonly string[]): string | undefined {
  if (looking) return 'Still looking for cameras: press R again once their pictures show.';
  if (opening.length === 0) return undefined;
  return opening.length === 1
    ? `The ${opening[0]} camera is still starting: press R again once its picture shows.`
    : `The ${opening.join(' and ')} cameras are still starting: press R again once their pictures show.`;
}

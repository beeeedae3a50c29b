/**
 * One take: both cameras recorded from a shared start. Each camera gets its own MediaRecorder;
 * both are started in the same task, right after the shared start `t0` is read, so their first
 * frames are the cameras' first frames after t0. Each chunk (one a second) is sent to main as soon
 * as it exists, in order per camera. The chunks are also kept here for the instant replay.
 *
 * Alignment: for each camera we note the capture time of its first recorded frame
 * (requestVideoFrameCallback's `captureTime`, same clock as performance.now() for both cameras),
 * and store it relative to t0. Without captureTime, the recorder's `start` event stands in
 * (later by one main-thread hop, the same for both).
 */
import type { CaptureClipReport, CaptureTake } from '../../../src-shared/contract/capture';
import type { Condition, View } from '../../../src-shared/contract/recordings';
import { api } from '../api/client';
import { framesDelivered } from './cameras';
import { sendChunk } from './chunk-upload';

export interface TakeCamera {
  readonly view: View;
  readonly label: string;
  readonly track: MediaStreamTrack;
  readonly stream: MediaStream;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** The live preview of this camera: its frame callbacks give capture times. */
  readonly preview: HTMLVideoElement | null;
}

export interface RecordedClip {
  readonly view: View;
  readonly blob: Blob;
  readonly report: CaptureClipReport;
}

/**
 * H.264 in Matroska first: measured in headless Chromium 156 on 2 busy cores, two cameras at
 * 1920×1080 30 fps for 3 s gave 67–69 of 90 frames with H.264 (OpenH264), 48–50 with VP9 and
 * none at all with VP8; at 320×240 all three kept every frame. Matroska and WebM are both written
 * as a live stream, so a file cut off by a crash is readable up to the cut.
 */
const MIME_TYPES = [
  'video/x-matroska;codecs=avc1',
  'video/webm;codecs=vp9',
  'video/webm;codecs=vp8',
  'video/webm',
];

export function recorderMimeType(): string {
  const found = MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m));
  if (!found) throw new Error('This window cannot record video (no WebM or Matroska recorder).');
  return found;
}

/**
 * Bit rate: about 0.1 bit per pixel per frame, enough that fast-moving feet stay sharp in VP8
 * (a webcam's own H.264 runs at ~0.05–0.1); clamped so a 4K camera does not fill the disk.
 */
export function bitRateFor(width: number, height: number, fps: number): number {
  return Math.round(Math.min(25e6, Math.max(2e6, width * height * fps * 0.1)));
}

interface PerCamera {
  readonly camera: TakeCamera;
  readonly recorder: MediaRecorder;
  readonly chunks: Blob[];
  seq: number;
  /** Chunks main has acknowledged (on disk, fsynced). */
  acked: number;
  sending: Promise<void>;
  firstFrameMs?: number;
  startEventMs?: number;
  stopMs?: number;
  framesAtStart?: number;
  stopped: Promise<void>;
}

export class TakeRecorder {
  private failure: Error | undefined;
  private constructor(
    readonly take: CaptureTake,
    /** performance.now() of the shared start. */
    readonly t0: number,
    private readonly cams: PerCamera[],
    private readonly onFailure: (err: Error) => void,
    private readonly onSaved: (chunksOnDisk: number) => void,
  ) {}

  static async start(
    sessionId: string,
    condition: Condition,
    cameras: readonly TakeCamera[],
    onFailure: (err: Error) => void,
    /** Chunks (seconds) of every camera safely on disk so far: what a crash now would keep. */
    onSaved: (chunksOnDisk: number) => void = () => undefined,
  ): Promise<TakeRecorder> {
    const mimeType = recorderMimeType();
    const take = await api('capture:begin', {
      sessionId,
      condition,
      cameras: cameras.map((c) => ({
        view: c.view,
        deviceLabel: c.label,
        width: c.width,
        height: c.height,
        fps: c.fps,
        mimeType,
      })),
      startedAt: new Date().toISOString(),
    });
    const cams: PerCamera[] = cameras.map((camera) => {
      const recorder = new MediaRecorder(camera.stream, {
        mimeType,
        videoBitsPerSecond: bitRateFor(camera.width, camera.height, camera.fps),
      });
      const per: PerCamera = {
        camera,
        recorder,
        chunks: [],
        seq: 0,
        acked: 0,
        sending: Promise.resolve(),
        stopped: new Promise((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true })),
      };
      return per;
    });
    // The shared start: now, right before both recorders start in this same task (not before
    // capture:begin, whose round trip would otherwise be cut from the take's length).
    const t0 = performance.now();
    const rec = new TakeRecorder(take, t0, cams, onFailure, onSaved);
    const startAt = t0;
    for (const per of cams) {
      const view = per.camera.view;
      // A camera unplugged or taken by another program mid-take: say so; the page stops the take
      // and keeps what was recorded.
      per.camera.track.addEventListener(
        'ended',
        () => rec.fail(new Error(`The ${view} camera stopped sending pictures (unplugged?).`)),
        { once: true },
      );
      per.recorder.addEventListener('error', () => rec.fail(new Error(`The ${view} recorder stopped.`)), {
        once: true,
      });
      per.recorder.addEventListener('dataavailable', (e) => rec.onData(per, e.data));
      per.recorder.addEventListener('start', () => (per.startEventMs = performance.now()), { once: true });
      per.recorder.start(1000);
      per.framesAtStart = framesDelivered(per.camera.track);
      rec.watchFirstFrame(per, startAt);
    }
    return rec;
  }

  private watchFirstFrame(per: PerCamera, startAt: number): void {
    const video = per.camera.preview;
    if (!video || !('requestVideoFrameCallback' in video)) return;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
      const captured = (meta as VideoFrameCallbackMetadata & { captureTime?: number }).captureTime;
      if (captured === undefined) return; // no capture clock: the start event stands in
      if (captured >= startAt) per.firstFrameMs = captured;
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  /** Report a problem once, mid-take (the page decides whether to stop). */
  private fail(err: Error): void {
    if (this.reported) return;
    this.reported = true;
    this.onFailure(err);
  }
  private reported = false;

  private startOffsetMs(per: PerCamera): number | undefined {
    const at = per.firstFrameMs ?? per.startEventMs;
    return at === undefined ? undefined : at - this.t0;
  }

  private onData(per: PerCamera, blob: Blob): void {
    if (blob.size === 0) return;
    per.chunks.push(blob);
    const seq = per.seq++;
    // The first chunk carries the start offset too, so a recovered take keeps it.
    const offset = seq === 0 ? this.startOffsetMs(per) : undefined;
    per.sending = per.sending.then(() =>
      sendChunk(this.take.id, per.camera.view, seq, blob, offset).then(
        () => {
          per.acked = seq + 1;
          this.onSaved(Math.min(...this.cams.map((c) => c.acked)));
        },
        (err: unknown) => {
          const e = err instanceof Error ? err : new Error(String(err));
          if (!this.failure) {
            this.failure = e;
            this.onFailure(new Error(`The ${per.camera.view} recording could not be saved: ${e.message}`));
          }
        },
      ),
    );
  }

  /** Seconds since the shared start. */
  elapsed(now = performance.now()): number {
    return (now - this.t0) / 1000;
  }

  /**
   * Stop both cameras and wait for every chunk to reach main. Returns the clips at once (for the
   * instant replay) and `saved`, which settles when main has closed and imported them.
   */
  async stop(): Promise<{ clips: RecordedClip[]; saved: Promise<CaptureTake> }> {
    for (const per of this.cams) {
      per.stopMs = performance.now();
      if (per.recorder.state !== 'inactive') per.recorder.stop();
    }
    await Promise.all(this.cams.map((p) => p.stopped));
    await Promise.all(this.cams.map((p) => p.sending));
    if (this.failure) throw this.failure;
    const clips = this.cams.map((per): RecordedClip => {
      const end = framesDelivered(per.camera.track);
      const report: CaptureClipReport = {
        view: per.camera.view,
        chunks: per.seq,
        startOffsetMs: this.startOffsetMs(per),
        durationMs: (per.stopMs ?? performance.now()) - this.t0,
        ...(end !== undefined && per.framesAtStart !== undefined
          ? { framesDelivered: Math.max(0, end - per.framesAtStart) }
          : {}),
      };
      return { view: per.camera.view, blob: new Blob(per.chunks, { type: per.recorder.mimeType }), report };
    });
    const saved = api('capture:finish', {
      takeId: this.take.id,
      startedAt: new Date(performance.timeOrigin + this.t0).toISOString(),
      clips: clips.map((c) => c.report),
    });
    return { clips, saved };
  }

  /** Drop the take without saving (recording error, page closed). */
  async abandon(): Promise<void> {
    for (const per of this.cams) if (per.recorder.state !== 'inactive') per.recorder.stop();
    await api('capture:discard', { takeId: this.take.id }).catch(() => undefined);
  }
}

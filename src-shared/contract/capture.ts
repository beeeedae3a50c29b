/**
 * Contract: live capture from the clinic's cameras straight into a session. A take is one press of
 * R: one clip per view (side, rear), started together. While recording, the renderer streams each
 * MediaRecorder chunk (one a second) to main, which appends and fsyncs it under the library's tmp/,
 * so a crash loses at most the last second; `capture:finish` closes the files and imports each as a
 * recording of the session (same import as a file the PT adds). Chunks travel over the HTTP route
 * `POST /api/capture/chunk?take=…&view=…&seq=…` in browser mode (raw bytes), or `capture:chunk`
 * (base64) where there is no HTTP server (Electron).
 */
import { z } from 'zod';
import { call, event } from './define';
import { ConditionSchema, VIEWS, type Condition, type View } from './recordings';

const Id = z.string().min(1, 'is required').max(64);
const TakeId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a valid take id');

/** What each camera was set to when the take started (from getSettings(), the camera's own word). */
export const CaptureCameraSchema = z.object({
  view: z.enum(VIEWS),
  deviceLabel: z.string().trim().max(200).default(''),
  width: z.number().int().min(1).max(8192),
  height: z.number().int().min(1).max(8192),
  fps: z.number().positive('must be positive').max(1000),
  /** The MediaRecorder's container and codec; only WebM and Matroska, which survive being cut off mid-write. */
  mimeType: z.string().regex(/^video\/(webm|x-matroska)\b/, 'must be a WebM or Matroska video type'),
});
export type CaptureCamera = z.infer<typeof CaptureCameraSchema>;

/** What the renderer measured for one view when the take stopped. */
export const CaptureClipReportSchema = z.object({
  view: z.enum(VIEWS),
  /** Chunks sent for this view: main checks it holds them all before closing the file. */
  chunks: z.number().int().min(0),
  /**
   * Capture time of the clip's first frame minus the take's shared start (the moment both
   * recorders were started), ms. Same clock for both views, so the difference aligns the clips.
   * Absent when the browser could not tell (then sync estimates the alignment alone).
   */
  startOffsetMs: z.number().min(-5000).max(60_000).optional(),
  /** From the shared start to the recorder's stop, ms. */
  durationMs: z
    .number()
    .min(0)
    .max(24 * 3600 * 1000),
  /** Frames the camera delivered while recording (MediaStreamTrack stats), when the browser says. */
  framesDelivered: z.number().int().min(0).optional(),
});
export type CaptureClipReport = z.infer<typeof CaptureClipReportSchema>;

export type TakeStatus = 'recording' | 'saved' | 'recovered' | 'failed' | 'discarded';

export interface CaptureClip {
  readonly view: View;
  /** The imported recording; absent when the import failed (see `error`). */
  readonly recordingId?: string;
  readonly deviceLabel: string;
  readonly width: number;
  readonly height: number;
  /** Rate the camera reported when the take started. */
  readonly fps: number;
  /** See CaptureClipReportSchema; absent when unknown. */
  readonly startOffsetMs?: number;
  readonly durationMs: number;
  readonly framesDelivered?: number;
  /** Frames in the saved clip (the import's own count). */
  readonly frameCount?: number;
  readonly error?: string;
}

export interface CaptureTake {
  readonly id: string;
  readonly sessionId: string;
  readonly number: number;
  /** "flat · take 2" */
  readonly name: string;
  readonly condition: Condition;
  /** Wall-clock time of the shared start, ISO 8601 UTC. */
  readonly startedAt: string;
  readonly status: TakeStatus;
  readonly clips: readonly CaptureClip[];
}

export const CAPTURE_PHASES = ['closing', 'importing', 'done'] as const;

export const captureCalls = {
  /** Open a take: main makes its folder and manifest before the first chunk arrives. */
  'capture:begin': call(
    z.object({
      sessionId: Id,
      condition: ConditionSchema,
      cameras: z
        .array(CaptureCameraSchema)
        .min(1, 'needs at least one camera')
        .max(VIEWS.length)
        .refine((c) => new Set(c.map((x) => x.view)).size === c.length, {
          message: 'has the same view twice',
        }),
      /** Wall-clock time of the shared start, ISO 8601 (an estimate until `capture:finish`). */
      startedAt: z.iso.datetime({ offset: true }),
    }),
  ).returns<CaptureTake>(),
  /** One recorded chunk, base64, for transports without the HTTP chunk route. */
  'capture:chunk': call(
    z.object({
      takeId: TakeId,
      view: z.enum(VIEWS),
      seq: z.number().int().min(0),
      data: z.string().max(64 * 1024 * 1024, 'is larger than 48 MB'),
      /** Sent once known (after the first frame): kept beside the file so a recovered take keeps it. */
      startOffsetMs: z.number().min(-5000).max(60_000).optional(),
    }),
  ).returns<{ bytes: number }>(),
  /** Stop: close each view's file and import it into the session. */
  'capture:finish': call(
    z.object({
      takeId: TakeId,
      /**
       * The exact wall-clock time of the shared start, known only once both recorders started
       * (after `capture:begin` answered); replaces the estimate given to `capture:begin`.
       */
      startedAt: z.iso.datetime({ offset: true }).optional(),
      clips: z
        .array(CaptureClipReportSchema)
        .min(1)
        .max(VIEWS.length)
        .refine((c) => new Set(c.map((x) => x.view)).size === c.length, {
          message: 'has the same view twice',
        }),
    }),
  ).returns<CaptureTake>(),
  /** A bad take: a take still recording is dropped; a saved one's clips go to the trash. */
  'capture:discard': call(z.object({ takeId: TakeId })).returns<CaptureTake>(),
  'capture:takes': call(z.object({ sessionId: Id })).returns<CaptureTake[]>(),
  /** Import whatever unfinished takes a crash left behind (also run once when the library opens). */
  'capture:recover': call(z.object({})).returns<CaptureTake[]>(),
} as const;

export const captureEvents = {
  'capture:progress': event(
    z.object({
      takeId: z.string(),
      view: z.enum(VIEWS),
      phase: z.enum(CAPTURE_PHASES),
      fraction: z.number(),
    }),
  ),
} as const;

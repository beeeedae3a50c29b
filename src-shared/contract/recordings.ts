/**
 * Contract: clips (recordings) of a session, their import, and moving whole sessions and libraries
 * in and out (archives, backups). Only recording ids, upload ids and opaque file handles cross this
 * boundary, never a file-system path: the renderer cannot name a file for main to read.
 */
import { z } from 'zod';
import { call, event } from './define';

const Id = z.string().min(1, 'is required').max(64);
/** Opaque ids minted by main (upload, file handle, client job id): short, URL-safe. */
const Token = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a valid id');

export const VIEWS = ['side', 'rear'] as const;
export type View = (typeof VIEWS)[number];

/**
 * What was filmed: a label the PT picks ("flat", "incline", "race shoes"…) and the treadmill
 * settings behind it. Limits as the session form's (src-shared/library/model.ts).
 */
export const ConditionSchema = z.object({
  label: z.string().trim().min(1, 'is required').max(60, 'must be at most 60 characters'),
  inclinePct: z.number().min(-10, 'must be at least -10 %').max(40, 'must be at most 40 %').optional(),
  speedKmh: z.number().min(0.5, 'must be at least 0.5 km/h').max(30, 'must be at most 30 km/h').optional(),
  shoes: z.string().trim().max(200, 'must be at most 200 characters').optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

/**
 * Trim range in FRAMES of the source (= frames of the proxy, one to one): `startFrame` inclusive,
 * `endFrame` exclusive. Frames, not seconds, because a variable-frame-rate clip has no single
 * frame↔seconds rule; the timestamps file gives each frame's time.
 */
export const TrimSchema = z
  .object({
    // Whole sentences (the session card shows them under the trim boxes, capitalised by the client);
    // 'Must end after it starts' alone did not say what must, nor which box was wrong.
    startFrame: z.number().int().min(0, 'the trim cannot start before frame 0.'),
    endFrame: z.number().int().min(1, 'the trim must end after its first frame.'),
  })
  .refine((t) => t.endFrame > t.startFrame, {
    message: 'the trim must end after it starts: “to” must be a later frame than “from”.',
    path: ['endFrame'],
  });
export type Trim = z.infer<typeof TrimSchema>;

/** What ffprobe (and the proxy transcode's own frame count) told us about the original clip. */
export interface ClipProbe {
  /** Container as ffprobe names it, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  readonly container: string;
  readonly codec: string;
  /** Coded size, before rotation. */
  readonly width: number;
  readonly height: number;
  /** Clockwise degrees the player must turn the picture: 0, 90, 180 or 270. */
  readonly rotation: 0 | 90 | 180 | 270;
  /** Size as shown (after rotation). */
  readonly displayWidth: number;
  readonly displayHeight: number;
  /**
   * Size of the proxy: the display size, scaled down to at most 1920 on the long side (and to even
   * numbers, as H.264 4:2:0 needs). Landmarks and overlays on the proxy are in these pixels.
   */
  readonly proxyWidth: number;
  readonly proxyHeight: number;
  /** The stream's declared rate (r_frame_rate), frames per second. */
  readonly nominalFps: number;
  /** Frames divided by the span of their timestamps: the rate the camera really delivered. */
  readonly averageFps: number;
  /** Decoded frames (counted, not read from the header). */
  readonly frameCount: number;
  readonly durationS: number;
  /** True when frame intervals differ by more than a quarter of the median interval. */
  readonly variableFrameRate: boolean;
  readonly audio: { readonly codec: string; readonly channels: number; readonly sampleRate: number } | null;
  /** The proxy's constant rate: proxy frame i is shown at i / proxyFps seconds. */
  readonly proxyFps: number;
}

export type ProxyStatus = 'ready' | 'failed';

export interface Recording {
  readonly id: string;
  readonly sessionId: string;
  readonly view: View;
  readonly condition: Condition;
  readonly originalName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly probe: ClipProbe;
  readonly trim: Trim;
  readonly proxyStatus: ProxyStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt?: string;
}

/** Where an import reads from: an upload (browser mode) or a handle from the native dialog (Electron). */
export const ImportSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upload'), uploadId: Token }),
  z.object({ kind: z.literal('handle'), handle: Token }),
]);

/** 'wait': in line for the one transcode at a time (media/jobs.ts), reported only when it must wait. */
export const IMPORT_PHASES = ['copy', 'probe', 'wait', 'proxy', 'thumbnail', 'finish'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

const BackupName = z.string().regex(/^[A-Za-z0-9._-]{1,120}\.stridelab-backup$/, 'is not a backup file name');

export const recordingsCalls = {
  'recordings:list': call(z.object({ sessionId: Id })).returns<Recording[]>(),
  'recordings:get': call(z.object({ id: Id })).returns<Recording>(),
  'recordings:import': call(
    z.object({
      sessionId: Id,
      source: ImportSourceSchema,
      view: z.enum(VIEWS),
      condition: ConditionSchema,
      /** Chosen by the caller so it can cancel and follow progress before the call returns. */
      jobId: Token,
      /** Import even when the same file (same SHA-256) is already in this session. */
      allowDuplicate: z.boolean().default(false),
    }),
  ).returns<Recording>(),
  'recordings:update': call(
    z.object({
      id: Id,
      view: z.enum(VIEWS).optional(),
      condition: ConditionSchema.optional(),
      trim: TrimSchema.optional(),
    }),
  ).returns<Recording>(),
  'recordings:delete': call(z.object({ id: Id })).returns<{ deletedAt: string }>(),
  'recordings:restore': call(z.object({ id: Id })).returns<Recording>(),
  'recordings:cancel': call(z.object({ jobId: Token })).returns<{ cancelled: boolean }>(),
  /** Electron only: open the native file dialog in main; returns opaque handles, never paths. */
  'recordings:pick': call(
    z.object({ multiple: z.boolean().default(false), accept: z.enum(['video', 'archive']).default('video') }),
  ).returns<{ handle: string; name: string; sizeBytes: number }[]>(),
  /** Write one archive holding the session's rows and media into the library's exports/ folder. */
  'sessions:export': call(z.object({ id: Id })).returns<{
    fileName: string;
    sizeBytes: number;
    downloadUrl: string;
  }>(),
  /** Import an archive that was uploaded (browser) or picked (Electron). */
  'sessions:importArchive': call(z.object({ source: ImportSourceSchema })).returns<{
    sessionId: string;
    patientId: string;
    recordings: number;
  }>(),
  'library:backup': call(z.object({})).returns<{ name: string; sizeBytes: number }>(),
  'library:backups': call(z.object({})).returns<{ name: string; sizeBytes: number; createdAt: string }[]>(),
  'library:restore': call(z.object({ name: BackupName })).returns<{ restored: true }>(),
} as const;

export const recordingsEvents = {
  /** A running import: `fraction` 0..1 of the whole job, `secondsLeft` when it can be estimated. */
  'recordings:progress': event(
    z.object({
      jobId: z.string(),
      phase: z.enum(IMPORT_PHASES),
      fraction: z.number(),
      secondsLeft: z.number().optional(),
    }),
  ),
} as const;

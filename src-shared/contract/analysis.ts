/**
 * Contract: the analysis queue. A clip is analysed by itself once it is in the library (imported or
 * saved from a capture take): pose detection, then two-view alignment once both views of its condition
 * are there, then the gait analysis the review and the report read. One job per recording and pose
 * model, stored in the library so it survives a restart or a crash. The UI asks where each clip stands
 * (`analysis:status`), starts or retries (`analysis:start`), cancels (`analysis:cancel`) and follows
 * `analysis:changed`. Only ids cross.
 */
import { z } from 'zod';
import type { ClipOutcome } from '../analysis/outcome';
import type { LandmarkSeries } from '../pose/landmarks';
import { PoseModelSchema } from './pose';
import { call, event } from './define';

const Id = z.string().min(1, 'is required').max(64);

/**
 * Where a clip's analysis stands:
 * - `none`: never asked for (analysis on arrival switched off, or a clip from before the queue);
 * - `queued`: waiting for the clip ahead of it;
 * - `pose` / `sync` / `gait`: running that step;
 * - `done`: landmarks, alignment and gait analysis are there (the gait step may still have said why
 *   no numbers could be made: `note`);
 * - `failed`: stopped on an error the PT can read (`error`), Retry re-queues it;
 * - `cancelled`: stopped by the PT.
 */
export const ANALYSIS_STATES = [
  'none',
  'queued',
  'pose',
  'sync',
  'gait',
  'done',
  'failed',
  'cancelled',
] as const;
export type AnalysisState = (typeof ANALYSIS_STATES)[number];

export interface ClipAnalysisStatus {
  readonly recordingId: string;
  readonly sessionId: string;
  readonly model: z.infer<typeof PoseModelSchema>;
  readonly state: AnalysisState;
  /** 0..1 over the whole job while it runs (pose dominates), else null. */
  readonly fraction: number | null;
  /**
   * Estimated seconds until this clip is analysed, from the queue's pose rate (all runs going
   * together: src-shared/analysis/time-left.ts); null while that rate is not stable yet.
   */
  readonly secondsLeft: number | null;
  /** While pose runs: its step when not the first pass ("second pass on the runner's region"). */
  readonly step?: string | null;
  /** Why it failed, in the PT's words. */
  readonly error: string | null;
  /** When done: what the gait step could not do (e.g. too few strides), in the PT's words. */
  readonly note: string | null;
  /**
   * When done: what the gait step made of the clip (numbers, findings withheld, none and why:
   * src-shared/analysis/outcome.ts); null when not done, or analysed before the queue (the CLI).
   */
  readonly outcome?: ClipOutcome | null;
  /** How many times this job has been started (retries and resumptions after a restart included). */
  readonly attempts: number;
  readonly updatedAt: string | null;
  /**
   * Numbers from the clip's steady window while the rest of the clip is analysed (issue 16 item 3;
   * src-shared/analysis/steady-window.ts); null once the whole clip's are there, or before.
   */
  readonly early?: EarlyNumbers | null;
  /** Whether a running job is held while a capture take records (capture has priority). */
  readonly heldForCapture?: boolean;
  /**
   * A cancel asked for on another workstation than the one running the job, not carried out yet:
   * the runner stops at its next heartbeat (issue 17). The workstation that asked, in words.
   */
  readonly cancelling?: { readonly by: string } | null;
  /**
   * A job another workstation holds (clinic server, issue 17): its name in the PT's words ("room 1"),
   * so this room says "Being analysed in room 1" rather than "Waiting". Null when none, or when this
   * process runs it.
   */
  readonly elsewhere?: { readonly by: string } | null;
}

/**
 * A clip's first numbers, from a window of steady running (seconds of the clip): provisional, shown
 * labelled with their window until the whole clip's result replaces them; never in a PDF.
 */
export interface EarlyNumbers {
  readonly fromS: number;
  readonly toS: number;
  /** Regular strides per side in the window (at least 10 each). */
  readonly strides: { readonly left: number; readonly right: number };
  /** Steps per minute over the window; null when the gait engine gave none. */
  readonly cadence: number | null;
  /** Findings the window's analysis drew (the report's list, from the whole clip, follows). */
  readonly findings: number;
}

export interface SessionAnalysisStatus {
  readonly sessionId: string;
  readonly clips: readonly ClipAnalysisStatus[];
  /** Every clip done (or none): the report can be built from what is there. */
  readonly settled: boolean;
  /** Estimated seconds until every queued or running clip of the session is analysed; null when unknown. */
  readonly secondsLeft: number | null;
}

export const analysisCalls = {
  'analysis:status': call(z.object({ sessionId: Id })).returns<SessionAnalysisStatus>(),
  /**
   * Queue the analysis of one clip, or of every clip of a session that is not analysed yet
   * (Analyse / Retry). `force` re-runs pose detection even where results exist.
   */
  'analysis:start': call(
    z
      .object({
        sessionId: Id.optional(),
        recordingId: Id.optional(),
        model: PoseModelSchema.optional(),
        force: z.boolean().default(false),
      })
      .refine((v) => Boolean(v.sessionId) !== Boolean(v.recordingId), {
        message: 'name either a session or a clip',
        path: ['recordingId'],
      }),
  ).returns<SessionAnalysisStatus>(),
  'analysis:cancel': call(z.object({ recordingId: Id })).returns<{ cancelled: boolean }>(),
  /**
   * The landmarks the analysis of a clip uses (the most accurate model run on it, with the person
   * the PT picked, else landmarks imported from another tool): what Review draws and analyses, so it
   * shows the report's numbers whichever model ran.
   */
  'analysis:series': call(z.object({ recordingId: Id })).returns<LandmarkSeries>(),
} as const;

/** The early numbers as they cross and as the library stores them (data/analysis-jobs.ts). */
export const EarlyNumbersSchema = z.object({
  fromS: z.number(),
  toS: z.number(),
  strides: z.object({ left: z.number().int(), right: z.number().int() }),
  cadence: z.number().nullable(),
  findings: z.number().int(),
}) satisfies z.ZodType<EarlyNumbers>;

const StatusSchema = z.object({
  recordingId: z.string(),
  sessionId: z.string(),
  model: PoseModelSchema,
  state: z.enum(ANALYSIS_STATES),
  fraction: z.number().nullable(),
  secondsLeft: z.number().nullable(),
  error: z.string().nullable(),
  note: z.string().nullable(),
  attempts: z.number().int(),
  updatedAt: z.string().nullable(),
  early: EarlyNumbersSchema.nullable().optional(),
  heldForCapture: z.boolean().optional(),
  cancelling: z.object({ by: z.string() }).nullable().optional(),
  elsewhere: z.object({ by: z.string() }).nullable().optional(),
});

export const analysisEvents = {
  /** A clip's analysis moved (state or progress; progress at most a few times a second). */
  'analysis:changed': event(StatusSchema),
} as const;

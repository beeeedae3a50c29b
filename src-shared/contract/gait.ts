/**
 * Contract: the gait analysis of a recording (src-shared/gait, docs/gait-schema.md). The engine is
 * pure and fast, so results are computed on request from what the library holds (the recording's
 * pose landmarks with the PT's corrections, cut to its trim; the patient's height for centimetres;
 * for a rear clip, the side clip's events through the stored alignment) rather than stored.
 */
import { z } from 'zod';
import { call } from './define';
import type { GaitAnalysis } from '../gait/schema';
import type { Exercise } from '../gait/tables/exercises';

const Id = z.string().min(1, 'is required').max(64);

export const GaitAnalyzeInputSchema = z.object({
  recordingId: Id,
  /** Filter cutoff: 'auto' (residual analysis), 'none', or Hz. */
  cutoffHz: z
    .union([
      z.literal('auto'),
      z.literal('none'),
      z.number().positive('must be more than 0 Hz').max(100, 'must be at most 100 Hz'),
    ])
    .default('auto'),
});

export interface GaitAnalyzeResult {
  readonly analysis: GaitAnalysis;
  /** For a rear clip: the side clip whose events drove it, or null (events found in the rear clip). */
  readonly eventsFrom: { readonly recordingId: string; readonly offsetS: number } | null;
}

export const gaitCalls = {
  /** Analyse one recording's landmarks: events, per-step variables, summaries, findings, flags. */
  'gait:analyze': call(GaitAnalyzeInputSchema).returns<GaitAnalyzeResult>(),
  /** The exercise library findings link to (stable ids). */
  'gait:exercises': call(z.object({})).returns<Exercise[]>(),
} as const;

export const gaitEvents = {} as const;

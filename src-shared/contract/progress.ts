/**
 * Contract: progress across visits (issue 18, docs/progress.md). The patient's own story per session
 * (pain 0–10 before, during, after running and 24 h later, weekly volume, return-to-run stage,
 * notes) is stored; the timeline of the gait variables is computed on request from each clip's
 * analysis (the engine is fast), like `gait:analyze`.
 */
import { z } from 'zod';
import { call } from './define';
import { SymptomFieldsSchema, type SessionSymptoms } from '../progress/symptoms';
import type { PatientProgress } from '../progress/types';
import type { EarlierClip, LastTimeClip } from '../progress/earlier';

const Id = z.string().min(1, 'is required').max(64);

export const progressCalls = {
  /** The session's symptom entries, or null when none were given. */
  'symptoms:get': call(z.object({ sessionId: Id })).returns<SessionSymptoms | null>(),
  /** Write the session's symptom entries whole (all empty: the row is removed). */
  'symptoms:set': call(
    z.object({ sessionId: Id, fields: SymptomFieldsSchema }),
  ).returns<SessionSymptoms | null>(),
  /** Every session of the patient, oldest first, with the changes beyond noise. */
  'progress:patient': call(z.object({ patientId: Id })).returns<PatientProgress>(),
  /**
   * Clips of the patient's earlier sessions that can stand beside this one in the review (same view;
   * same condition first, newest first; differing treadmill settings said). Issue 18 item 2.
   */
  'progress:earlierClips': call(z.object({ recordingId: Id })).returns<EarlierClip[]>(),
  /** An earlier clip's gait events and corrected landmarks, for the side-by-side player and its ghost. */
  'progress:lastTimeClip': call(z.object({ recordingId: Id })).returns<LastTimeClip>(),
} as const;

export const progressEvents = {} as const;

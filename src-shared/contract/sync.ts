/**
 * Contract: the two-view synchronisation of a session's clips. A pair (A, B) of recordings of one
 * session has one alignment: a moment tB seconds into clip B is tA = timeScale × tB + offsetS
 * seconds into clip A (timestamps from each clip's first frame, trim ignored). Offsets shown to the
 * PT are in frames of A. The automatic estimate keeps its confidence next to any hand nudge, so a
 * low-confidence alignment is shown as such even after it was touched.
 */
import { z } from 'zod';
import { call, event } from './define';
import type { SyncAlternative, SyncLevel } from '../sync/types';

const Id = z.string().min(1, 'is required').max(64);

/** Limits of a search window or an offset: an hour either way is far beyond any clinic recording. */
const OffsetS = z
  .number()
  .finite()
  .min(-3600, 'must be at least −3600 s')
  .max(3600, 'must be at most 3600 s');
const Frames = z.number().finite().min(-216_000, 'is too far').max(216_000, 'is too far');

export const SyncPairSchema = z.object({
  sessionId: Id,
  recordingAId: Id,
  recordingBId: Id,
});

/** Where the estimate looked: offsets (B after A, s) asked for, or around the capture's own timing. */
export interface SearchWindow {
  readonly minS: number;
  readonly maxS: number;
  readonly from: 'request' | 'capture';
}

/** The automatic estimate as stored (what `stridelab sync` prints, less the per-channel detail). */
export interface StoredEstimate {
  readonly offsetS: number;
  readonly offsetFramesA: number;
  readonly timeScale: number;
  readonly confidence: number;
  readonly level: SyncLevel;
  readonly peak: number;
  readonly runnerUp: SyncAlternative | null;
  readonly alternatives: readonly SyncAlternative[];
  readonly labelsSwapped: boolean;
  readonly periodS: number | null;
  readonly overlapS: number;
  readonly warnings: readonly string[];
  /** Null when every offset with enough overlap was considered. */
  readonly window: SearchWindow | null;
  readonly estimatedAt: string;
}

export interface SyncRecord {
  readonly sessionId: string;
  readonly recordingAId: string;
  readonly recordingBId: string;
  /** The alignment in use: the estimate plus any hand nudge, or a hand-set offset. */
  readonly offsetS: number;
  readonly offsetFramesA: number;
  readonly timeScale: number;
  /** Frame rate of A used to express offsets in frames. */
  readonly fpsA: number;
  /** True when the PT set or nudged the offset by hand. */
  readonly manual: boolean;
  /** Hand nudge on top of the estimate, frames of A (0 when untouched). */
  readonly nudgeFrames: number;
  /** The last automatic estimate, null when the offset was only ever set by hand. */
  readonly estimate: StoredEstimate | null;
  readonly updatedAt: string;
}

export const syncCalls = {
  /**
   * Estimate the alignment of two recordings of a session from their landmarks, store it (replacing
   * any earlier one, hand nudges included) and return it. Without recording ids, the session's side
   * and rear recordings of the same condition are used when there is exactly one such pair. Clips
   * captured together in StrideLab are searched near the capture's own timing unless `searchS` is given.
   */
  'sync:estimate': call(
    z
      .object({
        sessionId: Id,
        recordingAId: Id.optional(),
        recordingBId: Id.optional(),
        /** Only consider offsets (B after A, seconds) in this range. */
        searchS: z
          .object({ min: OffsetS, max: OffsetS })
          .refine((s) => s.max > s.min, { message: 'must end after it starts', path: ['max'] })
          .optional(),
      })
      .refine((i) => (i.recordingAId === undefined) === (i.recordingBId === undefined), {
        message: 'give both recordings or neither',
        path: ['recordingBId'],
      }),
  ).returns<SyncRecord>(),
  /**
   * Set the offset by hand, in frames of A: either the whole offset (`offsetFrames`) or a nudge on
   * top of the current one (`nudgeFrames`, e.g. ±1 from the review's buttons).
   */
  'sync:set': call(
    SyncPairSchema.extend({ offsetFrames: Frames.optional(), nudgeFrames: Frames.optional() }).refine(
      (i) => (i.offsetFrames === undefined) !== (i.nudgeFrames === undefined),
      { message: 'give either offsetFrames or nudgeFrames', path: ['offsetFrames'] },
    ),
  ).returns<SyncRecord>(),
  /** The alignment of a pair (in the order asked, whichever order it was stored in), or null. */
  'sync:get': call(SyncPairSchema).returns<SyncRecord | null>(),
  /** Every stored alignment of a session (for the report and the session view). */
  'sync:list': call(z.object({ sessionId: Id })).returns<SyncRecord[]>(),
} as const;

export const syncEvents = {
  /** The alignment of a pair changed (estimated or set by hand): locked players and analyses re-read it. */
  'sync:changed': event(
    z.object({ sessionId: z.string(), recordingAId: z.string(), recordingBId: z.string() }),
  ),
} as const;

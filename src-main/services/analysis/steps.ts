import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { outcomeOfAnalysis, type GaitOutcome } from '../../../src-shared/analysis/outcome';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { ServiceError } from '../errors';
import { analyzeRecording, GaitRefusal } from '../gait/analyze-recording';
import { poseStoreFile } from '../pose/store';
import { landmarksFile, recordingForSync, recordingsForSync, type SyncRecording } from '../sync/landmarks';
import { syncHandlers } from '../sync/handlers';
import { findPair } from '../sync/store';
import type { CallContext } from '../types';

/**
 * The cheap steps of a clip's analysis, after pose detection: two-view alignment and the gait
 * analysis. Both are recomputed from what the library holds, so running them again (after a restart,
 * a changed view or condition) is harmless. Neither fails the job: what they could not do is a note
 * for the PT ("align them in Review"), since the clip's landmarks are there and Retry would not help.
 */
type Ctx = Pick<CallContext, 'library' | 'emit' | 'version' | 'transport'>;

const MODELS: readonly PoseModelName[] = ['heavy', 'full', 'lite'];

/** Whether the clip has landmarks the review and the report can use (any model, or imported). */
export function hasLandmarks(ctx: Ctx, rec: SyncRecording): boolean {
  const dir = join(ctx.library.paths.mediaDir, dirname(rec.proxyPath));
  return MODELS.some((m) => existsSync(poseStoreFile(dir, m))) || existsSync(landmarksFile(ctx.library, rec));
}

/**
 * Align the clip with the other view of its condition, once both have landmarks and the pair has no
 * alignment yet (an alignment the PT set or nudged is never replaced). Returns a note when it could
 * not be done.
 */
export async function alignCondition(ctx: Ctx, recordingId: string): Promise<string | null> {
  const { data } = ctx.library;
  const rec = await recordingForSync(data, recordingId, 'recordingId');
  const others = (await recordingsForSync(data, rec.sessionId)).filter(
    (r) => r.conditionLabel === rec.conditionLabel && r.view !== rec.view,
  );
  const notes: string[] = [];
  for (const other of others) {
    if (!hasLandmarks(ctx, other) || (await findPair(data, rec.id, other.id))) continue;
    // A clip without the runner says so on its own card (checkGait); aligning it is moot, and its
    // failure read as work to do ("Align them by hand in Review") on both clips' cards.
    if ((await runnerMissing(ctx, rec.id)) || (await runnerMissing(ctx, other.id))) continue;
    const [side, rear] = rec.view === 'side' ? [rec, other] : [other, rec];
    try {
      // The sync service's own call (capture prior, stored estimate, sync:changed event): one path.
      await syncHandlers['sync:estimate'](
        { sessionId: rec.sessionId, recordingAId: side.id, recordingBId: rear.id },
        ctx as CallContext,
      );
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      notes.push(
        `The side and rear clips of ${rec.conditionLabel} could not be aligned by themselves (${err.message}) Align them by hand in Review.`,
      );
    }
  }
  return notes.length ? notes.join(' ') : null;
}

/**
 * The gait analysis the review and the report will show, run once here so a clip that cannot give
 * numbers says why on the session page, not first in the report: its outcome, stored with the job,
 * and the reason in the PT's words (src-shared/analysis/outcome.ts).
 */
export async function checkGait(ctx: Ctx, recordingId: string): Promise<GaitOutcome> {
  try {
    return outcomeOfAnalysis((await analyzeRecording(ctx.library, recordingId, 'auto')).analysis);
  } catch (err) {
    if (err instanceof GaitRefusal) return { outcome: err.outcome, note: err.message };
    // The clip gone meanwhile (to the trash), a patient without a readable session: said as it is.
    if (err instanceof ServiceError && err.code !== 'internal')
      return { outcome: 'refused', note: err.message };
    throw err;
  }
}

/** Whether the clip's analysis finds no runner in it (a 3 s test pattern filed as a rear clip was walked). */
const runnerMissing = async (ctx: Ctx, recordingId: string): Promise<boolean> =>
  (await checkGait(ctx, recordingId)).outcome === 'no-runner';

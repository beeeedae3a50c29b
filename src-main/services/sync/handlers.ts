import type { SearchWindow, syncCalls } from '../../../src-shared/contract/sync';
import { estimateSync } from '../../../src-shared/sync/estimate';
import { SyncInputError } from '../../../src-shared/sync/types';
import { ServiceError } from '../errors';
import type { HandlersFor } from '../types';
import {
  landmarksFromLibrary,
  recordingForSync,
  recordingsForSync,
  type LandmarkSource,
  type SyncRecording,
} from './landmarks';
import { CAPTURE_WINDOW_S, captureOffsetS } from './capture-prior';
import { findPair, listPairs, reversed, saveEstimate, saveManual } from './store';
import type { DataLayer } from '../../data';
import type { Library } from '../library/db';

async function checkSession(data: DataLayer, sessionId: string): Promise<void> {
  const session = await data.sessions.get(sessionId);
  if (!session || session.deletedAt)
    throw new ServiceError('not-found', `No session with id ${sessionId}.`, 'sessionId');
}

/** Both recordings exist, differ and belong to the session. */
async function pairOf(
  library: Library,
  sessionId: string,
  aId: string,
  bId: string,
): Promise<{ a: SyncRecording; b: SyncRecording }> {
  const { data } = library;
  await checkSession(data, sessionId);
  const a = await recordingForSync(data, aId, 'recordingAId');
  const b = await recordingForSync(data, bId, 'recordingBId');
  if (a.id === b.id)
    throw new ServiceError(
      'invalid-input',
      'A clip cannot be synchronised with itself: pick two recordings.',
      'recordingBId',
    );
  for (const [rec, field] of [
    [a, 'recordingAId'],
    [b, 'recordingBId'],
  ] as const)
    if (rec.sessionId !== sessionId)
      throw new ServiceError('invalid-input', `"${rec.name}" belongs to another session.`, field);
  return { a, b };
}

/** Without ids: the session's one side/rear pair of the same condition. */
async function defaultPair(
  library: Library,
  sessionId: string,
): Promise<{ a: SyncRecording; b: SyncRecording }> {
  await checkSession(library.data, sessionId);
  const recs = await recordingsForSync(library.data, sessionId);
  const pairs = recs
    .filter((r) => r.view === 'side')
    .flatMap((side) =>
      recs
        .filter((r) => r.view === 'rear' && r.conditionLabel === side.conditionLabel)
        .map((rear) => ({ a: side, b: rear })),
    );
  if (pairs.length === 1) return pairs[0]!;
  throw new ServiceError(
    'invalid-input',
    pairs.length === 0
      ? 'This session has no side and rear clips of the same condition to synchronise.'
      : `This session has ${pairs.length} side/rear pairs: choose the two recordings to synchronise.`,
    'recordingAId',
  );
}

export function createSyncHandlers(
  source: LandmarkSource = landmarksFromLibrary,
): HandlersFor<typeof syncCalls> {
  return {
    'sync:estimate': async (input, ctx) => {
      const { data } = ctx.library;
      const { a, b } =
        input.recordingAId && input.recordingBId
          ? await pairOf(ctx.library, input.sessionId, input.recordingAId, input.recordingBId)
          : await defaultPair(ctx.library, input.sessionId);
      const seriesA = source(ctx.library, a);
      const seriesB = source(ctx.library, b);
      const fromCapture = input.searchS ? null : await captureOffsetS(ctx.library.data, a.id, b.id);
      const window: SearchWindow | null = input.searchS
        ? { minS: input.searchS.min, maxS: input.searchS.max, from: 'request' }
        : fromCapture !== null
          ? { minS: fromCapture - CAPTURE_WINDOW_S, maxS: fromCapture + CAPTURE_WINDOW_S, from: 'capture' }
          : null;
      let estimate;
      try {
        estimate = estimateSync(
          seriesA,
          seriesB,
          window ? { searchS: { min: window.minS, max: window.maxS } } : {},
        );
      } catch (err) {
        if (err instanceof SyncInputError) throw new ServiceError('invalid-input', err.message);
        throw err;
      }
      const record = await saveEstimate(
        data,
        { sessionId: input.sessionId, a: a.id, b: b.id },
        estimate,
        window,
      );
      ctx.emit('sync:changed', { sessionId: input.sessionId, recordingAId: a.id, recordingBId: b.id });
      return record;
    },
    'sync:set': async (input, ctx) => {
      const { data } = ctx.library;
      const { a, b } = await pairOf(ctx.library, input.sessionId, input.recordingAId, input.recordingBId);
      const current = await findPair(data, a.id, b.id);
      const oriented = current && (current.flipped ? reversed(current.record, a.fps) : current.record);
      const frames = input.offsetFrames ?? (oriented?.offsetFramesA ?? 0) + (input.nudgeFrames ?? 0);
      await saveManual(
        data,
        { sessionId: input.sessionId, a: a.id, b: b.id },
        frames,
        oriented?.fpsA ?? a.fps,
      );
      ctx.emit('sync:changed', { sessionId: input.sessionId, recordingAId: a.id, recordingBId: b.id });
      const found = (await findPair(data, a.id, b.id))!;
      return found.flipped ? reversed(found.record, a.fps) : found.record;
    },
    'sync:get': async (input, { library }) => {
      const { a, b } = await pairOf(library, input.sessionId, input.recordingAId, input.recordingBId);
      const found = await findPair(library.data, a.id, b.id);
      if (!found) return null;
      return found.flipped ? reversed(found.record, a.fps) : found.record;
    },
    'sync:list': async ({ sessionId }, { library }) => {
      await checkSession(library.data, sessionId);
      return listPairs(library.data, sessionId);
    },
  };
}

export const syncHandlers = createSyncHandlers();

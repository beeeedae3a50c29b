import type { analysisCalls } from '../../../src-shared/contract/analysis';
import { getSession } from '../library/sessions';
import { ServiceError } from '../errors';
import type { CallContext, HandlersFor } from '../types';
import { landmarksFromLibrary, recordingForSync } from '../sync/landmarks';
import type { AnalysisQueue } from './queue';

/** The analysis queue's calls; the queue itself lives in createServices (one per open library). */
function queueOf(ctx: CallContext): AnalysisQueue {
  if (!ctx.analysis)
    throw new ServiceError('unsupported', 'Background analysis is not available in this window.');
  return ctx.analysis;
}

export const analysisHandlers: HandlersFor<typeof analysisCalls> = {
  'analysis:status': async ({ sessionId }, ctx) => {
    await getSessionOrThrow(ctx, sessionId);
    return queueOf(ctx).status(sessionId);
  },
  'analysis:start': async (input, ctx) => {
    if (input.sessionId) await getSessionOrThrow(ctx, input.sessionId);
    const queue = queueOf(ctx);
    const sessionId = await queue.start({
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
      ...(input.recordingId ? { recordingId: input.recordingId } : {}),
      ...(input.model ? { model: input.model } : {}),
      force: input.force,
    });
    return queue.status(sessionId);
  },
  'analysis:cancel': async ({ recordingId }, ctx) => ({ cancelled: await queueOf(ctx).cancel(recordingId) }),
  'analysis:series': async ({ recordingId }, { library }) =>
    landmarksFromLibrary(library, await recordingForSync(library.data, recordingId, 'recordingId')),
};

async function getSessionOrThrow(ctx: CallContext, sessionId: string): Promise<void> {
  await getSession(ctx.library.data, sessionId);
}

import type { captureCalls } from '../../../src-shared/contract/capture';
import { ServiceError } from '../errors';
import { getSession } from '../library/sessions';
import type { HandlersFor } from '../types';
import { appendChunk } from './store';
import { beginTake, discardTake, finishTake, recoverTakes } from './take-service';
import { listTakes } from './takes-db';

export const captureHandlers: HandlersFor<typeof captureCalls> = {
  'capture:begin': (input, ctx) => beginTake(ctx, input),
  'capture:chunk': ({ takeId, view, seq, data, startOffsetMs }) => {
    const bytes = Buffer.from(data, 'base64');
    if (bytes.toString('base64') !== data.replace(/\s/g, ''))
      throw new ServiceError('invalid-input', 'data: is not base64.', 'data');
    return appendChunk(takeId, view, seq, bytes, startOffsetMs);
  },
  'capture:finish': ({ takeId, clips, startedAt }, ctx) => finishTake(ctx, takeId, clips, startedAt),
  'capture:discard': ({ takeId }, ctx) => discardTake(ctx, takeId),
  'capture:takes': async ({ sessionId }, { library }) => {
    await getSession(library.data, sessionId);
    return listTakes(library.data, sessionId);
  },
  'capture:recover': (_input, ctx) => recoverTakes(ctx),
};

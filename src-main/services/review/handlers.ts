import type { reviewCalls } from '../../../src-shared/contract/review';
import type { HandlersFor } from '../types';
import {
  checkFrame,
  checkPoint,
  checkSession,
  checkSessionExists,
  frameTime,
  recordingFacts,
} from './recording';
import {
  checkMeasurement,
  deleteCorrection,
  deleteKeyFrame,
  deleteMeasurement,
  keyFrameOwner,
  listCorrections,
  listKeyFrames,
  listMeasurements,
  measurementOwner,
  saveKeyFrame,
  saveMeasurement,
  upsertCorrection,
} from './store';

export const reviewHandlers: HandlersFor<typeof reviewCalls> = {
  'review:corrections': ({ recordingId }, { library }) => {
    recordingFacts(library.db, recordingId);
    return listCorrections(library.db, recordingId);
  },
  'review:correct': (input, ctx) => {
    const rec = recordingFacts(ctx.library.db, input.recordingId);
    checkFrame(rec, input.frame);
    checkPoint(rec, input.x, input.y, 'x');
    const c = upsertCorrection(ctx.library.db, input);
    ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId: rec.id, kind: 'corrections' });
    return c;
  },
  'review:uncorrect': ({ recordingId, frame, landmark }, ctx) => {
    const rec = recordingFacts(ctx.library.db, recordingId);
    const removed = deleteCorrection(ctx.library.db, recordingId, frame, landmark);
    if (removed) ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId, kind: 'corrections' });
    return { removed };
  },
  'review:measurements': ({ sessionId }, { library }) => {
    checkSessionExists(library.db, sessionId);
    return listMeasurements(library.db, sessionId);
  },
  'review:saveMeasurement': (input, ctx) => {
    const rec = recordingFacts(ctx.library.db, input.recordingId);
    checkSession(rec, input.sessionId);
    checkFrame(rec, input.frame);
    input.points.forEach(([x, y], i) => checkPoint(rec, x, y, `points.${i}`));
    checkMeasurement(input);
    const m = saveMeasurement(ctx.library.db, input);
    ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId: rec.id, kind: 'measurements' });
    return m;
  },
  'review:deleteMeasurement': ({ id }, ctx) => {
    const owner = measurementOwner(ctx.library.db, id);
    const deleted = deleteMeasurement(ctx.library.db, id);
    if (owner && deleted) ctx.emit('review:changed', { ...owner, kind: 'measurements' });
    return { deleted };
  },
  'review:keyFrames': ({ sessionId }, { library }) => {
    checkSessionExists(library.db, sessionId);
    return listKeyFrames(library.db, sessionId);
  },
  'review:saveKeyFrame': (input, ctx) => {
    const rec = recordingFacts(ctx.library.db, input.recordingId);
    checkSession(rec, input.sessionId);
    checkFrame(rec, input.frame);
    const k = saveKeyFrame(ctx.library.db, input, frameTime(ctx.library, rec, input.frame));
    ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId: rec.id, kind: 'keyFrames' });
    return k;
  },
  'review:deleteKeyFrame': ({ id }, ctx) => {
    const owner = keyFrameOwner(ctx.library.db, id);
    const deleted = deleteKeyFrame(ctx.library.db, id);
    if (owner && deleted) ctx.emit('review:changed', { ...owner, kind: 'keyFrames' });
    return { deleted };
  },
};

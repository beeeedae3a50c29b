import type { reviewCalls } from '../../../src-shared/contract/review';
import { basename } from 'node:path';
import type { HandlersFor } from '../types';
import { analyzeRecording } from '../gait/analyze-recording';
import { downloadUrl, writeExport } from '../report/handlers';
import { eventLabels } from './event-labels';
import { listEventEdits, saveEventEdits } from './event-edits-store';
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
  'review:eventEdits': ({ recordingId }, { library }) => {
    recordingFacts(library.db, recordingId);
    return listEventEdits(library.db, recordingId);
  },
  'review:setEventEdits': ({ recordingId, edits }, ctx) => {
    const rec = recordingFacts(ctx.library.db, recordingId);
    edits.forEach((e, i) => {
      if (e.op === 'move') {
        checkFrame(rec, e.from, `edits.${i}.from`);
        checkFrame(rec, e.to, `edits.${i}.to`);
      } else checkFrame(rec, e.frame, `edits.${i}.frame`);
    });
    saveEventEdits(ctx.library.db, recordingId, edits);
    ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId, kind: 'events' });
    return listEventEdits(ctx.library.db, recordingId);
  },
  'review:exportEvents': async ({ recordingId }, { library }) => {
    const { analysis } = analyzeRecording(library, recordingId, 'auto');
    const labels = eventLabels(analysis);
    const fileName = `${basename(labels.video)
      .replace(/\.[^.]+$/, '')
      .replace(/[^\w-]/g, '_')}.events.json`;
    await writeExport(library, fileName, `${JSON.stringify(labels, null, 1)}\n`);
    return { fileName, downloadUrl: downloadUrl(fileName), labels };
  },
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

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
  'review:eventEdits': async ({ recordingId }, { library }) => {
    await recordingFacts(library.data, recordingId);
    return await listEventEdits(library.data, recordingId);
  },
  'review:setEventEdits': async ({ recordingId, edits }, ctx) => {
    const rec = await recordingFacts(ctx.library.data, recordingId);
    edits.forEach((e, i) => {
      if (e.op === 'move') {
        checkFrame(rec, e.from, `edits.${i}.from`);
        checkFrame(rec, e.to, `edits.${i}.to`);
      } else checkFrame(rec, e.frame, `edits.${i}.frame`);
    });
    await saveEventEdits(ctx.library.data, recordingId, edits);
    ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId, kind: 'events' });
    return await listEventEdits(ctx.library.data, recordingId);
  },
  'review:exportEvents': async ({ recordingId }, { library }) => {
    const { analysis } = await analyzeRecording(library, recordingId, 'auto');
    const labels = eventLabels(analysis);
    const fileName = `${basename(labels.video)
      .replace(/\.[^.]+$/, '')
      .replace(/[^\w-]/g, '_')}.events.json`;
    await writeExport(library, fileName, `${JSON.stringify(labels, null, 1)}\n`);
    return { fileName, downloadUrl: downloadUrl(fileName), labels };
  },
  'review:corrections': async ({ recordingId }, { library }) => {
    await recordingFacts(library.data, recordingId);
    return await listCorrections(library.data, recordingId);
  },
  'review:correct': async (input, ctx) => {
    const rec = await recordingFacts(ctx.library.data, input.recordingId);
    checkFrame(rec, input.frame);
    checkPoint(rec, input.x, input.y, 'x');
    const c = await upsertCorrection(ctx.library.data, input);
    ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId: rec.id, kind: 'corrections' });
    return c;
  },
  'review:uncorrect': async ({ recordingId, frame, landmark }, ctx) => {
    const rec = await recordingFacts(ctx.library.data, recordingId);
    const removed = await deleteCorrection(ctx.library.data, recordingId, frame, landmark);
    if (removed) ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId, kind: 'corrections' });
    return { removed };
  },
  'review:measurements': async ({ sessionId }, { library }) => {
    await checkSessionExists(library.data, sessionId);
    return await listMeasurements(library.data, sessionId);
  },
  'review:saveMeasurement': async (input, ctx) => {
    const rec = await recordingFacts(ctx.library.data, input.recordingId);
    checkSession(rec, input.sessionId);
    checkFrame(rec, input.frame);
    input.points.forEach(([x, y], i) => checkPoint(rec, x, y, `points.${i}`));
    checkMeasurement(input);
    const m = await saveMeasurement(ctx.library.data, input);
    ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId: rec.id, kind: 'measurements' });
    return m;
  },
  'review:deleteMeasurement': async ({ id }, ctx) => {
    const owner = await measurementOwner(ctx.library.data, id);
    const deleted = await deleteMeasurement(ctx.library.data, id);
    if (owner && deleted) ctx.emit('review:changed', { ...owner, kind: 'measurements' });
    return { deleted };
  },
  'review:keyFrames': async ({ sessionId }, { library }) => {
    await checkSessionExists(library.data, sessionId);
    return await listKeyFrames(library.data, sessionId);
  },
  'review:saveKeyFrame': async (input, ctx) => {
    const rec = await recordingFacts(ctx.library.data, input.recordingId);
    checkSession(rec, input.sessionId);
    checkFrame(rec, input.frame);
    const k = await saveKeyFrame(ctx.library.data, input, frameTime(ctx.library, rec, input.frame));
    ctx.emit('review:changed', { sessionId: rec.sessionId, recordingId: rec.id, kind: 'keyFrames' });
    return k;
  },
  'review:deleteKeyFrame': async ({ id }, ctx) => {
    const owner = await keyFrameOwner(ctx.library.data, id);
    const deleted = await deleteKeyFrame(ctx.library.data, id);
    if (owner && deleted) ctx.emit('review:changed', { ...owner, kind: 'keyFrames' });
    return { deleted };
  },
};

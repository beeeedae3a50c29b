import type { libraryCalls } from '../../../src-shared/contract/library';
import { purgeOrphanMedia } from '../media/purge';
import type { HandlersFor } from '../types';
import { listConditions, removeCondition, saveCondition } from './conditions';
import { editorOf } from './server-mode';
import {
  createPatient,
  getPatient,
  patientStamp,
  searchPatients,
  updatePatient,
  updatePatientChecked,
} from './patients';
import { createSession, getSession, listSessions, updateSession } from './sessions';
import { listTrash, moveToTrash, purgeFromTrash, restoreFromTrash } from './trash';

export const libraryHandlers: HandlersFor<typeof libraryCalls> = {
  'app:info': (_input, ctx) => ({
    version: ctx.version,
    home: ctx.library.paths.home,
    schemaVersion: ctx.library.schemaVersion,
    transport: ctx.transport === 'electron' ? 'electron' : 'browser',
  }),
  'patients:search': ({ query, limit }, { library }) => searchPatients(library.data, query, limit),
  'patients:get': ({ id }, { library }) => getPatient(library.data, id),
  'patients:create': async (fields, ctx) => {
    const patient = await createPatient(ctx.library.data, fields);
    ctx.emit('library:changed', { kind: 'patient', id: patient.id });
    return patient;
  },
  'patients:update': async ({ id, fields, version }, ctx) => {
    const patient =
      version === undefined
        ? await updatePatient(ctx.library.data, id, fields)
        : await updatePatientChecked(ctx.library.data, id, fields, version, editorOf(ctx.library));
    ctx.emit('library:changed', { kind: 'patient', id });
    return patient;
  },
  'patients:stamp': ({ id }, { library }) => patientStamp(library.data, id),
  'patients:delete': async ({ id }, ctx) => {
    const result = await moveToTrash(ctx.library.data, 'patient', id);
    ctx.emit('library:changed', { kind: 'trash', id });
    return result;
  },
  'sessions:list': ({ patientId }, { library }) => listSessions(library.data, patientId),
  'sessions:get': ({ id }, { library }) => getSession(library.data, id),
  'sessions:create': async (fields, ctx) => {
    const session = await createSession(ctx.library.data, fields);
    ctx.emit('library:changed', { kind: 'session', id: session.id });
    return session;
  },
  'sessions:update': async ({ id, fields }, ctx) => {
    const session = await updateSession(ctx.library.data, id, fields);
    ctx.emit('library:changed', { kind: 'session', id });
    return session;
  },
  'sessions:delete': async ({ id }, ctx) => {
    const result = await moveToTrash(ctx.library.data, 'session', id);
    ctx.emit('library:changed', { kind: 'trash', id });
    return result;
  },
  'conditions:list': ({ sessionId }, { library }) => listConditions(library.data, sessionId),
  'conditions:save': async ({ sessionId, label, ...change }, ctx) => {
    const { condition, changedClips } = await saveCondition(ctx.library.data, sessionId, label, change);
    ctx.emit('library:changed', { kind: 'session', id: sessionId });
    for (const id of changedClips) {
      ctx.emit('library:changed', { kind: 'recording', id });
      ctx.analysis?.clipChanged(id);
    }
    return condition;
  },
  'conditions:remove': async ({ sessionId, label }, ctx) => {
    const result = await removeCondition(ctx.library.data, sessionId, label);
    ctx.emit('library:changed', { kind: 'session', id: sessionId });
    return result;
  },
  'trash:list': (_input, { library }) => listTrash(library.data),
  'trash:restore': async ({ kind, id }, ctx) => {
    await restoreFromTrash(ctx.library.data, kind, id);
    ctx.emit('library:changed', { kind: 'trash', id });
    return { restored: true };
  },
  'trash:purge': async ({ kind, id }, ctx) => {
    await purgeFromTrash(ctx.library.data, kind, id);
    // SQLite cascades the recordings' rows; their files go here, after the rows are gone for good.
    await purgeOrphanMedia(ctx.library);
    ctx.emit('library:changed', { kind: 'trash', id });
    return { purged: true };
  },
};

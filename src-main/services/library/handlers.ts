import type { libraryCalls } from '../../../src-shared/contract/library';
import { purgeOrphanMedia } from '../media/purge';
import type { HandlersFor } from '../types';
import { createPatient, getPatient, searchPatients, updatePatient } from './patients';
import { createSession, getSession, listSessions, updateSession } from './sessions';
import { listTrash, moveToTrash, purgeFromTrash, restoreFromTrash } from './trash';

export const libraryHandlers: HandlersFor<typeof libraryCalls> = {
  'app:info': (_input, ctx) => ({
    version: ctx.version,
    home: ctx.library.paths.home,
    schemaVersion: ctx.library.schemaVersion,
    transport: ctx.transport === 'electron' ? 'electron' : 'browser',
  }),
  'patients:search': ({ query, limit }, { library }) => searchPatients(library.db, query, limit),
  'patients:get': ({ id }, { library }) => getPatient(library.db, id),
  'patients:create': (fields, ctx) => {
    const patient = createPatient(ctx.library.db, fields);
    ctx.emit('library:changed', { kind: 'patient', id: patient.id });
    return patient;
  },
  'patients:update': ({ id, fields }, ctx) => {
    const patient = updatePatient(ctx.library.db, id, fields);
    ctx.emit('library:changed', { kind: 'patient', id });
    return patient;
  },
  'patients:delete': ({ id }, ctx) => {
    const result = moveToTrash(ctx.library.db, 'patient', id);
    ctx.emit('library:changed', { kind: 'trash', id });
    return result;
  },
  'sessions:list': ({ patientId }, { library }) => listSessions(library.db, patientId),
  'sessions:get': ({ id }, { library }) => getSession(library.db, id),
  'sessions:create': (fields, ctx) => {
    const session = createSession(ctx.library.db, fields);
    ctx.emit('library:changed', { kind: 'session', id: session.id });
    return session;
  },
  'sessions:update': ({ id, fields }, ctx) => {
    const session = updateSession(ctx.library.db, id, fields);
    ctx.emit('library:changed', { kind: 'session', id });
    return session;
  },
  'sessions:delete': ({ id }, ctx) => {
    const result = moveToTrash(ctx.library.db, 'session', id);
    ctx.emit('library:changed', { kind: 'trash', id });
    return result;
  },
  'trash:list': (_input, { library }) => listTrash(library.db),
  'trash:restore': ({ kind, id }, ctx) => {
    restoreFromTrash(ctx.library.db, kind, id);
    ctx.emit('library:changed', { kind: 'trash', id });
    return { restored: true };
  },
  'trash:purge': async ({ kind, id }, ctx) => {
    purgeFromTrash(ctx.library.db, kind, id);
    // SQLite cascades the recordings' rows; their files go here, after the rows are gone for good.
    await purgeOrphanMedia(ctx.library);
    ctx.emit('library:changed', { kind: 'trash', id });
    return { purged: true };
  },
};

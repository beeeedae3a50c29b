import { randomUUID } from 'node:crypto';
import {
  futureDateMessage,
  isFutureDate,
  type Session,
  type SessionFields,
} from '../../../src-shared/library/model';
import type { DataLayer } from '../../data';
import type { SessionEditableFields } from '../../data/sessions';
import { ServiceError } from '../errors';
import { getPatient } from './patients';

export async function listSessions(data: DataLayer, patientId: string): Promise<Session[]> {
  await getPatient(data, patientId);
  return data.sessions.listForPatient(patientId);
}

export async function getSession(
  data: DataLayer,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): Promise<Session> {
  const session = await data.sessions.get(id);
  if (!session || (session.deletedAt && !opts.includeDeleted)) {
    throw new ServiceError('not-found', `No session with id ${id}.`, 'id');
  }
  return session;
}

export async function createSession(
  data: DataLayer,
  fields: SessionFields,
  now = new Date(),
): Promise<Session> {
  try {
    await getPatient(data, fields.patientId);
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'not-found') {
      throw new ServiceError('not-found', `No patient with id ${fields.patientId}.`, 'patientId');
    }
    throw err;
  }
  const id = randomUUID();
  await data.sessions.insert(id, fields, now.toISOString());
  return getSession(data, id);
}

export async function updateSession(
  data: DataLayer,
  id: string,
  fields: SessionEditableFields,
  now = new Date(),
): Promise<Session> {
  const stored = await getSession(data, id);
  // Only a changed date is judged: one stored after today stays as it is while other fields change.
  if (fields.date !== stored.date && isFutureDate(fields.date))
    throw new ServiceError('invalid-input', futureDateMessage('Date'), 'fields.date');
  await data.sessions.update(id, fields, now.toISOString());
  return getSession(data, id);
}

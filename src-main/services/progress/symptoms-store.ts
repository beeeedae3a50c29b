import {
  isEmptySymptoms,
  type SessionSymptoms,
  type SymptomFields,
} from '../../../src-shared/progress/symptoms';
import type { DataLayer } from '../../data';
import { ServiceError } from '../errors';
import { getSession } from '../library/sessions';

/**
 * The patient's own story per session (table session_symptoms, src-main/data/symptoms.ts). A session
 * whose entries are all empty has no row, so "not asked" and "asked, nothing to say" read the same.
 */
async function sessionOrRefuse(data: DataLayer, sessionId: string): Promise<void> {
  try {
    await getSession(data, sessionId);
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'not-found')
      throw new ServiceError('not-found', 'This session no longer exists.', 'sessionId');
    throw err;
  }
}

export async function getSymptoms(data: DataLayer, sessionId: string): Promise<SessionSymptoms | null> {
  return (await data.symptoms.get(sessionId)) ?? null;
}

/** Symptoms of many sessions at once (the timeline), by session id. */
export function symptomsOf(
  data: DataLayer,
  sessionIds: readonly string[],
): Promise<Map<string, SessionSymptoms>> {
  return data.symptoms.ofSessions(sessionIds);
}

export async function setSymptoms(
  data: DataLayer,
  sessionId: string,
  f: SymptomFields,
  now = new Date(),
): Promise<SessionSymptoms | null> {
  await sessionOrRefuse(data, sessionId);
  if (isEmptySymptoms(f)) {
    await data.symptoms.remove(sessionId);
    return null;
  }
  await data.symptoms.put(sessionId, f, now.toISOString());
  return getSymptoms(data, sessionId);
}

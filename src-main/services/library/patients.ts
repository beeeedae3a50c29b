import { randomUUID } from 'node:crypto';
import type { Patient, PatientFields } from '../../../src-shared/library/model';
import type { DataLayer } from '../../data';
import { ServiceError } from '../errors';

/**
 * Instant search over name and clinic id: every word typed must match the start of a word of the
 * name or the clinic id ("jo sm" finds "John Smith"). Recent patients first (newest session, then
 * newest edit), which is what a PT with a returning runner wants.
 */
export function searchPatients(data: DataLayer, query: string, limit: number): Promise<Patient[]> {
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 8);
  return data.patients.search(words, limit);
}

export async function getPatient(
  data: DataLayer,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): Promise<Patient> {
  const patient = await data.patients.get(id);
  if (!patient || (patient.deletedAt && !opts.includeDeleted)) {
    throw new ServiceError('not-found', `No patient with id ${id}.`, 'id');
  }
  return patient;
}

export async function createPatient(
  data: DataLayer,
  fields: PatientFields,
  now = new Date(),
): Promise<Patient> {
  const id = randomUUID();
  await data.patients.insert(id, fields, now.toISOString());
  return getPatient(data, id);
}

export async function updatePatient(
  data: DataLayer,
  id: string,
  fields: PatientFields,
  now = new Date(),
): Promise<Patient> {
  await getPatient(data, id);
  await data.patients.update(id, fields, now.toISOString());
  return getPatient(data, id);
}

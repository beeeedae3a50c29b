import { randomUUID } from 'node:crypto';
import type { EditStamp } from '../../../src-shared/contract/library';
import type { Patient, PatientFields } from '../../../src-shared/library/model';
import type { DataLayer } from '../../data';
import { conflictMessage } from '../../data/versions';
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

/**
 * Save the patient only if nobody saved it since `version` (optimistic versions, data/versions.ts):
 * two workstations editing one patient never overwrite each other in silence. Refused with code
 * 'conflict' and who changed it when; the PT then reloads, or keeps theirs by saving again from
 * the newer version. `by` is this workstation's name.
 */
export async function updatePatientChecked(
  data: DataLayer,
  id: string,
  fields: PatientFields,
  version: number,
  by: string,
  now = new Date(),
): Promise<Patient> {
  await getPatient(data, id);
  const r = await data.patients.updateChecked(id, fields, now.toISOString(), version, by);
  if (!r.saved) throw new ServiceError('conflict', conflictMessage(r.current, 'This patient'));
  return getPatient(data, id);
}

/** The patient's edit version (patients:stamp). */
export async function patientStamp(data: DataLayer, id: string): Promise<EditStamp> {
  const stamp = await data.patients.stamp(id);
  if (!stamp) throw new ServiceError('not-found', `No patient with id ${id}.`, 'id');
  return stamp;
}

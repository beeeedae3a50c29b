import type { Patient, Session } from '../../../src-shared/library/model';

/** Row ↔ record mapping: SQL NULL becomes an absent field, JSON columns are parsed. */
export interface PatientRow {
  id: string;
  name: string;
  date_of_birth: string | null;
  clinic_id: string | null;
  sex: string;
  height_cm: number | null;
  leg_length_cm: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  last_session_date?: string | null;
  session_count?: number;
}

export interface SessionRow {
  id: string;
  patient_id: string;
  date: string;
  clinician: string | null;
  complaint: string | null;
  injury_side: string;
  shoes: string | null;
  treadmill_speeds_kmh: string;
  treadmill_inclines_pct: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as T;
}

export function toPatient(r: PatientRow): Patient {
  return compact({
    id: r.id,
    name: r.name,
    dateOfBirth: r.date_of_birth,
    clinicId: r.clinic_id,
    sex: r.sex as Patient['sex'],
    heightCm: r.height_cm,
    legLengthCm: r.leg_length_cm,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    lastSessionDate: r.last_session_date,
    sessionCount: r.session_count ?? 0,
  }) as Patient;
}

export function toSession(r: SessionRow): Session {
  return compact({
    id: r.id,
    patientId: r.patient_id,
    date: r.date,
    clinician: r.clinician,
    complaint: r.complaint,
    injurySide: r.injury_side as Session['injurySide'],
    shoes: r.shoes,
    treadmillSpeedsKmh: JSON.parse(r.treadmill_speeds_kmh) as number[],
    treadmillInclinesPct: JSON.parse(r.treadmill_inclines_pct) as number[],
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  }) as Session;
}

import { defineMigration } from './types';

/**
 * Patients and sessions. Ids are random UUIDs (text) so a session exported from one clinic machine
 * can be imported into another library without clashes. Deletion goes to the trash (`deleted_at`);
 * only a purge removes rows. Lists of speeds/inclines are JSON arrays: they are read whole, never
 * queried by element.
 */
export const migration = defineMigration({
  version: 1,
  name: 'initial',
  sqlite: `
      CREATE TABLE patients (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
        date_of_birth TEXT,
        clinic_id     TEXT,
        sex           TEXT NOT NULL DEFAULT 'unspecified',
        height_cm     REAL CHECK (height_cm IS NULL OR height_cm > 0),
        leg_length_cm REAL CHECK (leg_length_cm IS NULL OR leg_length_cm > 0),
        notes         TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
      );
      CREATE INDEX patients_name ON patients (name COLLATE NOCASE);
      CREATE TABLE sessions (
        id                     TEXT PRIMARY KEY,
        patient_id             TEXT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
        date                   TEXT NOT NULL,
        clinician              TEXT,
        complaint              TEXT,
        injury_side            TEXT NOT NULL DEFAULT 'none',
        shoes                  TEXT,
        treadmill_speeds_kmh   TEXT NOT NULL DEFAULT '[]',
        treadmill_inclines_pct TEXT NOT NULL DEFAULT '[]',
        notes                  TEXT,
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL,
        deleted_at             TEXT
      );
      CREATE INDEX sessions_patient ON sessions (patient_id, date);
    `,
  postgres: `
      CREATE TABLE patients (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
        date_of_birth TEXT,
        clinic_id     TEXT,
        sex           TEXT NOT NULL DEFAULT 'unspecified',
        height_cm     DOUBLE PRECISION CHECK (height_cm IS NULL OR height_cm > 0),
        leg_length_cm DOUBLE PRECISION CHECK (leg_length_cm IS NULL OR leg_length_cm > 0),
        notes         TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
      );
      CREATE INDEX patients_name ON patients (lower(name));
      CREATE TABLE sessions (
        id                     TEXT PRIMARY KEY,
        patient_id             TEXT NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
        date                   TEXT NOT NULL,
        clinician              TEXT,
        complaint              TEXT,
        injury_side            TEXT NOT NULL DEFAULT 'none',
        shoes                  TEXT,
        treadmill_speeds_kmh   TEXT NOT NULL DEFAULT '[]',
        treadmill_inclines_pct TEXT NOT NULL DEFAULT '[]',
        notes                  TEXT,
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL,
        deleted_at             TEXT
      );
      CREATE INDEX sessions_patient ON sessions (patient_id, date);
    `,
});

import { defineMigration } from './types';

const pain = (col: string): string =>
  `${col} INTEGER CHECK (${col} IS NULL OR (${col} BETWEEN 0 AND 10 AND typeof(${col}) = 'integer'))`;
/** PostgreSQL's INTEGER column holds integers only: no typeof() check needed (nor available). */
const painPg = (col: string): string => `${col} INTEGER CHECK (${col} IS NULL OR ${col} BETWEEN 0 AND 10)`;

/**
 * The patient's own story per session (issue 18, docs/progress.md): pain on a 0–10 numeric rating
 * scale before, during and after running and 24 hours later (the four readings a pain-monitoring model
 * paces tendon loading by [Silbernagel 2007]), the weekly running volume, the return-to-run stage and
 * free notes. One row per session, written whole by the session form; it goes with its session when
 * that is purged. Every reading may be missing (not asked, not running yet); the checks refuse what
 * the service never writes (a pain of 11, a negative distance).
 */
export const migration = defineMigration({
  version: 9,
  name: 'session-symptoms',
  sqlite: `
        CREATE TABLE session_symptoms (
          session_id  TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
          ${pain('pain_before')},
          ${pain('pain_during')},
          ${pain('pain_after')},
          ${pain('pain_24h')},
          weekly_km   REAL CHECK (weekly_km IS NULL OR (weekly_km >= 0 AND weekly_km <= 500)),
          rtr_stage   TEXT CHECK (rtr_stage IS NULL OR length(rtr_stage) <= 200),
          notes       TEXT CHECK (notes IS NULL OR length(notes) <= 10000),
          updated_at  TEXT NOT NULL
        );
      `,
  postgres: `
        CREATE TABLE session_symptoms (
          session_id  TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
          ${painPg('pain_before')},
          ${painPg('pain_during')},
          ${painPg('pain_after')},
          ${painPg('pain_24h')},
          weekly_km   DOUBLE PRECISION CHECK (weekly_km IS NULL OR (weekly_km >= 0 AND weekly_km <= 500)),
          rtr_stage   TEXT CHECK (rtr_stage IS NULL OR length(rtr_stage) <= 200),
          notes       TEXT CHECK (notes IS NULL OR length(notes) <= 10000),
          updated_at  TEXT NOT NULL
        );
      `,
});

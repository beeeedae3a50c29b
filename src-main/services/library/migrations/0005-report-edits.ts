import { defineMigration } from './types';

/**
 * The PT's words in the report of a session: findings, plan and notes, once edited. One row per
 * session; no row means "show the suggestions". JSON columns because they are read and written
 * whole, never queried by element. Goes with its session when that is purged.
 */
export const migration = defineMigration({
  version: 5,
  name: 'report-edits',
  sqlite: `
        CREATE TABLE report_edits (
          session_id    TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
          findings_json TEXT NOT NULL CHECK (json_valid(findings_json) AND json_type(findings_json) = 'array'),
          plan_json     TEXT NOT NULL CHECK (json_valid(plan_json) AND json_type(plan_json) = 'array'),
          notes         TEXT NOT NULL DEFAULT '',
          created_at    TEXT NOT NULL,
          updated_at    TEXT NOT NULL
        );
      `,
  postgres: `
        CREATE TABLE report_edits (
          session_id    TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
          findings_json TEXT NOT NULL CHECK (json_typeof(findings_json::json) = 'array'),
          plan_json     TEXT NOT NULL CHECK (json_typeof(plan_json::json) = 'array'),
          notes         TEXT NOT NULL DEFAULT '',
          created_at    TEXT NOT NULL,
          updated_at    TEXT NOT NULL
        );
      `,
});

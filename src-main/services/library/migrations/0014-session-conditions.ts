import { defineMigration } from './types';

const table = (real: string): string => `
    CREATE TABLE session_conditions (
      session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      label       TEXT NOT NULL CHECK (length(trim(label)) BETWEEN 1 AND 60),
      incline_pct ${real} CHECK (incline_pct IS NULL OR (incline_pct >= -10 AND incline_pct <= 40)),
      speed_kmh   ${real} CHECK (speed_kmh IS NULL OR (speed_kmh >= 0.5 AND speed_kmh <= 30)),
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      PRIMARY KEY (session_id, label)
    );
  `;

/**
 * The conditions a PT plans for a visit before filming ("flat", "incline" at 5 %), with the
 * treadmill settings typed for them on the session page (docs/library-layout.md, "Conditions").
 * Until now a condition lived in its clips' columns only (recordings.condition_label, incline_pct,
 * speed_kmh): one added on the page, and the incline typed for it, were lost with the page when
 * the app closed or another workstation opened the session. One row per session and label; the
 * limits are the contract's (ConditionSchema: −10 to 40 %, 0.5 to 30 km/h), so the checks refuse
 * only what the service never writes. Existing sessions get no rows: their conditions are their
 * clips' labels, as before. The row goes with its session when that is purged.
 */
export const migration = defineMigration({
  version: 14,
  name: 'session-conditions',
  sqlite: table('REAL'),
  postgres: table('DOUBLE PRECISION'),
});

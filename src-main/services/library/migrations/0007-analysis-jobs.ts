import { defineMigration } from './types';

/**
 * The analysis queue: one row per recording and pose model. `state` is what survives a crash:
 * 'running' rows found at start-up were interrupted and are queued again (the steps are idempotent:
 * pose results are written whole or not at all, alignment and gait are recomputed). `attempts`
 * counts starts, so a clip that kills the process every time is not retried forever. Rows go with
 * their recording when it is purged.
 */
export const migration = defineMigration({
  version: 7,
  name: 'analysis-jobs',
  sqlite: `
        CREATE TABLE analysis_jobs (
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          model        TEXT NOT NULL CHECK (model IN ('lite', 'full', 'heavy')),
          state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
          force        INTEGER NOT NULL DEFAULT 0 CHECK (force IN (0, 1)),
          attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
          error        TEXT,
          note         TEXT,
          queued_at    TEXT NOT NULL,
          updated_at   TEXT NOT NULL,
          PRIMARY KEY (recording_id, model),
          CHECK ((state = 'failed') = (error IS NOT NULL))
        );
        CREATE INDEX analysis_jobs_waiting ON analysis_jobs (state, queued_at);
      `,
  postgres: `
        CREATE TABLE analysis_jobs (
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          model        TEXT NOT NULL CHECK (model IN ('lite', 'full', 'heavy')),
          state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
          force        INTEGER NOT NULL DEFAULT 0 CHECK (force IN (0, 1)),
          attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
          error        TEXT,
          note         TEXT,
          queued_at    TEXT NOT NULL,
          updated_at   TEXT NOT NULL,
          PRIMARY KEY (recording_id, model),
          CHECK ((state = 'failed') = (error IS NOT NULL))
        );
        CREATE INDEX analysis_jobs_waiting ON analysis_jobs (state, queued_at);
      `,
});

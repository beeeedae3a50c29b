import { defineMigration } from './types';

/**
 * Two things a job carries across a restart and across workstations (issues 16 and 17):
 * - `early_json`: the clip's first numbers from its steady window (EarlyNumbers, with the window they
 *   came from), stored while the rest of the clip is analysed so Review and the report can show them,
 *   labelled as provisional, after a restart or on another workstation. Cleared when the job ends
 *   (the whole clip's result replaces them) or is queued afresh.
 * - `cancel_requested_at` / `cancel_requested_by`: a cancel pressed on one workstation for a job
 *   another workstation runs; the runner sees it at its next heartbeat, stops, and cancels the job.
 * All three are empty unless set; existing jobs are unchanged.
 */
export const migration = defineMigration({
  version: 13,
  name: 'analysis-job-early-cancel',
  sqlite: `
    ALTER TABLE analysis_jobs ADD COLUMN early_json TEXT;
    ALTER TABLE analysis_jobs ADD COLUMN cancel_requested_at TEXT;
    ALTER TABLE analysis_jobs ADD COLUMN cancel_requested_by TEXT;
  `,
  postgres: `
    ALTER TABLE analysis_jobs ADD COLUMN early_json TEXT;
    ALTER TABLE analysis_jobs ADD COLUMN cancel_requested_at TEXT;
    ALTER TABLE analysis_jobs ADD COLUMN cancel_requested_by TEXT;
  `,
});

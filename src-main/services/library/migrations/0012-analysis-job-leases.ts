import { defineMigration } from './types';

/**
 * Analysis jobs across workstations (issue 17 item 4): a running job names the workstation process
 * that claimed it (`claimed_by`) and holds a lease (`lease_until`, ISO 8601 UTC from the database's
 * own clock, so two PCs whose clocks disagree still agree on it). The claimer renews the lease while
 * it works (a heartbeat); a job whose lease ran out belongs to a workstation that died, and another
 * takes it over. On the embedded library one process holds the library, so its 'running' rows are
 * simply queued again at start-up, as before. Both columns are empty unless the job is running.
 */
export const migration = defineMigration({
  version: 12,
  name: 'analysis-job-leases',
  sqlite: `
    ALTER TABLE analysis_jobs ADD COLUMN claimed_by TEXT;
    ALTER TABLE analysis_jobs ADD COLUMN lease_until TEXT;
  `,
  postgres: `
    ALTER TABLE analysis_jobs ADD COLUMN claimed_by TEXT;
    ALTER TABLE analysis_jobs ADD COLUMN lease_until TEXT;
  `,
});

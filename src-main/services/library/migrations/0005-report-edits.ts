import { reportMigration } from '../../report/migration';

/** The PT's words in a session's report: findings, plan, notes (schema beside the report service). */
export const migration = reportMigration(5);

import { syncMigration } from '../../sync/migration';

/** Two-view alignment of a session's clips (schema beside the sync service). */
export const migration = syncMigration(6);

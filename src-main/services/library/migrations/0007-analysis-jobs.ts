import { analysisMigration } from '../../analysis/migration';

/** The analysis queue (schema beside the analysis service). */
export const migration = analysisMigration(7);

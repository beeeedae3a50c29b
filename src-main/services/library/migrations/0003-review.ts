import { reviewMigration } from '../../review/migration';

/** Hand corrections, manual measurements and key frames (schema beside the review service). */
export const migration = reviewMigration(3);

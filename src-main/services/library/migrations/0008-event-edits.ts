import { eventEditsMigration } from '../../review/event-edits-migration';

/** The PT's corrections of gait events (schema beside the review service). */
export const migration = eventEditsMigration(8);

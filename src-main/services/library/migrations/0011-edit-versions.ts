import { defineMigration } from './types';

/**
 * Edit versions (issue 17, several workstations on one server): a patient and a report's edits carry
 * a version, raised by every save, and the workstation that saved last. A save names the version it
 * started from; when another workstation saved in between, the save is refused and the PT is told
 * who changed it and when ("Changed in room 2 at 10:42: reload to see it, or keep yours"), never
 * overwritten in silence (optimistic concurrency: compare the version, update, in one statement).
 * Existing rows start at version 1, saved by no one known.
 */
export const migration = defineMigration({
  version: 11,
  name: 'edit-versions',
  sqlite: `
    ALTER TABLE patients ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
    ALTER TABLE patients ADD COLUMN updated_by TEXT;
    ALTER TABLE report_edits ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
    ALTER TABLE report_edits ADD COLUMN updated_by TEXT;
  `,
  postgres: `
    ALTER TABLE patients ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
    ALTER TABLE patients ADD COLUMN updated_by TEXT;
    ALTER TABLE report_edits ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
    ALTER TABLE report_edits ADD COLUMN updated_by TEXT;
  `,
});

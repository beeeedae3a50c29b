import { defineMigration } from './types';

/**
 * The PT's corrections of gait events (move, delete, add an initial contact or toe-off): one row per
 * recording holding the ordered list, applied after detection (src-shared/gait/event-edits.ts), so the
 * detected events stay beside them and removing the row gives the detector's events back. The list is
 * written whole: undo and redo in Review are a list before and a list after. Rows go with their
 * recording when it is purged.
 */
export const migration = defineMigration({
  version: 8,
  name: 'event-edits',
  sqlite: `
        CREATE TABLE event_edits (
          recording_id TEXT PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
          edits_json   TEXT NOT NULL CHECK (json_valid(edits_json) AND json_type(edits_json) = 'array'),
          updated_at   TEXT NOT NULL
        );
      `,
  postgres: `
        CREATE TABLE event_edits (
          recording_id TEXT PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
          edits_json   TEXT NOT NULL CHECK (json_typeof(edits_json::json) = 'array'),
          updated_at   TEXT NOT NULL
        );
      `,
});

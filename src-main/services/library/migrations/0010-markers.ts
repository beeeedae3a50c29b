import { defineMigration } from './types';

/**
 * Skin markers (issue 15, docs/markers-app.md): what the PT named once, the tracks found from it, and
 * the PT's hand corrections, per recording. Rows go with their recording when it is purged.
 *
 * - `marker_seeds`: one row per recording, written whole: the frame the markers were named on, how
 *   they were detected (brightness or a picked colour) and each name with its point on that frame.
 * - `marker_tracks`: one row per recording × marker, the track as a compact blob (float32 x, y,
 *   confidence and state code per frame), like the pose store's binary body: a 2-minute 60 fps clip
 *   is 115 kB a marker. Written in one transaction with the seed's hash, so a
 *   track never outlives the names it was made from.
 * - `marker_corrections`: one row per recording × marker × frame, beside the tracker's point (as
 *   landmark corrections are, migration 0003), applied on read.
 */
export const migration = defineMigration({
  version: 10,
  name: 'markers',
  sqlite: `
        CREATE TABLE marker_seeds (
          recording_id TEXT PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
          frame        INTEGER NOT NULL CHECK (frame >= 0),
          seed_json    TEXT NOT NULL CHECK (json_valid(seed_json) AND json_type(seed_json) = 'object'),
          updated_at   TEXT NOT NULL
        );
        CREATE TABLE marker_tracks (
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          marker       TEXT NOT NULL CHECK (length(marker) BETWEEN 1 AND 64),
          frames       INTEGER NOT NULL CHECK (frames >= 0),
          points       BLOB NOT NULL CHECK (length(points) = frames * 16),
          seed_hash    TEXT NOT NULL,
          created_at   TEXT NOT NULL,
          PRIMARY KEY (recording_id, marker)
        );
        CREATE TABLE marker_corrections (
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          marker       TEXT NOT NULL CHECK (length(marker) BETWEEN 1 AND 64),
          frame        INTEGER NOT NULL CHECK (frame >= 0),
          x            REAL NOT NULL,
          y            REAL NOT NULL,
          updated_at   TEXT NOT NULL,
          PRIMARY KEY (recording_id, marker, frame)
        );
      `,
  postgres: `
        CREATE TABLE marker_seeds (
          recording_id TEXT PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
          frame        INTEGER NOT NULL CHECK (frame >= 0),
          seed_json    TEXT NOT NULL CHECK (json_typeof(seed_json::json) = 'object'),
          updated_at   TEXT NOT NULL
        );
        CREATE TABLE marker_tracks (
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          marker       TEXT NOT NULL CHECK (length(marker) BETWEEN 1 AND 64),
          frames       INTEGER NOT NULL CHECK (frames >= 0),
          points       BYTEA NOT NULL CHECK (length(points) = frames * 16),
          seed_hash    TEXT NOT NULL,
          created_at   TEXT NOT NULL,
          PRIMARY KEY (recording_id, marker)
        );
        CREATE TABLE marker_corrections (
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          marker       TEXT NOT NULL CHECK (length(marker) BETWEEN 1 AND 64),
          frame        INTEGER NOT NULL CHECK (frame >= 0),
          x            DOUBLE PRECISION NOT NULL,
          y            DOUBLE PRECISION NOT NULL,
          updated_at   TEXT NOT NULL,
          PRIMARY KEY (recording_id, marker, frame)
        );
      `,
});

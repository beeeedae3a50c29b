import { defineMigration } from './types';

/**
 * What the PT adds in the review: hand corrections of landmarks, manual measurements and key frames.
 * Corrections sit beside the model's output (one row per recording, frame and landmark: applied on
 * read, removed to give the point back to the model). Measurements keep their points only (values
 * are computed, so a new calibration updates every distance). Key frames keep the overlays that were
 * on. Everything goes with its recording (and session) when those are purged.
 */
export const migration = defineMigration({
  version: 3,
  name: 'review',
  sqlite: `
        CREATE TABLE landmark_corrections (
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          frame        INTEGER NOT NULL CHECK (frame >= 0),
          landmark     TEXT NOT NULL CHECK (length(landmark) > 0),
          x            REAL NOT NULL,
          y            REAL NOT NULL,
          updated_at   TEXT NOT NULL,
          PRIMARY KEY (recording_id, frame, landmark)
        );
        CREATE TABLE review_measurements (
          id           TEXT PRIMARY KEY,
          session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          frame        INTEGER NOT NULL CHECK (frame >= 0),
          tool         TEXT NOT NULL CHECK (tool IN ('angle', 'line-vertical', 'line-horizontal', 'distance', 'note', 'calibration')),
          points_json  TEXT NOT NULL,
          text         TEXT,
          length_cm    REAL CHECK (length_cm IS NULL OR length_cm > 0),
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL
        );
        CREATE INDEX review_measurements_session ON review_measurements (session_id, recording_id, frame);
        CREATE TABLE key_frames (
          id            TEXT PRIMARY KEY,
          session_id    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          recording_id  TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          frame         INTEGER NOT NULL CHECK (frame >= 0),
          t             REAL NOT NULL,
          label         TEXT NOT NULL CHECK (length(trim(label)) > 0),
          event         TEXT CHECK (event IS NULL OR event IN ('IC', 'MS', 'TO')),
          side          TEXT CHECK (side IS NULL OR side IN ('left', 'right')),
          overlays_json TEXT NOT NULL,
          created_at    TEXT NOT NULL,
          updated_at    TEXT NOT NULL,
          UNIQUE (recording_id, frame)
        );
        CREATE INDEX key_frames_session ON key_frames (session_id, recording_id, frame);
      `,
  postgres: `
        CREATE TABLE landmark_corrections (
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          frame        INTEGER NOT NULL CHECK (frame >= 0),
          landmark     TEXT NOT NULL CHECK (length(landmark) > 0),
          x            DOUBLE PRECISION NOT NULL,
          y            DOUBLE PRECISION NOT NULL,
          updated_at   TEXT NOT NULL,
          PRIMARY KEY (recording_id, frame, landmark)
        );
        CREATE TABLE review_measurements (
          id           TEXT PRIMARY KEY,
          session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          frame        INTEGER NOT NULL CHECK (frame >= 0),
          tool         TEXT NOT NULL CHECK (tool IN ('angle', 'line-vertical', 'line-horizontal', 'distance', 'note', 'calibration')),
          points_json  TEXT NOT NULL,
          text         TEXT,
          length_cm    DOUBLE PRECISION CHECK (length_cm IS NULL OR length_cm > 0),
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL
        );
        CREATE INDEX review_measurements_session ON review_measurements (session_id, recording_id, frame);
        CREATE TABLE key_frames (
          id            TEXT PRIMARY KEY,
          session_id    TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          recording_id  TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          frame         INTEGER NOT NULL CHECK (frame >= 0),
          t             DOUBLE PRECISION NOT NULL,
          label         TEXT NOT NULL CHECK (length(trim(label)) > 0),
          event         TEXT CHECK (event IS NULL OR event IN ('IC', 'MS', 'TO')),
          side          TEXT CHECK (side IS NULL OR side IN ('left', 'right')),
          overlays_json TEXT NOT NULL,
          created_at    TEXT NOT NULL,
          updated_at    TEXT NOT NULL,
          UNIQUE (recording_id, frame)
        );
        CREATE INDEX key_frames_session ON key_frames (session_id, recording_id, frame);
      `,
});

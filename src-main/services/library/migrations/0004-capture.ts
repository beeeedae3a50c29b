import { defineMigration } from './types';

/**
 * Capture takes: one press of R in the capture page, with one clip per view. The take row exists
 * from the first second of recording (status 'recording'), so a crash leaves a row that the
 * recovery finds beside its files in tmp/captures/<takeId>/. Each clip keeps what the sync step
 * needs: its start relative to the take's shared start (both views on the same clock), how long it
 * ran, and the frames the camera delivered, with the recording it became (NULL while recording,
 * after a failed import, or once the recording is purged).
 */
export const migration = defineMigration({
  version: 4,
  name: 'capture',
  sqlite: `
      CREATE TABLE capture_takes (
        id             TEXT PRIMARY KEY,
        session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        number         INTEGER NOT NULL CHECK (number > 0),
        condition_json TEXT NOT NULL,
        condition_label TEXT NOT NULL,
        started_at     TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('recording', 'saved', 'recovered', 'failed', 'discarded')),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX capture_takes_session ON capture_takes (session_id, condition_label, number);
      CREATE TABLE capture_clips (
        take_id          TEXT NOT NULL REFERENCES capture_takes (id) ON DELETE CASCADE,
        view             TEXT NOT NULL CHECK (view IN ('side', 'rear')),
        recording_id     TEXT REFERENCES recordings (id) ON DELETE SET NULL,
        device_label     TEXT NOT NULL DEFAULT '',
        width            INTEGER NOT NULL CHECK (width > 0),
        height           INTEGER NOT NULL CHECK (height > 0),
        fps              REAL NOT NULL CHECK (fps > 0),
        mime_type        TEXT NOT NULL,
        start_offset_ms  REAL,
        duration_ms      REAL,
        frames_delivered INTEGER,
        error            TEXT,
        PRIMARY KEY (take_id, view)
      );
      CREATE INDEX capture_clips_recording ON capture_clips (recording_id);
    `,
  postgres: `
      CREATE TABLE capture_takes (
        id             TEXT PRIMARY KEY,
        session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        number         INTEGER NOT NULL CHECK (number > 0),
        condition_json TEXT NOT NULL,
        condition_label TEXT NOT NULL,
        started_at     TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('recording', 'saved', 'recovered', 'failed', 'discarded')),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX capture_takes_session ON capture_takes (session_id, condition_label, number);
      CREATE TABLE capture_clips (
        take_id          TEXT NOT NULL REFERENCES capture_takes (id) ON DELETE CASCADE,
        view             TEXT NOT NULL CHECK (view IN ('side', 'rear')),
        recording_id     TEXT REFERENCES recordings (id) ON DELETE SET NULL,
        device_label     TEXT NOT NULL DEFAULT '',
        width            INTEGER NOT NULL CHECK (width > 0),
        height           INTEGER NOT NULL CHECK (height > 0),
        fps              DOUBLE PRECISION NOT NULL CHECK (fps > 0),
        mime_type        TEXT NOT NULL,
        start_offset_ms  DOUBLE PRECISION,
        duration_ms      DOUBLE PRECISION,
        frames_delivered INTEGER,
        error            TEXT,
        PRIMARY KEY (take_id, view)
      );
      CREATE INDEX capture_clips_recording ON capture_clips (recording_id);
    `,
});

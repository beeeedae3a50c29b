import { defineMigration } from './types';

/**
 * Recordings: the clips of a session. Files live under the library's media folder and the row keeps
 * paths RELATIVE to it (media/<sessionId>/<recordingId>/…), so a library can move or be restored
 * elsewhere. The probe is JSON (read whole, never queried by field). Trim is in frames of the source,
 * [trim_start_frame, trim_end_frame): frames, because a variable-frame-rate clip has no single
 * seconds↔frame rule. Delete goes to the trash (`deleted_at`), as patients and sessions.
 */
export const migration = defineMigration({
  version: 2,
  name: 'recordings',
  sqlite: `
      CREATE TABLE recordings (
        id               TEXT PRIMARY KEY,
        session_id       TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        view             TEXT NOT NULL CHECK (view IN ('side', 'rear')),
        condition_label  TEXT NOT NULL CHECK (length(trim(condition_label)) > 0),
        incline_pct      REAL,
        speed_kmh        REAL,
        shoes            TEXT,
        original_name    TEXT NOT NULL,
        sha256           TEXT NOT NULL CHECK (length(sha256) = 64),
        size_bytes       INTEGER NOT NULL CHECK (size_bytes > 0),
        probe_json       TEXT NOT NULL,
        frame_count      INTEGER NOT NULL CHECK (frame_count > 0),
        trim_start_frame INTEGER NOT NULL DEFAULT 0 CHECK (trim_start_frame >= 0),
        trim_end_frame   INTEGER NOT NULL CHECK (trim_end_frame > trim_start_frame AND trim_end_frame <= frame_count),
        original_path    TEXT NOT NULL,
        proxy_path       TEXT NOT NULL,
        thumb_path       TEXT NOT NULL,
        timestamps_path  TEXT NOT NULL,
        proxy_status     TEXT NOT NULL DEFAULT 'ready' CHECK (proxy_status IN ('ready', 'failed')),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        deleted_at       TEXT
      );
      CREATE INDEX recordings_session ON recordings (session_id, view, condition_label);
      CREATE INDEX recordings_sha ON recordings (session_id, sha256);
    `,
  postgres: `
      CREATE TABLE recordings (
        id               TEXT PRIMARY KEY,
        session_id       TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        view             TEXT NOT NULL CHECK (view IN ('side', 'rear')),
        condition_label  TEXT NOT NULL CHECK (length(trim(condition_label)) > 0),
        incline_pct      DOUBLE PRECISION,
        speed_kmh        DOUBLE PRECISION,
        shoes            TEXT,
        original_name    TEXT NOT NULL,
        sha256           TEXT NOT NULL CHECK (length(sha256) = 64),
        size_bytes       BIGINT NOT NULL CHECK (size_bytes > 0),
        probe_json       TEXT NOT NULL,
        frame_count      INTEGER NOT NULL CHECK (frame_count > 0),
        trim_start_frame INTEGER NOT NULL DEFAULT 0 CHECK (trim_start_frame >= 0),
        trim_end_frame   INTEGER NOT NULL CHECK (trim_end_frame > trim_start_frame AND trim_end_frame <= frame_count),
        original_path    TEXT NOT NULL,
        proxy_path       TEXT NOT NULL,
        thumb_path       TEXT NOT NULL,
        timestamps_path  TEXT NOT NULL,
        proxy_status     TEXT NOT NULL DEFAULT 'ready' CHECK (proxy_status IN ('ready', 'failed')),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        deleted_at       TEXT
      );
      CREATE INDEX recordings_session ON recordings (session_id, view, condition_label);
      CREATE INDEX recordings_sha ON recordings (session_id, sha256);
    `,
});

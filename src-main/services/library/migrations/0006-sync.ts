import { defineMigration } from './types';

/**
 * The two-view alignment of a session's clips: one row per PAIR of recordings (either order: the
 * unique index on the sorted pair refuses a second row for B,A), with the offset in use, whether the
 * PT set or nudged it by hand, and the automatic estimate's confidence kept beside it so a weak
 * alignment stays visible after a nudge. `details_json` holds the rest of the estimate (runner-up,
 * alternatives, warnings), read whole. Rows go with their recordings and session when purged.
 */
export const migration = defineMigration({
  version: 6,
  name: 'sync',
  sqlite: `
        CREATE TABLE recording_sync (
          session_id         TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          recording_a_id     TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          recording_b_id     TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          offset_s           REAL NOT NULL,
          time_scale         REAL NOT NULL DEFAULT 1 CHECK (time_scale > 0),
          fps_a              REAL NOT NULL CHECK (fps_a > 0),
          manual             INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
          nudge_frames       REAL NOT NULL DEFAULT 0,
          estimated_offset_s REAL,
          confidence         REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
          level              TEXT CHECK (level IS NULL OR level IN ('high', 'medium', 'low')),
          details_json       TEXT NOT NULL DEFAULT '{}',
          estimated_at       TEXT,
          created_at         TEXT NOT NULL,
          updated_at         TEXT NOT NULL,
          PRIMARY KEY (recording_a_id, recording_b_id),
          CHECK (recording_a_id <> recording_b_id),
          CHECK ((estimated_offset_s IS NULL) = (confidence IS NULL) AND (confidence IS NULL) = (level IS NULL))
        );
        CREATE UNIQUE INDEX recording_sync_pair
          ON recording_sync (min(recording_a_id, recording_b_id), max(recording_a_id, recording_b_id));
        CREATE INDEX recording_sync_session ON recording_sync (session_id);
        -- Both clips belong to the row's session (a foreign key alone would let an archive or a bug
        -- pair clips of two sessions).
        CREATE TRIGGER recording_sync_same_session_insert BEFORE INSERT ON recording_sync
        WHEN (SELECT session_id FROM recordings WHERE id = NEW.recording_a_id) IS NOT NEW.session_id
          OR (SELECT session_id FROM recordings WHERE id = NEW.recording_b_id) IS NOT NEW.session_id
        BEGIN SELECT RAISE(ABORT, 'recording_sync: both recordings must belong to the session'); END;
        CREATE TRIGGER recording_sync_same_session_update
        BEFORE UPDATE OF session_id, recording_a_id, recording_b_id ON recording_sync
        WHEN (SELECT session_id FROM recordings WHERE id = NEW.recording_a_id) IS NOT NEW.session_id
          OR (SELECT session_id FROM recordings WHERE id = NEW.recording_b_id) IS NOT NEW.session_id
        BEGIN SELECT RAISE(ABORT, 'recording_sync: both recordings must belong to the session'); END;
      `,
  postgres: `
        CREATE TABLE recording_sync (
          session_id         TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          recording_a_id     TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          recording_b_id     TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          offset_s           DOUBLE PRECISION NOT NULL,
          time_scale         DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (time_scale > 0),
          fps_a              DOUBLE PRECISION NOT NULL CHECK (fps_a > 0),
          manual             INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
          nudge_frames       DOUBLE PRECISION NOT NULL DEFAULT 0,
          estimated_offset_s DOUBLE PRECISION,
          confidence         DOUBLE PRECISION CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
          level              TEXT CHECK (level IS NULL OR level IN ('high', 'medium', 'low')),
          details_json       TEXT NOT NULL DEFAULT '{}',
          estimated_at       TEXT,
          created_at         TEXT NOT NULL,
          updated_at         TEXT NOT NULL,
          PRIMARY KEY (recording_a_id, recording_b_id),
          CHECK (recording_a_id <> recording_b_id),
          CHECK ((estimated_offset_s IS NULL) = (confidence IS NULL) AND (confidence IS NULL) = (level IS NULL))
        );
        CREATE UNIQUE INDEX recording_sync_pair
          ON recording_sync (LEAST(recording_a_id, recording_b_id), GREATEST(recording_a_id, recording_b_id));
        CREATE INDEX recording_sync_session ON recording_sync (session_id);
        -- Both clips belong to the row's session (a foreign key alone would let an archive or a bug
        -- pair clips of two sessions).
        CREATE FUNCTION recording_sync_same_session() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (SELECT session_id FROM recordings WHERE id = NEW.recording_a_id) IS DISTINCT FROM NEW.session_id
            OR (SELECT session_id FROM recordings WHERE id = NEW.recording_b_id) IS DISTINCT FROM NEW.session_id THEN
            RAISE EXCEPTION 'recording_sync: both recordings must belong to the session';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER recording_sync_same_session_insert BEFORE INSERT ON recording_sync
        FOR EACH ROW EXECUTE FUNCTION recording_sync_same_session();
        CREATE TRIGGER recording_sync_same_session_update
        BEFORE UPDATE OF session_id, recording_a_id, recording_b_id ON recording_sync
        FOR EACH ROW EXECUTE FUNCTION recording_sync_same_session();
      `,
});

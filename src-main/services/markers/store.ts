import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { MarkerName, MarkerPoint, MarkerState, MarkerTrack } from '../../../src-shared/markers/types';
import { pixels } from '../../../src-shared/units';
import { DetectionSchema, SeedMarkerSchema } from '../../../src-shared/contract/markers';

/**
 * The only SQL on `marker_seeds`, `marker_tracks` and `marker_corrections` (migration in
 * migration.ts). Rows are parsed here, once: a seed that no longer parses (a library from a later
 * version) reads as no seed rather than crashing the review. Kept to this one narrow typed module so
 * it moves behind the data-access layer (issue 17) in one piece.
 */

const SeedSchema = z.object({
  frame: z.number().int().min(0),
  detection: DetectionSchema,
  markers: z.array(SeedMarkerSchema),
});
export type StoredSeed = z.infer<typeof SeedSchema> & { readonly updatedAt: string };

export interface StoredCorrection {
  readonly marker: string;
  readonly frame: number;
  readonly x: number;
  readonly y: number;
}

/** The seed's fingerprint: tracks made from other names or points are stale. */
export function seedHash(seed: Pick<StoredSeed, 'frame' | 'detection' | 'markers'>): string {
  return createHash('sha256')
    .update(JSON.stringify({ frame: seed.frame, detection: seed.detection, markers: seed.markers }))
    .digest('hex')
    .slice(0, 16);
}

export function getSeed(db: Database.Database, recordingId: string): StoredSeed | null {
  const row = db
    .prepare(`SELECT seed_json, updated_at FROM marker_seeds WHERE recording_id = ?`)
    .get(recordingId) as { seed_json: string; updated_at: string } | undefined;
  if (!row) return null;
  const parsed = SeedSchema.safeParse(JSON.parse(row.seed_json));
  return parsed.success ? { ...parsed.data, updatedAt: row.updated_at } : null;
}

/** Write the seed whole; with no markers the row (and the tracks made from it) go. */
export function saveSeed(
  db: Database.Database,
  recordingId: string,
  seed: z.input<typeof SeedSchema>,
  now = new Date(),
): StoredSeed | null {
  const parsed = SeedSchema.parse(seed);
  db.transaction(() => {
    if (parsed.markers.length === 0) {
      db.prepare(`DELETE FROM marker_seeds WHERE recording_id = ?`).run(recordingId);
      db.prepare(`DELETE FROM marker_tracks WHERE recording_id = ?`).run(recordingId);
      return;
    }
    db.prepare(
      `INSERT INTO marker_seeds (recording_id, frame, seed_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (recording_id) DO UPDATE SET frame = excluded.frame, seed_json = excluded.seed_json,
         updated_at = excluded.updated_at`,
    ).run(recordingId, parsed.frame, JSON.stringify(parsed), now.toISOString());
  })();
  return getSeed(db, recordingId);
}

/** State codes in the blob (float32 like the rest of the point, so one array holds a track). */
const STATES: readonly MarkerState[] = ['detected', 'predicted', 'lost', 'hand'];

function toBlob(t: MarkerTrack): Buffer {
  const out = new Float32Array(t.points.length * 4);
  t.points.forEach((p, i) => {
    out.set([p.x, p.y, p.confidence, STATES.indexOf(p.state)], i * 4);
  });
  return Buffer.from(out.buffer);
}

function fromBlob(name: MarkerName, frames: number, blob: Buffer): MarkerTrack {
  const f = new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + frames * 16));
  const points: MarkerPoint[] = [];
  for (let i = 0; i < frames; i++)
    points.push({
      x: pixels(f[i * 4]!),
      y: pixels(f[i * 4 + 1]!),
      confidence: f[i * 4 + 2]!,
      state: STATES[f[i * 4 + 3]!] ?? 'lost',
    });
  return { name, points };
}

/** Replace the recording's tracks, all at once (a finished run), stamped with the seed they came from. */
export function saveTracks(
  db: Database.Database,
  recordingId: string,
  hash: string,
  tracks: readonly MarkerTrack[],
  now = new Date(),
): void {
  const insert = db.prepare(
    `INSERT INTO marker_tracks (recording_id, marker, frames, points, seed_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(`DELETE FROM marker_tracks WHERE recording_id = ?`).run(recordingId);
    for (const t of tracks)
      insert.run(recordingId, t.name, t.points.length, toBlob(t), hash, now.toISOString());
  })();
}

/** The recording's tracks and the seed hash they were made from (null when there are none). */
export function getTracks(
  db: Database.Database,
  recordingId: string,
): { hash: string; createdAt: string; tracks: MarkerTrack[] } | null {
  const rows = db
    .prepare(
      `SELECT marker, frames, points, seed_hash, created_at FROM marker_tracks WHERE recording_id = ? ORDER BY marker`,
    )
    .all(recordingId) as {
    marker: string;
    frames: number;
    points: Buffer;
    seed_hash: string;
    created_at: string;
  }[];
  if (!rows.length) return null;
  return {
    hash: rows[0]!.seed_hash,
    createdAt: rows[0]!.created_at,
    tracks: rows.map((r) => fromBlob(r.marker as MarkerName, r.frames, r.points)),
  };
}

export function listCorrections(db: Database.Database, recordingId: string): StoredCorrection[] {
  return db
    .prepare(
      `SELECT marker, frame, x, y FROM marker_corrections WHERE recording_id = ? ORDER BY marker, frame`,
    )
    .all(recordingId) as StoredCorrection[];
}

/** Place a marker by hand on one frame (replaces an earlier correction), or with `at: null` give it back. */
export function setCorrection(
  db: Database.Database,
  recordingId: string,
  marker: string,
  frame: number,
  at: { x: number; y: number } | null,
  now = new Date(),
): void {
  if (!at) {
    db.prepare(`DELETE FROM marker_corrections WHERE recording_id = ? AND marker = ? AND frame = ?`).run(
      recordingId,
      marker,
      frame,
    );
    return;
  }
  db.prepare(
    `INSERT INTO marker_corrections (recording_id, marker, frame, x, y, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (recording_id, marker, frame) DO UPDATE SET x = excluded.x, y = excluded.y,
       updated_at = excluded.updated_at`,
  ).run(recordingId, marker, frame, at.x, at.y, now.toISOString());
}

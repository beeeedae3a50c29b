import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DetectionSchema, SeedMarkerSchema, type MarkerCorrection } from '../../src-shared/contract/markers';
import type { MarkerName, MarkerPoint, MarkerState, MarkerTrack } from '../../src-shared/markers/types';
import { pixels } from '../../src-shared/units';
import type { Database } from './schema';

export const SeedSchema = z.object({
  frame: z.number().int().min(0),
  detection: DetectionSchema,
  markers: z.array(SeedMarkerSchema),
});
/** The seed as checked before it is written (radius defaulted). */
export type Seed = z.output<typeof SeedSchema>;
export type StoredSeed = Seed & { readonly updatedAt: string };

export interface StoredTracks {
  /** The fingerprint of the seed the tracks were made from. */
  readonly hash: string;
  readonly createdAt: string;
  readonly tracks: MarkerTrack[];
}

/**
 * Skin markers (migration 0010): `marker_seeds` (what the PT named, one row per recording, written
 * whole), `marker_tracks` (one row per recording and marker, the track as a compact blob) and
 * `marker_corrections` (hand placements, one per recording, marker and frame). A seed that no
 * longer parses (a library from a later version) reads as no seed rather than breaking the review.
 * Writes that replace several rows (`removeSeed`, `replaceTracks`) belong inside `data.transaction`
 * (services/markers/store.ts).
 */
export interface MarkersRepo {
  seed(recordingId: string): Promise<StoredSeed | null>;
  putSeed(recordingId: string, seed: Seed, at: string): Promise<void>;
  /** The seed and the tracks made from it. */
  removeSeed(recordingId: string): Promise<void>;
  tracks(recordingId: string): Promise<StoredTracks | null>;
  /** The recording's tracks replaced by these, all stamped with the seed's hash. */
  replaceTracks(recordingId: string, hash: string, tracks: readonly MarkerTrack[], at: string): Promise<void>;
  corrections(recordingId: string): Promise<MarkerCorrection[]>;
  putCorrection(
    recordingId: string,
    marker: string,
    frame: number,
    at: { x: number; y: number },
    when: string,
  ): Promise<void>;
  deleteCorrection(recordingId: string, marker: string, frame: number): Promise<void>;
}

export function markersRepo(db: Kysely<Database>): MarkersRepo {
  return {
    async seed(recordingId) {
      const row = await db
        .selectFrom('marker_seeds')
        .select(['seed_json', 'updated_at'])
        .where('recording_id', '=', recordingId)
        .executeTakeFirst();
      if (!row) return null;
      let raw: unknown;
      try {
        raw = JSON.parse(row.seed_json);
      } catch {
        return null;
      }
      const parsed = SeedSchema.safeParse(raw);
      return parsed.success ? { ...parsed.data, updatedAt: row.updated_at } : null;
    },
    async putSeed(recordingId, seed, at) {
      const changed = { frame: seed.frame, seed_json: JSON.stringify(seed), updated_at: at };
      await db
        .insertInto('marker_seeds')
        .values({ recording_id: recordingId, ...changed })
        .onConflict((oc) => oc.column('recording_id').doUpdateSet(changed))
        .execute();
    },
    async removeSeed(recordingId) {
      await db.deleteFrom('marker_seeds').where('recording_id', '=', recordingId).execute();
      await db.deleteFrom('marker_tracks').where('recording_id', '=', recordingId).execute();
    },
    async tracks(recordingId) {
      const rows = await db
        .selectFrom('marker_tracks')
        .select(['marker', 'frames', 'points', 'seed_hash', 'created_at'])
        .where('recording_id', '=', recordingId)
        .orderBy('marker')
        .execute();
      const first = rows[0];
      if (!first) return null;
      return {
        hash: first.seed_hash,
        createdAt: first.created_at,
        tracks: rows.map((r) => fromBlob(r.marker as MarkerName, r.frames, r.points)),
      };
    },
    async replaceTracks(recordingId, hash, tracks, at) {
      await db.deleteFrom('marker_tracks').where('recording_id', '=', recordingId).execute();
      if (tracks.length === 0) return;
      await db
        .insertInto('marker_tracks')
        .values(
          tracks.map((t) => ({
            recording_id: recordingId,
            marker: t.name,
            frames: t.points.length,
            points: toBlob(t),
            seed_hash: hash,
            created_at: at,
          })),
        )
        .execute();
    },
    async corrections(recordingId) {
      const rows = await db
        .selectFrom('marker_corrections')
        .select(['marker', 'frame', 'x', 'y'])
        .where('recording_id', '=', recordingId)
        .orderBy('marker')
        .orderBy('frame')
        .execute();
      return rows.map((r) => ({ marker: r.marker as MarkerName, frame: r.frame, x: r.x, y: r.y }));
    },
    async putCorrection(recordingId, marker, frame, point, when) {
      const changed = { x: point.x, y: point.y, updated_at: when };
      await db
        .insertInto('marker_corrections')
        .values({ recording_id: recordingId, marker, frame, ...changed })
        .onConflict((oc) => oc.columns(['recording_id', 'marker', 'frame']).doUpdateSet(changed))
        .execute();
    },
    async deleteCorrection(recordingId, marker, frame) {
      await db
        .deleteFrom('marker_corrections')
        .where('recording_id', '=', recordingId)
        .where('marker', '=', marker)
        .where('frame', '=', frame)
        .execute();
    },
  };
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

function fromBlob(name: MarkerName, frames: number, blob: Uint8Array): MarkerTrack {
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

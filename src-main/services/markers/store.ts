import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { MarkerCorrection } from '../../../src-shared/contract/markers';
import type { MarkerTrack } from '../../../src-shared/markers/types';
import type { DataLayer } from '../../data';
import { SeedSchema, type StoredSeed, type StoredTracks } from '../../data/markers';

/**
 * The markers service's use of its tables (src-main/data/markers.ts): a seed written whole, with its
 * tracks going when its names do, and tracks replaced all at once, each in one transaction.
 */
export type { StoredSeed };

/** The seed's fingerprint: tracks made from other names or points are stale. */
export function seedHash(seed: Pick<StoredSeed, 'frame' | 'detection' | 'markers'>): string {
  return createHash('sha256')
    .update(JSON.stringify({ frame: seed.frame, detection: seed.detection, markers: seed.markers }))
    .digest('hex')
    .slice(0, 16);
}

export const getSeed = (data: DataLayer, recordingId: string): Promise<StoredSeed | null> =>
  data.markers.seed(recordingId);

/** Write the seed whole; with no markers the row (and the tracks made from it) go. */
export async function saveSeed(
  data: DataLayer,
  recordingId: string,
  seed: z.input<typeof SeedSchema>,
  now = new Date(),
): Promise<StoredSeed | null> {
  const parsed = SeedSchema.parse(seed);
  await data.transaction(async (tx) => {
    if (parsed.markers.length === 0) await tx.markers.removeSeed(recordingId);
    else await tx.markers.putSeed(recordingId, parsed, now.toISOString());
  });
  return getSeed(data, recordingId);
}

/** Replace the recording's tracks, all at once (a finished run), stamped with the seed they came from. */
export async function saveTracks(
  data: DataLayer,
  recordingId: string,
  hash: string,
  tracks: readonly MarkerTrack[],
  now = new Date(),
): Promise<void> {
  await data.transaction((tx) => tx.markers.replaceTracks(recordingId, hash, tracks, now.toISOString()));
}

/** The recording's tracks and the seed hash they were made from (null when there are none). */
export const getTracks = (data: DataLayer, recordingId: string): Promise<StoredTracks | null> =>
  data.markers.tracks(recordingId);

export const listCorrections = (data: DataLayer, recordingId: string): Promise<MarkerCorrection[]> =>
  data.markers.corrections(recordingId);

/** Place a marker by hand on one frame (replaces an earlier correction), or with `at: null` give it back. */
export async function setCorrection(
  data: DataLayer,
  recordingId: string,
  marker: string,
  frame: number,
  at: { x: number; y: number } | null,
  now = new Date(),
): Promise<void> {
  if (!at) await data.markers.deleteCorrection(recordingId, marker, frame);
  else await data.markers.putCorrection(recordingId, marker, frame, at, now.toISOString());
}

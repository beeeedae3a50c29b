import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarkerTrack } from '../../src-shared/markers/types';
import { pixels } from '../../src-shared/units';
import {
  getSeed,
  getTracks,
  listCorrections,
  saveSeed,
  saveTracks,
  seedHash,
  setCorrection,
} from '../../src-main/services/markers/store';
import { openTestLibrary, type TestLibrary } from '../helpers/test-library';
import { seedRecording, seedSession } from './rows';

/** The skin-marker tables through the data layer, on SQLite and (the `postgres` project) on PostgreSQL. */
let lib: TestLibrary;
beforeEach(async () => {
  lib = await openTestLibrary();
  await seedSession(lib.data);
  await seedRecording(lib.data, 'r1');
});
afterEach(async () => {
  await lib.close();
});

const seed = {
  frame: 12,
  detection: { mode: 'colour' as const, rgb: [250, 10, 10] as [number, number, number] },
  markers: [
    { name: 'leftPsis' as const, x: 100.5, y: 200.25 },
    { name: 'rightPsis' as const, x: 140, y: 201, radius: 6 },
  ],
};

/** A track whose points are exact in float32, so the blob's round trip can be compared exactly. */
const track = (name: MarkerTrack['name'], frames: number): MarkerTrack => ({
  name,
  points: Array.from({ length: frames }, (_, i) => ({
    x: pixels(10 + i * 0.5),
    y: pixels(20 - i * 0.25),
    confidence: i % 2 ? 0.5 : 1,
    state: (['detected', 'predicted', 'lost', 'hand'] as const)[i % 4]!,
  })),
});

describe('markers', () => {
  it('writes the seed whole, and its tracks go when its names do', async () => {
    const { data } = lib;
    const saved = await saveSeed(data, 'r1', seed, new Date('2026-01-02T00:00:00Z'));
    expect(saved).toEqual({
      ...seed,
      markers: [{ ...seed.markers[0], radius: 4 }, seed.markers[1]],
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    const hash = seedHash(saved!);
    const tracks = [track('rightPsis', 50), track('leftPsis', 50)];
    await saveTracks(data, 'r1', hash, tracks, new Date('2026-01-03T00:00:00Z'));
    // By marker name; the blob comes back point for point on either backend (BLOB, BYTEA).
    expect(await getTracks(data, 'r1')).toEqual({
      hash,
      createdAt: '2026-01-03T00:00:00.000Z',
      tracks: [tracks[1], tracks[0]],
    });
    // A finished run replaces every track at once.
    await saveTracks(data, 'r1', 'other', [track('leftPsis', 3)]);
    expect((await getTracks(data, 'r1'))?.tracks.map((t) => [t.name, t.points.length])).toEqual([
      ['leftPsis', 3],
    ]);
    // Named again with the same frame: one row, the new names.
    await saveSeed(data, 'r1', { ...seed, markers: [seed.markers[1]!] });
    expect((await getSeed(data, 'r1'))?.markers.map((m) => m.name)).toEqual(['rightPsis']);
    expect(await getTracks(data, 'r1')).not.toBeNull();
    expect(await saveSeed(data, 'r1', { ...seed, markers: [] })).toBeNull();
    expect(await getTracks(data, 'r1')).toBeNull();
  });

  it('reads a seed it cannot parse as no seed', async () => {
    await saveSeed(lib.data, 'r1', seed);
    await lib.sql.run(`UPDATE marker_seeds SET seed_json = '{"frame": -1}'`);
    expect(await getSeed(lib.data, 'r1')).toBeNull();
  });

  it('keeps one hand placement per marker and frame, and gives it back', async () => {
    const { data } = lib;
    await setCorrection(data, 'r1', 'rightPsis', 5, { x: 1.5, y: 2.5 });
    await setCorrection(data, 'r1', 'leftPsis', 9, { x: 3, y: 4 });
    await setCorrection(data, 'r1', 'leftPsis', 2, { x: 5, y: 6 });
    await setCorrection(data, 'r1', 'rightPsis', 5, { x: 7, y: 8 });
    expect(await listCorrections(data, 'r1')).toEqual([
      { marker: 'leftPsis', frame: 2, x: 5, y: 6 },
      { marker: 'leftPsis', frame: 9, x: 3, y: 4 },
      { marker: 'rightPsis', frame: 5, x: 7, y: 8 },
    ]);
    await setCorrection(data, 'r1', 'leftPsis', 9, null);
    await setCorrection(data, 'r1', 'leftPsis', 9, null); // already gone: nothing to do
    expect((await listCorrections(data, 'r1')).map((c) => c.frame)).toEqual([2, 5]);
    // The recording purged: its markers go with it.
    await saveSeed(data, 'r1', seed);
    await data.recordings.purge('r1');
    expect(await listCorrections(data, 'r1')).toEqual([]);
    expect(await getSeed(data, 'r1')).toBeNull();
  });
});

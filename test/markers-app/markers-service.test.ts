import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import type {
  DetectedBlobs,
  MarkerSetup,
  MarkerTracks,
  MarkerTrackStatus,
} from '../../src-shared/contract/markers';
import { pelvicTiltSeries } from '../../src-shared/markers';
import { openTestServices, secondRun, type TestServices } from '../helpers/test-services';
import { tempDir } from '../helpers/tmp';
import { addPatientAndSession, addRecording } from '../review/fixtures/library-rows';
import { syntheticMarkerClip, type MarkerTruth } from './marker-clip';

/**
 * The markers service on a real library (the run's backend: test/helpers/test-services.ts) with a real clip: a synthetic mp4
 * with taped markers on known paths, in the library as a recording's proxy with its timestamp table,
 * decoded by the real ffmpeg. Detect on one frame, pick a colour, name, track in the background
 * (progress, cancel), read the tracks back within 1 px of the truth, correct a point by hand.
 */
let t: TestServices;
let services: Services;
let recordingId: string;
let truth: MarkerTruth[];
let tiltDeg: (i: number) => number;
const FRAMES = 60;
const tmp = tempDir('stridelab-markers-app-');

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, field: r.error.field });
  return r.result as T;
}

/** Resolves with the next `markers:changed` of the recording that ends a run. */
function ended(): Promise<{ state: string; error: string | null }> {
  return new Promise((resolve) => {
    const off = services.onEvent((m) => {
      if (m.event !== 'markers:changed') return;
      const p = m.payload as { recordingId: string; state: string; error: string | null };
      if (p.recordingId === recordingId && p.state !== 'running') {
        off();
        resolve(p);
      }
    });
  });
}

const at = (name: string, i: number) => truth.find((t) => t.name === name)!.points[i]!;

beforeAll(async () => {
  const clip = join(tmp.path, 'markers.mp4');
  ({ truth, tiltDeg } = await syntheticMarkerClip(clip, FRAMES));
  t = await openTestServices({ home: join(tmp.path, 'lib'), transport: 'cli' });
  services = t.services;
  // Rows written straight in (the library's own calls are tested elsewhere).
  await addPatientAndSession(t.sql, 'p1', 's1');
  // The clip goes in as the recording's proxy (the frames the review shows and the tracker reads).
  await addRecording(t.sql, t.mediaDir, 's1', {
    id: 'rec1',
    view: 'side',
    condition: 'Flat',
    times: Array.from({ length: FRAMES }, (_, i) => i / 30),
    width: 320,
    height: 240,
    proxyFrom: clip,
  });
  recordingId = 'rec1';
}, 120_000);
afterAll(async () => {
  await t?.close();
  tmp.cleanup();
});

describe('markers on a real clip', () => {
  // Blob detection on one frame reads no rows: the first run's check is enough.
  it.skipIf(secondRun)(
    'finds the bright markers on a frame, and only the picked colour when one is picked',
    async () => {
      const bright = await call<DetectedBlobs>('markers:detect', { recordingId, frame: 0 });
      expect(bright.detection).toEqual({ mode: 'brightness' });
      for (const name of ['rightAsis', 'rightPsis']) {
        const p = at(name, 0);
        const near = bright.blobs.filter((b) => Math.hypot(b.x - p.x, b.y - p.y) < 1);
        expect(near, name).toHaveLength(1);
      }
      // A click on the green heel marker: its colour, and the white markers are no longer candidates.
      const heel = at('rightHeel', 0);
      const green = await call<DetectedBlobs>('markers:detect', { recordingId, frame: 0, pick: heel });
      expect(green.detection.mode).toBe('colour');
      const rgb = green.detection.mode === 'colour' ? green.detection.rgb : [0, 0, 0];
      expect(rgb[1]).toBeGreaterThan(150);
      expect(rgb[0]).toBeLessThan(90);
      expect(green.blobs.some((b) => Math.hypot(b.x - heel.x, b.y - heel.y) < 1)).toBe(true);
      expect(
        green.blobs.some((b) => Math.hypot(b.x - at('rightAsis', 0).x, b.y - at('rightAsis', 0).y) < 5),
      ).toBe(false);
    },
  );

  it('refuses what it cannot do, in words, and writes nothing', async () => {
    await expect(call('markers:track', { recordingId })).rejects.toThrow(/Name the markers/);
    await expect(call('markers:detect', { recordingId, frame: FRAMES + 5 })).rejects.toThrow(
      /past the last frame/,
    );
    const twice = { name: 'rightAsis', x: 1, y: 1 };
    await expect(
      call('markers:name', {
        recordingId,
        frame: 0,
        detection: { mode: 'brightness' },
        markers: [twice, twice],
      }),
    ).rejects.toThrow(/twice/);
    await expect(
      call('markers:name', {
        recordingId,
        frame: 0,
        detection: { mode: 'brightness' },
        markers: [{ name: 'rightElbow', x: 1, y: 1 }],
      }),
    ).rejects.toThrow(/not a marker of the protocol/);
    expect(await call('markers:setup', { recordingId })).toBeNull();
  });

  it('names once, tracks in the background within 1 px, with progress, and keeps the tracks', async () => {
    const setup = await call<MarkerSetup>('markers:name', {
      recordingId,
      frame: 0,
      detection: { mode: 'brightness' },
      markers: ['rightAsis', 'rightPsis'].map((name) => ({ name, ...at(name, 0), radius: 5 })),
    });
    expect(setup.markers.map((m) => m.name)).toEqual(['rightAsis', 'rightPsis']);

    // Cancel: the run stops, and nothing is stored.
    const cancelled = ended();
    await call('markers:track', { recordingId });
    expect(await call('markers:cancel', { recordingId })).toEqual({ cancelled: true });
    expect((await cancelled).state).toBe('cancelled');
    expect((await call<MarkerTracks>('markers:tracks', { recordingId })).tracks).toEqual([]);

    const progress: number[] = [];
    const off = services.onEvent((m) => {
      if (m.event === 'markers:progress') progress.push((m.payload as { framesDone: number }).framesDone);
    });
    const done = ended();
    const started = await call<MarkerTrackStatus>('markers:track', { recordingId });
    expect(started.state).toBe('running');
    expect(await done).toMatchObject({ state: 'done', error: null });
    off();
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(FRAMES);

    const out = await call<MarkerTracks>('markers:tracks', { recordingId });
    expect(out.status.state).toBe('done');
    for (const name of ['rightAsis', 'rightPsis']) {
      const track = out.tracks.find((t) => t.name === name)!;
      expect(track.points).toHaveLength(FRAMES);
      const within = track.points.filter((p, i) => Math.hypot(p.x - at(name, i).x, p.y - at(name, i).y) <= 1);
      // Identities never swap: every point is nearer its own truth than the other marker's.
      expect(within.length / FRAMES, name).toBeGreaterThanOrEqual(0.98);
    }
    // Pelvic tilt from the tracks, frame by frame, within 1° of the design.
    const tilt = pelvicTiltSeries(
      out.tracks.find((t) => t.name === 'rightAsis')!,
      out.tracks.find((t) => t.name === 'rightPsis')!,
    );
    const errors = Array.from(tilt, (v, i) => Math.abs(v - tiltDeg(i)));
    expect(Math.max(...errors)).toBeLessThan(1);
  });

  it('takes a hand correction over the tracker, gives it back, and marks tracks stale when renamed', async () => {
    const moved = await call<{ corrections: unknown[] }>('markers:correct', {
      recordingId,
      marker: 'rightAsis',
      frame: 10,
      x: 150,
      y: 90,
    });
    expect(moved.corrections).toEqual([{ marker: 'rightAsis', frame: 10, x: 150, y: 90 }]);
    let out = await call<MarkerTracks>('markers:tracks', { recordingId });
    expect(out.tracks.find((t) => t.name === 'rightAsis')!.points[10]).toEqual({
      x: 150,
      y: 90,
      confidence: 1,
      state: 'hand',
    });
    await expect(
      call('markers:correct', { recordingId, marker: 'rightAsis', frame: 10, x: 5000, y: 90 }),
    ).rejects.toThrow(/outside the picture/);
    await call('markers:correct', { recordingId, marker: 'rightAsis', frame: 10, x: null, y: null });
    out = await call<MarkerTracks>('markers:tracks', { recordingId });
    expect(out.corrections).toEqual([]);
    expect(out.tracks.find((t) => t.name === 'rightAsis')!.points[10]!.state).not.toBe('hand');

    // New names: the stored tracks no longer match them.
    await call('markers:name', {
      recordingId,
      frame: 0,
      detection: { mode: 'brightness' },
      markers: [{ name: 'rightAsis', ...at('rightAsis', 0) }],
    });
    expect((await call<MarkerTrackStatus>('markers:status', { recordingId })).state).toBe('stale');
  });
});

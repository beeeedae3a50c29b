import type { DetectedBlobs, MarkerTrackStatus, markersCalls } from '../../../src-shared/contract/markers';
import { candidateBlobs, suggestName } from '../../../src-shared/markers';
import type { HandlersFor } from '../types';
import { ServiceError } from '../errors';
import { readFrame } from './frames';
import { landmarksOf, markerRecording } from './recording';
import { getSeed, getTracks, listCorrections, saveSeed, setCorrection, type StoredSeed } from './store';
import {
  cancelTracking,
  clearOutcome,
  detectionOptions,
  pixelFormat,
  startTracking,
  trackStatus,
} from './track-job';
import { colourAt } from './colour';
import { withCorrections } from './tracks';

/**
 * Skin markers (issue 15): find them on a frame, name them once, track them in the background, read
 * the tracks with the PT's corrections applied, correct a point. The pixels never leave main.
 */
const setupOf = (recordingId: string, s: StoredSeed) => ({
  recordingId,
  frame: s.frame,
  detection: s.detection,
  markers: s.markers,
  updatedAt: s.updatedAt,
});

export const markersHandlers: HandlersFor<typeof markersCalls> = {
  'markers:detect': async ({ recordingId, frame, detection, pick }, { library }) => {
    const rec = await markerRecording(library, recordingId);
    if (frame >= rec.frameCount)
      throw new ServiceError(
        'invalid-input',
        `Frame ${frame} is past the last frame (${rec.frameCount - 1}).`,
        'frame',
      );
    let chosen = detection ?? ({ mode: 'brightness' } as const);
    if (pick) {
      // A click on a marker: its colour becomes the one to look for.
      const rgba = await readFrame(rec, frame, 'rgba');
      chosen = { mode: 'colour', rgb: colourAt(rgba, pick.x, pick.y) };
    }
    const image = await readFrame(rec, frame, pixelFormat({ detection: chosen }));
    // Two markers touching are offered too, as one candidate (the panel says so).
    const blobs = candidateBlobs(image, detectionOptions({ detection: chosen }));
    const pose = (await landmarksOf(library, recordingId))?.frames.find((f) => f.index === frame);
    return {
      frame,
      detection: chosen,
      blobs: blobs.map((b) => ({ ...b, suggestions: suggestName(b, pose, rec.view) })),
    } satisfies DetectedBlobs;
  },
  'markers:setup': async ({ recordingId }, { library }) => {
    await markerRecording(library, recordingId);
    const s = await getSeed(library.data, recordingId);
    return s ? setupOf(recordingId, s) : null;
  },
  'markers:name': async ({ recordingId, frame, detection, markers }, ctx) => {
    const rec = await markerRecording(ctx.library, recordingId);
    if (frame >= rec.frameCount)
      throw new ServiceError(
        'invalid-input',
        `Frame ${frame} is past the last frame (${rec.frameCount - 1}).`,
        'frame',
      );
    const saved = await saveSeed(ctx.library.data, recordingId, { frame, detection, markers });
    clearOutcome(recordingId);
    ctx.emit('markers:changed', { recordingId, ...stateOf(await trackStatus(ctx, recordingId)) });
    return saved ? setupOf(recordingId, saved) : null;
  },
  'markers:track': ({ recordingId }, ctx) => startTracking(ctx, recordingId),
  'markers:status': async ({ recordingId }, ctx) => {
    await markerRecording(ctx.library, recordingId);
    return trackStatus(ctx, recordingId);
  },
  'markers:cancel': ({ recordingId }) => ({ cancelled: cancelTracking(recordingId) }),
  'markers:tracks': async ({ recordingId }, ctx) => {
    await markerRecording(ctx.library, recordingId);
    const corrections = await listCorrections(ctx.library.data, recordingId);
    const stored = await getTracks(ctx.library.data, recordingId);
    return {
      recordingId,
      status: await trackStatus(ctx, recordingId),
      tracks: stored ? withCorrections(stored.tracks, corrections) : [],
      corrections,
    };
  },
  'markers:correct': async ({ recordingId, marker, frame, x, y }, ctx) => {
    const rec = await markerRecording(ctx.library, recordingId);
    if (frame >= rec.frameCount)
      throw new ServiceError(
        'invalid-input',
        `Frame ${frame} is past the last frame (${rec.frameCount - 1}).`,
        'frame',
      );
    if ((x === null) !== (y === null))
      throw new ServiceError(
        'invalid-input',
        'Give both coordinates, or neither to remove the correction.',
        'x',
      );
    if (x !== null && y !== null && (x < 0 || y < 0 || x > rec.width || y > rec.height))
      throw new ServiceError('invalid-input', 'The point is outside the picture.', 'x');
    const { data } = ctx.library;
    await setCorrection(data, recordingId, marker, frame, x === null || y === null ? null : { x, y });
    ctx.emit('markers:changed', { recordingId, ...stateOf(await trackStatus(ctx, recordingId)) });
    return { corrections: await listCorrections(data, recordingId) };
  },
};

const stateOf = (s: MarkerTrackStatus): Pick<MarkerTrackStatus, 'state' | 'error'> => ({
  state: s.state,
  error: s.error,
});

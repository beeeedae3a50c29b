import { readFileSync } from 'node:fs';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { decodeTimestamps } from '../../../src-shared/media/timestamps';
import type { Library } from '../library/db';
import { poseRecordingOf } from '../pose/recording';
import { landmarksFromLibrary, recordingForSync } from '../sync/landmarks';
import { ServiceError } from '../errors';
import type { ClipProbe } from '../../../src-shared/contract/recordings';
import type { ClipFrames } from './frames';

/**
 * What the markers service needs of a recording: its proxy (the frames the review shows, one to one
 * with the source's), the proxy's size, each frame's true time, and its view. Markers live in the
 * proxy's pixels, the same space as the pose landmarks (both are found on the proxy).
 */
export interface MarkerRecording extends ClipFrames {
  readonly id: string;
  readonly name: string;
  readonly view: 'side' | 'rear';
  readonly frameCount: number;
}

export async function markerRecording(library: Library, id: string): Promise<MarkerRecording> {
  const stored = await library.data.recordings.get(id);
  if (!stored || stored.deletedAt)
    throw new ServiceError('not-found', `No recording with id ${id}.`, 'recordingId');
  const rec = poseRecordingOf(library, stored);
  // Probes written by early versions lack the later fields (data/recordings.ts checks those present).
  const probe: Partial<ClipProbe> = stored.probe;
  const frameCount = probe.frameCount ?? stored.frameCount;
  // Libraries from before the proxy's size was recorded: the proxy kept the displayed size.
  const width = probe.proxyWidth ?? probe.displayWidth ?? 0;
  const height = probe.proxyHeight ?? probe.displayHeight ?? 0;
  let times: number[];
  try {
    times = decodeTimestamps(readFileSync(rec.timestampsPath));
  } catch {
    times = Array.from({ length: frameCount }, (_, i) => i / (probe.proxyFps || 30));
  }
  return {
    id,
    name: rec.name,
    view: stored.view,
    path: rec.proxyPath,
    width,
    height,
    frameCount: times.length || frameCount,
    times,
  };
}

/** The clip's landmarks as the analysis uses them, or undefined before pose detection has run. */
export async function landmarksOf(library: Library, id: string): Promise<LandmarkSeries | undefined> {
  try {
    return landmarksFromLibrary(library, await recordingForSync(library.data, id, 'recordingId'));
  } catch {
    return undefined;
  }
}

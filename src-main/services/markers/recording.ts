import { readFileSync } from 'node:fs';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { decodeTimestamps } from '../../../src-shared/media/timestamps';
import type { Library } from '../library/db';
import { poseRecording } from '../pose/recording';
import { landmarksFromLibrary, syncRecording } from '../sync/landmarks';
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

export function markerRecording(library: Library, id: string): MarkerRecording {
  const rec = poseRecording(library, id);
  const row = library.db.prepare(`SELECT probe_json, view FROM recordings WHERE id = ?`).get(id) as {
    probe_json: string;
    view: string;
  };
  const probe = JSON.parse(row.probe_json) as {
    proxyWidth?: number;
    proxyHeight?: number;
    displayWidth?: number;
    displayHeight?: number;
    frameCount: number;
    proxyFps?: number;
  };
  // Libraries from before the proxy's size was recorded: the proxy kept the displayed size.
  const width = probe.proxyWidth ?? probe.displayWidth ?? 0;
  const height = probe.proxyHeight ?? probe.displayHeight ?? 0;
  let times: number[];
  try {
    times = decodeTimestamps(readFileSync(rec.timestampsPath));
  } catch {
    times = Array.from({ length: probe.frameCount }, (_, i) => i / (probe.proxyFps || 30));
  }
  return {
    id,
    name: rec.name,
    view: row.view === 'rear' ? 'rear' : 'side',
    path: rec.proxyPath,
    width,
    height,
    frameCount: times.length || probe.frameCount,
    times,
  };
}

/** The clip's landmarks as the analysis uses them, or undefined before pose detection has run. */
export function landmarksOf(library: Library, id: string): LandmarkSeries | undefined {
  try {
    return landmarksFromLibrary(library, syncRecording(library.db, id, 'recordingId'));
  } catch {
    return undefined;
  }
}

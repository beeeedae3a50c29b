import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { decodeTimestamps } from '../../../src-shared/media/timestamps';
import type { PoseCandidates } from './series';
import type { ClipProbe } from '../../../src-shared/contract/recordings';
import type { StoredRecording } from '../../data/recordings';

/**
 * What the pose service needs of a recording. Detection runs on the original where it is frame for
 * frame the proxy, else on the proxy (the frames the review shows, one to one with the source's
 * frames; input.ts says which and why); each frame's true time comes from the
 * recording's timestamp table, not from the proxy's constant rate (src-shared/media/timestamps.ts).
 * Results live beside the proxy in the library's media folder.
 */
export interface PoseRecording {
  readonly id: string;
  readonly name: string;
  readonly proxyPath: string;
  readonly timestampsPath: string;
  /** Folder for the pose store (store.ts). */
  readonly dir: string;
  readonly nominalFps: number;
  readonly variableFrameRate: boolean;
  /** Pixels of the proxy (landmarks are in these). */
  readonly proxyWidth: number;
  readonly proxyHeight: number;
  /** The imported file itself, which pose reads when it can (input.ts). */
  readonly original: {
    readonly path: string;
    readonly codec: string;
    readonly displayWidth: number;
    readonly displayHeight: number;
  } | null;
}

/** The recording (not in the trash) as pose detection sees it. */
export async function poseRecording(library: Library, id: string): Promise<PoseRecording> {
  const rec = await library.data.recordings.get(id);
  if (!rec || rec.deletedAt)
    throw new ServiceError('not-found', `No recording with id ${id}.`, 'recordingId');
  return poseRecordingOf(library, rec);
}

/** The same of a recording already read. */
export function poseRecordingOf(library: Library, rec: StoredRecording): PoseRecording {
  // Probes written by early versions lack the later fields (recordings.ts checks those present).
  const probe: Partial<ClipProbe> = rec.probe;
  const proxyPath = join(library.paths.mediaDir, rec.paths.proxy);
  return {
    id: rec.id,
    name: rec.originalName,
    proxyPath,
    timestampsPath: join(library.paths.mediaDir, rec.paths.timestamps),
    dir: dirname(proxyPath),
    nominalFps: probe.averageFps || probe.nominalFps || 30,
    variableFrameRate: Boolean(probe.variableFrameRate),
    proxyWidth: probe.proxyWidth ?? 0,
    proxyHeight: probe.proxyHeight ?? 0,
    original:
      rec.paths.original && probe.codec && probe.displayWidth && probe.displayHeight
        ? {
            path: join(library.paths.mediaDir, rec.paths.original),
            codec: probe.codec,
            displayWidth: probe.displayWidth,
            displayHeight: probe.displayHeight,
          }
        : null,
  };
}

/** Give the proxy's detections the recording's name and true frame times. */
export function withRecordingTimes(c: PoseCandidates, rec: PoseRecording): PoseCandidates {
  let times: number[] | null = null;
  try {
    times = decodeTimestamps(readFileSync(rec.timestampsPath));
  } catch {
    times = null; // no table: keep the proxy's times
  }
  const frames =
    times && times.length === c.frames.length ? c.frames.map((f, i) => ({ ...f, t: times![i]! })) : c.frames;
  const last = frames[frames.length - 1]?.t ?? 0;
  return {
    ...c,
    source: {
      ...c.source,
      file: rec.name,
      fps: rec.nominalFps,
      variableFrameRate: rec.variableFrameRate,
      durationS: Math.max(c.source.durationS, last),
    },
    frames,
  };
}

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { decodeTimestamps } from '../../../src-shared/media/timestamps';
import type { PoseCandidates } from './series';

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

interface Row {
  id: string;
  original_name: string;
  proxy_path: string;
  original_path: string | null;
  timestamps_path: string;
  probe_json: string;
}

export function poseRecording(library: Library, id: string): PoseRecording {
  const row = library.db
    .prepare(
      `SELECT id, original_name, proxy_path, original_path, timestamps_path, probe_json FROM recordings WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(id) as Row | undefined;
  if (!row) throw new ServiceError('not-found', `No recording with id ${id}.`, 'recordingId');
  const probe = JSON.parse(row.probe_json) as {
    nominalFps?: number;
    averageFps?: number;
    variableFrameRate?: boolean;
    codec?: string;
    displayWidth?: number;
    displayHeight?: number;
    proxyWidth?: number;
    proxyHeight?: number;
  };
  const proxyPath = join(library.paths.mediaDir, row.proxy_path);
  return {
    id: row.id,
    name: row.original_name,
    proxyPath,
    timestampsPath: join(library.paths.mediaDir, row.timestamps_path),
    dir: dirname(proxyPath),
    nominalFps: probe.averageFps || probe.nominalFps || 30,
    variableFrameRate: Boolean(probe.variableFrameRate),
    proxyWidth: probe.proxyWidth ?? 0,
    proxyHeight: probe.proxyHeight ?? 0,
    original:
      row.original_path && probe.codec && probe.displayWidth && probe.displayHeight
        ? {
            path: join(library.paths.mediaDir, row.original_path),
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

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureCamera, CaptureTake } from '../../../src-shared/contract/capture';
import type { Recording, View } from '../../../src-shared/contract/recordings';
import { rateFraction, takeFileName } from '../../../src-shared/capture/takes';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { getSession } from '../library/sessions';
import { ffmpegPath } from '../media/binaries';
import { importRecording } from '../media/import';
import { getRecording } from '../media/recordings-db';
import { lastLine } from '../media/probe';
import { runTool } from '../media/run';
import { extensionFor, partFile } from './store';

/**
 * Close one view's recorded stream and import it. MediaRecorder writes WebM as a live stream: no
 * duration, no cues (seek index), sizes left "unknown" (W3C MediaStream Recording; Chromium's
 * WebmMuxer is a live muxer). A stream copy through ffmpeg's Matroska muxer rewrites the same
 * frames, untouched and with their capture timestamps, into a file with duration and cues, which
 * every player and our import read normally. A file cut off by a crash is copied up to its last
 * whole frame (ffmpeg stops at the damaged cluster), which is what recovery relies on.
 */
export async function closeStream(part: string, out: string, signal?: AbortSignal): Promise<void> {
  const size = (await stat(part).catch(() => undefined))?.size ?? 0;
  if (size === 0)
    throw new ServiceError('invalid-input', 'Nothing was recorded (the camera sent no picture).');
  const res = await runTool(
    ffmpegPath(),
    [
      ...['-hide_banner', '-nostdin', '-v', 'error', '-y'],
      // A cut-off file ends mid-cluster: read what is whole, do not give up on the rest.
      ...['-err_detect', 'ignore_err', '-i', part],
      ...['-map', '0:v:0', '-c', 'copy', '-f', out.endsWith('.webm') ? 'webm' : 'matroska', out],
    ],
    { signal },
  );
  const written = (await stat(out).catch(() => undefined))?.size ?? 0;
  if (res.code !== 0 || written === 0) {
    throw new ServiceError(
      'invalid-input',
      `The recording could not be closed (ffmpeg: ${lastLine(res.stderr) || `exit ${res.code}`}).`,
    );
  }
}

export interface ClipOutcome {
  readonly view: View;
  readonly recording?: Recording;
  readonly error?: string;
}

/** Close and import each view of a take, one after another (the proxy transcodes share 2 cores). */
export async function importTakeClips(
  library: Library,
  take: Pick<CaptureTake, 'id' | 'sessionId' | 'number' | 'condition' | 'clips'>,
  dir: string,
  cameras: readonly CaptureCamera[],
  onPhase: (view: View, phase: 'closing' | 'importing' | 'done', fraction: number) => void,
): Promise<ClipOutcome[]> {
  const date = (await getSession(library.data, take.sessionId)).date;
  const out: ClipOutcome[] = [];
  for (const camera of cameras) {
    // Already imported (a crash came after this view's import committed): never a second copy.
    const linked = take.clips.find((c) => c.view === camera.view)?.recordingId;
    if (linked) {
      out.push({ view: camera.view, recording: await getRecording(library.data, linked) });
      continue;
    }
    const ext = extensionFor(camera.mimeType);
    const closed = join(dir, `${camera.view}.${ext}`);
    try {
      onPhase(camera.view, 'closing', 0);
      await closeStream(partFile(dir, camera), closed);
      onPhase(camera.view, 'importing', 0);
      const recording = await importRecording(library, {
        sessionId: take.sessionId,
        sourcePath: closed,
        originalName: takeFileName(date, take.condition.label, camera.view, take.number, ext),
        view: camera.view,
        condition: take.condition,
        // A fresh recording cannot repeat an earlier file; skip the duplicate check's false alarms
        // (two takes of a black screen before the cameras warm up are byte-identical).
        allowDuplicate: true,
        // The camera's own rate: the live file's millisecond timestamps make ffprobe guess wrong.
        recordedRate: rateFraction(camera.fps),
        onProgress: (p) => onPhase(camera.view, 'importing', p.fraction),
        // The take's clip names its recording in the same transaction that creates it.
        alsoInTransaction: (recordingId, tx) =>
          tx.capture.updateClip(take.id, camera.view, { recordingId, error: null }),
      });
      onPhase(camera.view, 'done', 1);
      out.push({ view: camera.view, recording });
    } catch (err) {
      onPhase(camera.view, 'done', 1);
      out.push({ view: camera.view, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

import { randomUUID } from 'node:crypto';
import { access, mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type {
  Condition,
  ClipProbe,
  ImportPhase,
  Recording,
  View,
} from '../../../src-shared/contract/recordings';
import { encodeTimestamps, frameTiming } from '../../../src-shared/media/timestamps';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { plannedCondition } from '../library/conditions';
import { getSession } from '../library/sessions';
import { copyWithHash, fsMessage, readableSource, type CopyOptions } from './copy';
import { removeIfEmpty, removeTree, syncDir, writeFileSynced } from './fsutil';
import { acquireTranscodeSlot } from './jobs';
import { holdLanding, type LandingHold } from './landing';
import { probeBeforeCopy, probeSource } from './probe';
import { makeProxy, makeThumbnail } from './proxy';
import { findDuplicate, getRecording, type RecordingRow } from './recordings-db';
import type { DataLayer } from '../../data';

/**
 * Import one clip into a session, all or nothing. Everything is built in a private folder under the
 * library's tmp/ (copy + SHA-256, probe, proxy, thumbnail, timestamp table), then that folder is
 * renamed into media/<sessionId>/<recordingId>/ (same file system, so the rename is atomic) and the
 * row is inserted. Any failure or a cancel removes the private folder: the database and the media
 * folder are exactly as before. The user's file is only read, never moved or changed.
 */
export interface ImportProgress {
  readonly phase: ImportPhase;
  readonly fraction: number;
  readonly secondsLeft?: number;
}

export interface ImportRequest {
  readonly sessionId: string;
  readonly sourcePath: string;
  /** The name the user knows the file by (an upload's original name); defaults to the path's. */
  readonly originalName?: string;
  readonly view: View;
  readonly condition: Condition;
  readonly allowDuplicate?: boolean;
  /**
   * The rate the source was recorded at, when the caller knows it better than the container: a
   * live recording (capture) has millisecond timestamps with jitter, from which ffprobe guesses
   * r_frame_rate wrongly (1000/1 or 60/1 for a 30 fps camera). The proxy then runs at this rate.
   */
  readonly recordedRate?: { readonly num: number; readonly den: number };
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ImportProgress) => void;
  /**
   * Runs inside the transaction that inserts the recording, so whatever the caller records about the
   * new recording (capture: which take clip it is) commits with it or not at all. Without it a crash
   * between the insert and the caller's own write would leave a recording its caller does not know,
   * and a retry would import it twice.
   */
  readonly alsoInTransaction?: (recordingId: string, tx: DataLayer) => void | Promise<void>;
  /** Test hooks at the copy boundary (a failing sink = a full disk; a file pulled away mid-copy). */
  readonly copy?: Pick<CopyOptions, 'sink' | 'afterChunk'>;
}

/** Share of the whole job each phase takes (measured: the transcode dominates). */
const WEIGHTS: Record<ImportPhase, [number, number]> = {
  copy: [0, 0.1],
  probe: [0.1, 0.15],
  wait: [0.15, 0.15],
  proxy: [0.15, 0.95],
  thumbnail: [0.95, 0.99],
  finish: [0.99, 1],
};

/** File extension for the stored original, from what the file IS (not what it was called). */
function extensionFor(container: string, codec: string): string {
  if (container.startsWith('mov,mp4')) return '.mp4';
  if (container.startsWith('matroska')) return ['vp8', 'vp9', 'av1'].includes(codec) ? '.webm' : '.mkv';
  if (container === 'avi') return '.avi';
  if (container === 'mpegts') return '.ts';
  return '.video';
}

/** The refusal of a file already in the session, in the PT's words. */
function alreadyThere(name: string, dup: Recording): ServiceError {
  return new ServiceError(
    'conflict',
    `${name} is already in this session: it is the same file as "${dup.originalName}" (${dup.view} view, ${dup.condition.label}, imported ${dup.createdAt.slice(0, 10)}). Nothing was imported.`,
  );
}

export async function importRecording(library: Library, req: ImportRequest): Promise<Recording> {
  const { paths } = library;
  const displayName = req.originalName ?? basename(req.sourcePath);
  const name = `"${displayName}"`;
  await getSession(library.data, req.sessionId);
  const started = Date.now();
  // Time spent in line for the transcode slot: not work, so not in the rate the time left is read
  // from (a 3 s clip that waited 90 s behind another said "about 163 s left" once its turn came).
  let waitedMs = 0;
  const report = (phase: ImportPhase, within: number): void => {
    const [a, b] = WEIGHTS[phase];
    const fraction = a + (b - a) * Math.min(1, Math.max(0, within));
    const elapsed = (Date.now() - started - waitedMs) / 1000;
    req.onProgress?.({
      phase,
      fraction,
      ...(phase !== 'wait' && fraction > 0.05 && fraction < 1
        ? { secondsLeft: (elapsed / fraction) * (1 - fraction) }
        : {}),
    });
  };

  const id = randomUUID();
  const work = join(paths.tmpDir, `import-${id}`);
  const sessionDir = join(paths.mediaDir, req.sessionId);
  const finalDir = join(sessionDir, id);
  let movedIntoMedia = false;
  let createdSessionDir = false;
  let hold: LandingHold | undefined;
  try {
    // Look before copying: a file that is not a video is refused in a fraction of a second, however big.
    report('copy', 0);
    await probeBeforeCopy(await readableSource(req.sourcePath, name), displayName, req.signal);
    await mkdir(work);
    // Marked as on its way in until its row is committed: no sweep takes it meanwhile (./landing.ts).
    hold = await holdLanding(work);
    const copied = join(work, 'source.part');
    const { sha256, size } = await copyWithHash(req.sourcePath, copied, name, {
      ...req.copy,
      signal: req.signal,
      onProgress: (done, total) => report('copy', done / total),
    });
    // Said before the transcode, so a file already there costs no wait; asked again as the row goes in.
    if (!req.allowDuplicate) {
      const dup = await findDuplicate(library.data, req.sessionId, sha256);
      if (dup) throw alreadyThere(name, dup);
    }
    report('probe', 0);
    const probed = await probeSource(copied, displayName, req.signal);
    const source = req.recordedRate
      ? { ...probed, rate: req.recordedRate, nominalFps: req.recordedRate.num / req.recordedRate.den }
      : probed;
    const originalFile = `original${extensionFor(source.container, source.codec)}`;
    await rename(copied, join(work, originalFile));
    const inLine = Date.now();
    const release = await acquireTranscodeSlot(req.signal, () => report('wait', 0));
    waitedMs = Date.now() - inLine;
    report('proxy', 0);
    let proxy;
    try {
      proxy = await makeProxy(join(work, originalFile), join(work, 'proxy.mp4'), source, displayName, {
        signal: req.signal,
        onProgress: (f) => report('proxy', f),
      });
      report('thumbnail', 0);
      const middle = Math.floor(proxy.times.length / 2);
      await makeThumbnail(
        join(work, 'proxy.mp4'),
        join(work, 'thumb.jpg'),
        (middle * source.rate.den) / source.rate.num,
        req.signal,
      );
    } finally {
      release();
    }
    await writeFileSynced(join(work, 'timestamps.f64'), encodeTimestamps(proxy.times));
    report('finish', 0);
    if (req.signal?.aborted) throw new ServiceError('cancelled', 'Import cancelled.');

    const timing = frameTiming(proxy.times);
    const turned = source.rotation === 90 || source.rotation === 270;
    const probe: ClipProbe = {
      container: source.container,
      codec: source.codec,
      width: source.width,
      height: source.height,
      rotation: source.rotation,
      displayWidth: turned ? source.height : source.width,
      displayHeight: turned ? source.width : source.height,
      proxyWidth: proxy.width,
      proxyHeight: proxy.height,
      nominalFps: source.nominalFps,
      averageFps: timing.averageFps,
      frameCount: proxy.times.length,
      durationS: proxy.times.length > 0 ? proxy.times[proxy.times.length - 1]! + timing.medianInterval : 0,
      variableFrameRate: timing.variable,
      audio: source.audio,
      proxyFps: source.rate.num / source.rate.den,
    };
    const rel = (file: string): string => `${req.sessionId}/${id}/${file}`;
    const now = new Date().toISOString();
    const row: RecordingRow = {
      id,
      session_id: req.sessionId,
      view: req.view,
      condition_label: req.condition.label,
      incline_pct: req.condition.inclinePct ?? null,
      speed_kmh: req.condition.speedKmh ?? null,
      shoes: req.condition.shoes || null,
      original_name: displayName,
      sha256,
      size_bytes: size,
      probe_json: JSON.stringify(probe),
      frame_count: probe.frameCount,
      trim_start_frame: 0,
      trim_end_frame: probe.frameCount,
      original_path: rel(originalFile),
      proxy_path: rel('proxy.mp4'),
      thumb_path: rel('thumb.jpg'),
      timestamps_path: rel('timestamps.f64'),
      proxy_status: 'ready',
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    await syncDir(work);
    createdSessionDir = (await mkdir(sessionDir, { recursive: true })) !== undefined;
    await rename(work, finalDir);
    hold.moveTo(finalDir);
    movedIntoMedia = true;
    await syncDir(sessionDir);
    await library.data.transaction(async (tx) => {
      await getSession(tx, req.sessionId); // the session may have been trashed while we transcoded
      await access(finalDir); // swept as abandoned (the share out of reach past the lease): no row
      // What the PT planned for the condition (its incline typed on the session page before filming),
      // read as the row goes in, where the clip has no setting of its own.
      const planned = await plannedCondition(tx, req.sessionId, req.condition);
      const newRow = { ...row, incline_pct: planned.inclinePct ?? null, speed_kmh: planned.speedKmh ?? null };
      // The same file imported twice at once passed the check above in both imports, neither row
      // written yet: checked and inserted as one step, the second is refused and leaves nothing.
      if (req.allowDuplicate) await tx.recordings.insert(newRow);
      else {
        const same = await tx.recordings.insertUnlessSame(newRow);
        if (same) throw alreadyThere(name, same);
      }
      await req.alsoInTransaction?.(id, tx);
    });
    // In an all-or-nothing job the row is committed with the job: the marker stays until then.
    if (library.landings) library.landings.push(hold);
    else await hold.release();
    report('finish', 1);
    return getRecording(library.data, id);
  } catch (err) {
    hold?.stop();
    await removeTree(movedIntoMedia ? finalDir : work);
    if (createdSessionDir) await removeIfEmpty(sessionDir);
    // A file-system error past the copy (thumbnail, timestamp table, the final rename) in plain words.
    if (!(err instanceof ServiceError) && (err as NodeJS.ErrnoException).code)
      throw fsMessage(err, name, 'imported');
    throw err;
  }
}

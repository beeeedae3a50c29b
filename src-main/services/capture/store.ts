import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureCamera } from '../../../src-shared/contract/capture';
import type { Condition, View } from '../../../src-shared/contract/recordings';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { syncDir, writeFileSynced } from '../media/fsutil';

/**
 * A take while it is being recorded: a folder tmp/captures/<takeId>/ holding manifest.json (who,
 * what, which cameras) and one growing file per view. Each chunk is appended and fsynced before the
 * renderer is told it arrived, so after a crash (of StrideLab, the browser, or the machine) the
 * file holds everything up to the last acknowledged second. WebM is written as a stream (clusters
 * one after another, sizes "unknown"), so a file cut anywhere still plays up to the cut; see
 * recover.ts.
 */
export const MANIFEST_FORMAT = 'stridelab.capture-take/1';
/** One chunk is one second of one camera; 64 MB covers 4K at the highest bit rates browsers use. */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

export interface TakeManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly takeId: string;
  readonly sessionId: string;
  readonly condition: Condition;
  readonly startedAt: string;
  readonly cameras: readonly CaptureCamera[];
}

export const capturesDir = (library: Library): string => join(library.paths.tmpDir, 'captures');
export const takeDir = (library: Library, takeId: string): string => join(capturesDir(library), takeId);

export const extensionFor = (mimeType: string): 'webm' | 'mkv' =>
  mimeType.startsWith('video/x-matroska') ? 'mkv' : 'webm';
export const partFile = (dir: string, camera: Pick<CaptureCamera, 'view' | 'mimeType'>): string =>
  join(dir, `${camera.view}.part.${extensionFor(camera.mimeType)}`);
/** Facts the renderer learns during the take (start offset), kept beside the file for recovery. */
const viewInfoFile = (dir: string, view: View): string => join(dir, `${view}.json`);

interface ActiveView {
  nextSeq: number;
  bytes: number;
  /** Appends to one file run one after another. */
  queue: Promise<unknown>;
}
interface ActiveTake {
  readonly dir: string;
  readonly manifest: TakeManifest;
  readonly views: Map<View, ActiveView>;
}

/** Takes being recorded in this process (one process per library: library/lock.ts). */
const active = new Map<string, ActiveTake>();

/**
 * Told, with the number of takes recording, when a take begins, a chunk arrives and a take ends: the
 * analysis queue holds pose runs meanwhile, since capture has priority (issue 16 item 5).
 */
const activityListeners = new Set<(takesRecording: number) => void>();
export function onCaptureActivity(fn: (takesRecording: number) => void): () => void {
  activityListeners.add(fn);
  return () => activityListeners.delete(fn);
}
const activity = (): void => {
  for (const fn of activityListeners) fn(active.size);
};

export async function createTakeFolder(library: Library, manifest: TakeManifest): Promise<void> {
  const dir = takeDir(library, manifest.takeId);
  await mkdir(capturesDir(library), { recursive: true });
  await mkdir(dir);
  await writeFileSynced(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  for (const camera of manifest.cameras) await writeFileSynced(partFile(dir, camera), new Uint8Array());
  await syncDir(dir);
  await syncDir(capturesDir(library));
  active.set(manifest.takeId, {
    dir,
    manifest,
    views: new Map(manifest.cameras.map((c) => [c.view, { nextSeq: 0, bytes: 0, queue: Promise.resolve() }])),
  });
  activity();
}

export const isActive = (takeId: string): boolean => active.has(takeId);

export function activeTake(takeId: string): ActiveTake {
  const take = active.get(takeId);
  if (!take) {
    throw new ServiceError(
      'not-found',
      'This take is no longer being recorded (it was stopped, discarded, or StrideLab restarted). Start a new take.',
      'takeId',
    );
  }
  return take;
}

export function endActive(takeId: string): void {
  active.delete(takeId);
  activity();
}

export function chunksReceived(takeId: string, view: View): number {
  return activeTake(takeId).views.get(view)?.nextSeq ?? 0;
}

/** Wait until every append already queued for this take is on disk. */
export async function drain(takeId: string): Promise<void> {
  const take = active.get(takeId);
  if (take) await Promise.all([...take.views.values()].map((v) => v.queue.catch(() => undefined)));
}

/**
 * Append chunk `seq` of one view. Chunks must come in order: a repeat of one already written (a
 * retry after a lost reply) is acknowledged without writing it twice; a gap is refused, because a
 * WebM stream with a hole in it is damaged from the hole on.
 */
export async function appendChunk(
  takeId: string,
  view: View,
  seq: number,
  data: Uint8Array,
  startOffsetMs?: number,
): Promise<{ bytes: number }> {
  const take = activeTake(takeId);
  activity();
  const state = take.views.get(view);
  const camera = take.manifest.cameras.find((c) => c.view === view);
  if (!state || !camera)
    throw new ServiceError('invalid-input', `This take records no ${view} view.`, 'view');
  if (data.byteLength > MAX_CHUNK_BYTES)
    throw new ServiceError('invalid-input', `A recorded chunk is larger than 64 MB.`, 'data');
  const run = async (): Promise<{ bytes: number }> => {
    if (seq < state.nextSeq) return { bytes: state.bytes };
    if (seq > state.nextSeq) {
      throw new ServiceError(
        'conflict',
        `The ${view} recording is missing a piece (expected piece ${state.nextSeq + 1}, got ${seq + 1}).`,
        'seq',
      );
    }
    const fh = await open(partFile(take.dir, camera), 'a');
    try {
      await fh.write(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (startOffsetMs !== undefined)
      await writeFile(viewInfoFile(take.dir, view), JSON.stringify({ startOffsetMs }));
    state.nextSeq = seq + 1;
    state.bytes += data.byteLength;
    return { bytes: state.bytes };
  };
  const result = state.queue.then(run, run);
  state.queue = result.catch(() => undefined);
  return result;
}

export async function readManifest(dir: string): Promise<TakeManifest | undefined> {
  try {
    const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as TakeManifest;
    return m.format === MANIFEST_FORMAT ? m : undefined;
  } catch {
    return undefined;
  }
}

export async function readStartOffset(dir: string, view: View): Promise<number | undefined> {
  try {
    const v = (JSON.parse(await readFile(viewInfoFile(dir, view), 'utf8')) as { startOffsetMs?: unknown })
      .startOffsetMs;
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export async function listTakeFolders(library: Library): Promise<string[]> {
  try {
    return (await readdir(capturesDir(library), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

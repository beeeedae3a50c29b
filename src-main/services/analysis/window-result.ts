import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EarlyNumbersSchema, type EarlyNumbers } from '../../../src-shared/contract/analysis';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { analyseClip, type ClipAnalysis } from '../../../src-shared/review/analyse';
import { parsePoseStore, poseStoreBytes } from '../pose/store';
import { toSeries, type PoseCandidates } from '../pose/series';
import { replaceFileDurably } from '../media/fsutil';

/**
 * The steady window's pose result, kept as the recording's provisional result (issue 16 item 3):
 * the candidate frames window.ts analysed when they first held ten regular strides a side, so the
 * report can build the clip's section from them while the rest of the clip is analysed.
 *
 * Why a file beside the pose store and not a table: it is the same kind of data as the pose store
 * (a few thousand frames of 33 landmarks, ~0.3 MB deflated for 10 s at 60 fps), lives and dies with
 * the recording's media folder (trash, purge, archives, a clinic server's shared media folder), and
 * is read by the same code; a blob column would need a migration on both backends for data that is
 * thrown away within minutes. Whether it is still current is the job's word, not the file's: the
 * report uses it only while the clip's job still carries the window's numbers (`early_json`), which
 * the queue drops when the job ends or is queued afresh (docs/analysis-queue.md).
 *
 * File `window.<model>.slwin` in the recording's media folder (docs/library-layout.md):
 *   "SLWIN\0\0\x01"  magic + format version
 *   u32 M, then M bytes of JSON meta (the window's numbers, the proxy frame index of each frame)
 *   the pose store's own bytes for the window's frames (pose/store.ts: header, CRC'd body, trailer)
 *   "SLWINOK\0"      trailer: written last
 * Written to a temp name, fsynced and renamed (docs/crash-safety.md): a crash leaves either the
 * complete previous file, the complete new one, or a `.tmp` that readers ignore and the next write
 * or removal sweeps. A run that died keeps its window result only when it was complete.
 */
const MAGIC = Buffer.from('SLWIN\0\0\x01', 'latin1');
const TRAILER = Buffer.from('SLWINOK\0', 'latin1');

const MetaSchema = z.object({
  format: z.literal(1),
  early: EarlyNumbersSchema,
  /** Proxy frame index of each stored frame (the frames the review shows, the report grabs). */
  frameIndex: z.array(z.number().int().nonnegative()),
});

export interface WindowResult {
  /** The window's numbers, as published (the job's `early`). */
  readonly early: EarlyNumbers;
  /** The window's frames, each with its true time (the recording's timestamp table). */
  readonly candidates: PoseCandidates;
  /** Proxy frame index of each frame of `candidates`. */
  readonly frameIndex: readonly number[];
}

export const windowResultFile = (dir: string, model: PoseModelName): string =>
  join(dir, `window.${model}.slwin`);

const TEMP = /^window\..*\.slwin\..*\.tmp$/;

function removeTemps(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (TEMP.test(name)) rmSync(join(dir, name), { force: true });
}

export function writeWindowResult(dir: string, result: WindowResult): string {
  if (result.frameIndex.length !== result.candidates.frames.length)
    throw new Error('one frame index per frame');
  mkdirSync(dir, { recursive: true });
  removeTemps(dir);
  const meta = Buffer.from(
    JSON.stringify({ format: 1, early: result.early, frameIndex: result.frameIndex }),
    'utf8',
  );
  const len = Buffer.alloc(4);
  len.writeUInt32LE(meta.length);
  const file = windowResultFile(dir, result.candidates.model);
  replaceFileDurably(file, Buffer.concat([MAGIC, len, meta, poseStoreBytes(result.candidates), TRAILER]));
  return file;
}

/** The stored window result, or null when there is none or it is incomplete or damaged. */
export function readWindowResult(dir: string, model: PoseModelName): WindowResult | null {
  const file = windowResultFile(dir, model);
  if (!existsSync(file)) return null;
  try {
    const b = readFileSync(file);
    if (!b.subarray(0, 8).equals(MAGIC) || !b.subarray(b.length - 8).equals(TRAILER)) return null;
    const m = b.readUInt32LE(8);
    const meta = MetaSchema.parse(JSON.parse(b.toString('utf8', 12, 12 + m)));
    const pose = parsePoseStore(b.subarray(12 + m, b.length - 8));
    if (!pose || pose.candidates.frames.length !== meta.frameIndex.length) return null;
    return { early: meta.early, candidates: pose.candidates, frameIndex: meta.frameIndex };
  } catch {
    return null;
  }
}

/** Remove the clip's window results (every model, or one) and any write a crash left unfinished. */
export function removeWindowResult(dir: string, model?: PoseModelName): void {
  if (!existsSync(dir)) return;
  removeTemps(dir);
  for (const name of readdirSync(dir))
    if (model ? name === `window.${model}.slwin` : /^window\..*\.slwin$/.test(name))
      rmSync(join(dir, name), { force: true });
}

/**
 * The window's landmarks as a clip's series: the runner chosen as for the whole clip, each frame
 * numbered as its proxy frame, so the window reads as a trimmed part of the clip (gait events and
 * key frames carry the clip's frame numbers and times).
 */
export function windowSeries(result: Pick<WindowResult, 'candidates' | 'frameIndex'>): LandmarkSeries {
  const series = toSeries(result.candidates);
  return { ...series, frames: series.frames.map((f, i) => ({ ...f, index: result.frameIndex[i]! })) };
}

/**
 * The window's gait analysis through the one path (src-shared/review/analyse.ts), as window.ts
 * publishes it and the report prints it: no corrections (a clip analysed for the first time has
 * none), the clip's trim, the patient's height for centimetres.
 */
export function analyseWindow(
  series: LandmarkSeries,
  inputs: {
    readonly view: 'side' | 'rear';
    readonly trim: { readonly startFrame: number; readonly endFrame: number };
    readonly heightCm?: number;
  },
): ClipAnalysis {
  return analyseClip(series, [], {
    view: inputs.view,
    trim: inputs.trim,
    cutoffHz: 'auto',
    ...(inputs.heightCm ? { heightCm: inputs.heightCm } : {}),
  });
}

/** Index of the table time nearest `t` (the table is sorted). */
export function nearestFrame(table: readonly number[], t: number): number {
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(table[lo - 1]! - t) <= Math.abs(table[lo]! - t) ? lo - 1 : lo;
}

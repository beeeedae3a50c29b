import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { LandmarkSeriesSchema } from '../../../src-shared/pose/landmarks';
import { POSE_FLOATS, type PoseModelName } from '../../../src-shared/pose/engine-protocol';
import type { Pick } from './track';
import type { CandidateFrame, PoseCandidates } from './series';
import { replaceFileDurably } from '../media/fsutil';

/**
 * Stored pose results, one file per model in a directory the caller owns (the recording's media
 * folder): `pose.<model>.slpose`. Keeps every candidate pose (not only the chosen person), so
 * choosing another person never re-runs detection.
 *
 * Layout (little-endian):
 *   "SLPOSE\0\x01"  magic + format version
 *   u32 H, then H bytes of JSON header (source, model, numPoses, frame count, scales, pick, CRC)
 *   deflate-raw body: f64 t[n] | u8 count[n] | i16 values[Σcount × 33 × 8]
 *   "SLPOSEOK"      trailer: written last, so a file without it is not complete
 *
 * Quantised to int16 (scales in the header): image x, y at 1/4 px, which is far below MediaPipe's
 * own jitter (several px); world x, y, z at 0.1 mm; visibility/presence at 1/32000. A 2-minute
 * 60 fps clip with one person is ~3.9 MB before deflate (measured after: docs/pose-engine.md).
 *
 * Written to a temp name then renamed (atomic on one filesystem): a cancelled or crashed run leaves
 * at most a `.tmp` file, which readers ignore and the next write removes.
 */
const MAGIC = Buffer.from('SLPOSE\0\x01', 'latin1');
const TRAILER = Buffer.from('SLPOSEOK', 'latin1');
const PER_LANDMARK = 8; // x y z vis pres wx wy wz
const LANDMARKS = 33;
/** Multipliers from value to int16, per channel. */
const SCALES = [4, 4, 8000, 32000, 32000, 10000, 10000, 10000] as const;

const HeaderSchema = z.object({
  format: z.literal(1),
  source: LandmarkSeriesSchema.shape.source,
  model: z.enum(['lite', 'full', 'heavy']),
  numPoses: z.number().int().positive(),
  frames: z.number().int().nonnegative(),
  poses: z.number().int().nonnegative(),
  scales: z.array(z.number()).length(PER_LANDMARK),
  pick: z.object({ frame: z.number().int().nonnegative(), x: z.number(), y: z.number() }).nullable(),
  createdAt: z.string(),
  bodyBytes: z.number().int().nonnegative(),
  bodyCrc32: z.number().int().nonnegative(),
});
type Header = z.infer<typeof HeaderSchema>;

export interface StoredPose {
  readonly candidates: PoseCandidates;
  /** The user's choice of person, if they made one; else the default (the runner). */
  readonly pick: Pick | null;
  readonly createdAt: string;
}

export const poseStoreFile = (dir: string, model: PoseModelName): string => join(dir, `pose.${model}.slpose`);

function clamp16(v: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(v)));
}

/** Float layout (engine-protocol) → int16 channel order x y z vis pres wx wy wz. */
function encodeBody(frames: readonly CandidateFrame[]): { body: Buffer; poses: number } {
  const n = frames.length;
  const poses = frames.reduce((s, f) => s + f.poses.length / POSE_FLOATS, 0);
  const t = new Float64Array(n);
  const counts = new Uint8Array(n);
  const values = new Int16Array(poses * LANDMARKS * PER_LANDMARK);
  let o = 0;
  frames.forEach((f, i) => {
    t[i] = f.t;
    const count = f.poses.length / POSE_FLOATS;
    counts[i] = count;
    for (let p = 0; p < count; p++) {
      const base = p * POSE_FLOATS;
      for (let l = 0; l < LANDMARKS; l++) {
        for (let c = 0; c < 5; c++) values[o++] = clamp16(f.poses[base + l * 5 + c]! * SCALES[c]!);
        for (let c = 0; c < 3; c++)
          values[o++] = clamp16(f.poses[base + LANDMARKS * 5 + l * 3 + c]! * SCALES[5 + c]!);
      }
    }
  });
  const raw = Buffer.concat([Buffer.from(t.buffer), Buffer.from(counts.buffer), Buffer.from(values.buffer)]);
  return { body: deflateRawSync(raw, { level: 6 }), poses };
}

function decodeBody(body: Buffer, n: number, poses: number): CandidateFrame[] {
  const raw = inflateRawSync(body);
  if (raw.length !== n * 8 + n + poses * LANDMARKS * PER_LANDMARK * 2) throw new Error('body size mismatch');
  const t = new Float64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + n * 8));
  const counts = new Uint8Array(raw.buffer.slice(raw.byteOffset + n * 8, raw.byteOffset + n * 9));
  const values = new Int16Array(raw.buffer.slice(raw.byteOffset + n * 9, raw.byteOffset + raw.length));
  const frames: CandidateFrame[] = [];
  let o = 0;
  for (let i = 0; i < n; i++) {
    const count = counts[i]!;
    const f = new Float32Array(count * POSE_FLOATS);
    for (let p = 0; p < count; p++) {
      const base = p * POSE_FLOATS;
      for (let l = 0; l < LANDMARKS; l++) {
        for (let c = 0; c < 5; c++) f[base + l * 5 + c] = values[o++]! / SCALES[c]!;
        for (let c = 0; c < 3; c++) f[base + LANDMARKS * 5 + l * 3 + c] = values[o++]! / SCALES[5 + c]!;
      }
    }
    frames.push({ t: t[i]!, poses: f });
  }
  return frames;
}

/** Remove temp files a cancelled or crashed run left behind. */
export function removeStaleTemps(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir))
    if (/^pose\..*\.slpose\..*\.tmp$/.test(name)) rmSync(join(dir, name), { force: true });
}

export function writePoseStore(dir: string, candidates: PoseCandidates, pick: Pick | null = null): string {
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const file = poseStoreFile(dir, candidates.model);
  replaceFileDurably(file, poseStoreBytes(candidates, pick));
  return file;
}

/**
 * The store's bytes for these results (header, body, trailer): also what the steady window's
 * provisional result carries inside its own file (analysis/window-result.ts).
 */
export function poseStoreBytes(candidates: PoseCandidates, pick: Pick | null = null): Buffer {
  const { body, poses } = encodeBody(candidates.frames);
  const header: Header = {
    format: 1,
    source: candidates.source,
    model: candidates.model,
    numPoses: candidates.numPoses,
    frames: candidates.frames.length,
    poses,
    scales: [...SCALES],
    pick,
    createdAt: new Date().toISOString(),
    bodyBytes: body.length,
    bodyCrc32: crc32(body),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  return Buffer.concat([MAGIC, len, json, body, TRAILER]);
}

/**
 * Read stored results, or null when there are none or they are incomplete/damaged (then the caller
 * runs detection again; a damaged file is never trusted).
 */
export function readPoseStore(dir: string, model: PoseModelName): StoredPose | null {
  const file = poseStoreFile(dir, model);
  if (!existsSync(file)) return null;
  try {
    return parsePoseStore(readFileSync(file));
  } catch {
    return null;
  }
}

/** Results from the store's bytes, or null when they are incomplete or damaged. */
export function parsePoseStore(b: Buffer): StoredPose | null {
  try {
    if (!b.subarray(0, 8).equals(MAGIC) || !b.subarray(b.length - 8).equals(TRAILER)) return null;
    const hlen = b.readUInt32LE(8);
    const header = HeaderSchema.parse(JSON.parse(b.toString('utf8', 12, 12 + hlen)));
    const body = b.subarray(12 + hlen, b.length - 8);
    if (body.length !== header.bodyBytes || crc32(body) !== header.bodyCrc32) return null;
    const frames = decodeBody(body, header.frames, header.poses);
    return {
      candidates: { source: header.source, model: header.model, numPoses: header.numPoses, frames },
      pick: header.pick,
      createdAt: header.createdAt,
    };
  } catch {
    return null;
  }
}

/** Keep the user's choice of person with the results (rewrites the file atomically; no detection). */
export function updatePick(dir: string, model: PoseModelName, pick: Pick | null): void {
  const stored = readPoseStore(dir, model);
  if (!stored) throw new Error(`no complete pose results for the ${model} model in ${dir}`);
  writePoseStore(dir, stored.candidates, pick);
}

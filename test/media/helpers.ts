import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openLibrary, type Library } from '../../src-main/services/library/db';
import { createPatient } from '../../src-main/services/library/patients';
import { createSession } from '../../src-main/services/library/sessions';
import { ffmpegPath } from '../../src-main/services/media/binaries';

import { SHARED_MEDIA } from '../helpers/media';

export { SHARED_MEDIA };
export const clip = (name: string): string => join(process.env.STRIDELAB_TEST_MEDIA ?? SHARED_MEDIA, name);

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `stridelab-${prefix}-`));
}

export interface TestLibrary {
  readonly home: string;
  readonly library: Library;
  readonly patientId: string;
  readonly sessionId: string;
  close(): void;
}

/** A library with one patient and one session, in a new temp folder or at `home`. */
export async function tempLibrary(home: string = tempDir('lib')): Promise<TestLibrary> {
  const library = openLibrary(home);
  const patient = await createPatient(library.data, { name: 'Test Runner', sex: 'unspecified' });
  const session = await createSession(library.data, {
    patientId: patient.id,
    date: '2026-01-15',
    injurySide: 'none',
    treadmillSpeedsKmh: [10],
    treadmillInclinesPct: [],
  });
  return {
    home,
    library,
    patientId: patient.id,
    sessionId: session.id,
    close() {
      library.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const sha = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** Every table's rows (in primary-key order) as JSON: equal strings mean equal database content. */
export function dbDump(library: Library): string {
  const tables = library.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  const dump: Record<string, unknown> = { user_version: library.db.pragma('user_version', { simple: true }) };
  for (const { name } of tables) dump[name] = library.db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all();
  return JSON.stringify(dump);
}

/** Every file under `dir` with its SHA-256, sorted: equal strings mean a byte-identical tree. */
export function treeDump(dir: string): string {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out.push(`${relative(dir, p)}/`);
        walk(p);
      } else out.push(`${relative(dir, p)} ${statSync(p).size} ${sha(readFileSync(p))}`);
    }
  };
  walk(dir);
  return out.sort().join('\n');
}

/** The whole library as a comparable value: database rows, media tree, and tmp/ (no leftovers). */
export function libraryState(library: Library): { db: string; media: string; tmp: string } {
  return {
    db: sha(dbDump(library)),
    media: treeDump(library.paths.mediaDir),
    tmp: treeDump(library.paths.tmpDir),
  };
}

/** Run the bundled ffmpeg to make a fixture (argument vector, no shell). */
export function ffmpeg(args: string[]): void {
  execFileSync(ffmpegPath(), ['-v', 'error', '-nostdin', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** A short synthetic clip (moving test pattern), `frames` frames at `rate`. */
export function syntheticClip(
  out: string,
  opts: { frames: number; rate?: string; size?: string; extra?: string[] },
): string {
  ffmpeg([
    ...['-f', 'lavfi', '-i', `testsrc=size=${opts.size ?? '320x240'}:rate=${opts.rate ?? '30'}`],
    ...[
      '-frames:v',
      String(opts.frames),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '10',
      '-pix_fmt',
      'yuv420p',
    ],
    ...(opts.extra ?? []),
    out,
  ]);
  return out;
}

/**
 * A phone clip as phones store it: the picture turned on the sensor's axes, plus the display matrix
 * (the MP4/QuickTime `tkhd` matrix) that tells players to turn it back; `turn` is how a player must
 * turn the stored picture, clockwise. Written byte for byte as an iPhone writes it (portrait: 90),
 * because the bundled ffmpeg's `-metadata:s:v rotate=N` writes the matrix for the opposite turn.
 * `upright` must be a clip without audio (one `tkhd` in the MP4/MOV written); the stored copy is
 * lossless by default (x264 -qp 0), so a correct reader gives back exactly the upright clip's pixels.
 */
export function phoneRotated(
  upright: string,
  out: string,
  turn: 90 | 180 | 270,
  encoder: string[] = ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0'],
): string {
  // The stored picture is the upright one turned the other way.
  const store = { 90: 'transpose=cclock', 180: 'hflip,vflip', 270: 'transpose=clock' }[turn];
  ffmpeg(['-i', upright, '-vf', store, ...encoder, out]);
  const bytes = readFileSync(out);
  const tkhd = bytes.indexOf('tkhd', 0, 'latin1');
  const at = tkhd + (bytes[tkhd + 4] === 1 ? 56 : 44);
  const w = bytes.readUInt32BE(at + 36) >>> 16; // tkhd width and height (16.16), after the matrix
  const h = bytes.readUInt32BE(at + 40) >>> 16;
  // QuickTime matrix [a b u; c d v; tx ty w]: x' = a·x + c·y + tx, y' = b·x + d·y + ty (16.16; w 2.30).
  const m = { 90: [0, 1, -1, 0, h, 0], 180: [-1, 0, 0, -1, w, h], 270: [0, -1, 1, 0, 0, w] }[turn];
  const [a, b, c, d, tx, ty] = m.map((v) => v * 0x10000);
  [a, b, 0, c, d, 0, tx, ty, 0x40000000].forEach((v, i) => bytes.writeInt32BE(v!, at + 4 * i));
  writeFileSync(out, bytes);
  return out;
}

/**
 * A variable-rate phone clip: `source`'s frames (looped as needed) to `frames` frames, frame n at
 * n/30 s + 8 ms·sin(2.1 n) (a phone's capture jitter, ±8 ms), on the 90 kHz clock Android writes
 * and with that clock declared in the header (so ffprobe guesses a rate of 50 or 90000 fps).
 * Returns each frame's true time, seconds.
 */
export function jitteredClip(source: string, out: string, frames: number): number[] {
  ffmpeg([
    ...['-stream_loop', '-1', '-i', source, '-frames:v', String(frames)],
    ...['-vf', "settb=1/90000,setpts='(N/30+0.008*sin(2.1*N))/TB'"],
    ...['-vsync', 'passthrough', '-enc_time_base', '1/90000', '-video_track_timescale', '90000'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', out],
  ]);
  return Array.from({ length: frames }, (_, i) => i / 30 + 0.008 * Math.sin(2.1 * i));
}

import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ServiceError } from '../errors';

/**
 * Where the copied bytes go. The default writes a file; tests inject a sink that fails like a full
 * disk would (ENOSPC) to check that a failed copy leaves nothing behind.
 */
export interface Sink {
  write(chunk: Uint8Array): Promise<void>;
  /** Flush to the disk (fsync) before the file is renamed into place. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export type SinkFactory = (path: string) => Promise<Sink>;

export const fileSink: SinkFactory = async (path) => {
  const fh = await open(path, 'wx');
  return {
    async write(chunk) {
      let offset = 0;
      while (offset < chunk.length)
        offset += (await fh.write(chunk, offset, chunk.length - offset)).bytesWritten;
    },
    sync: () => fh.sync(),
    close: () => fh.close(),
  };
};

export interface CopyOptions {
  readonly signal?: AbortSignal;
  readonly sink?: SinkFactory;
  readonly onProgress?: (copied: number, total: number) => void;
  /** Test hook, called after each chunk: lets a test pull the file away mid-copy. */
  readonly afterChunk?: (copied: number) => Promise<void> | void;
}

const CHUNK = 1 << 20;

/** A file-system error in words a PT can act on, naming the file. */
export function fsMessage(err: unknown, name: string, doing: string): ServiceError {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new ServiceError(
        'io',
        `The disk is full: ${name} could not be ${doing}. Free some space and try again; nothing was imported.`,
      );
    case 'ENOENT':
      return new ServiceError(
        'not-found',
        `${name} is no longer there (moved, deleted, or its drive was unplugged). Nothing was imported.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new ServiceError('io', `StrideLab is not allowed to read ${name}. Check its permissions.`);
    case 'EISDIR':
      return new ServiceError('invalid-input', `${name} is a folder, not a video file.`);
    case 'EIO':
      return new ServiceError(
        'io',
        `The drive holding ${name} failed while it was being ${doing} (read error). Check the cable or card and try again.`,
      );
    case 'EROFS':
      return new ServiceError(
        'io',
        `${name} could not be ${doing}: the library is on a read-only drive. Move the library to a drive StrideLab can write to.`,
      );
    case 'ELOOP':
      return new ServiceError(
        'invalid-input',
        `${name} is a shortcut (symbolic link) that leads back to itself. Choose the video file itself.`,
      );
    default:
      return new ServiceError(
        'io',
        `${name} could not be ${doing} (the operating system refused). Try again; if it keeps happening, restart the computer.`,
      );
  }
}

/**
 * The user's file, checked before anything reads it: it exists (a path that never existed is not
 * "no longer there"), it is a file and not a folder, a device or a link loop, and it is not empty.
 */
async function sourceStat(src: string, name: string): Promise<Stats> {
  let st;
  try {
    st = await stat(src);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ServiceError(
        'not-found',
        `${name} does not exist. Check the file's name and folder (it may have been moved, renamed, or be on a drive that is not plugged in).`,
      );
    if (code === 'ELOOP')
      throw new ServiceError(
        'invalid-input',
        `${name} is a shortcut (symbolic link) that leads back to itself. Choose the video file itself.`,
      );
    throw fsMessage(err, name, 'read');
  }
  if (st.isDirectory()) throw new ServiceError('invalid-input', `${name} is a folder, not a video file.`);
  if (!st.isFile())
    throw new ServiceError(
      'invalid-input',
      `${name} is not a regular file (a device or a pipe). Choose the video file.`,
    );
  if (st.size === 0)
    throw new ServiceError(
      'invalid-input',
      `${name} is empty (0 bytes): the recording was not saved. Record or copy it again.`,
    );
  return st;
}

/** `src` when it can be read as a clip; a plain refusal otherwise (see sourceStat). */
export async function readableSource(src: string, name: string): Promise<string> {
  await sourceStat(src, name);
  return src;
}

/**
 * Copy `src` to `dest` (which must not exist), hashing the bytes as they pass (SHA-256, so the
 * checksum is of exactly what was written), then fsync. The source is checked before and after:
 * a file that shrank, grew, or disappeared during the copy is refused rather than half-imported.
 */
export async function copyWithHash(
  src: string,
  dest: string,
  name: string,
  options: CopyOptions = {},
): Promise<{ sha256: string; size: number }> {
  const before = await sourceStat(src, name);
  const hash = createHash('sha256');
  let copied = 0;
  let input;
  try {
    input = await open(src, 'r');
  } catch (err) {
    throw fsMessage(err, name, 'read');
  }
  let sink: Sink | undefined;
  try {
    try {
      sink = await (options.sink ?? fileSink)(dest);
    } catch (err) {
      throw fsMessage(err, name, 'copied into the library');
    }
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      if (options.signal?.aborted) throw new ServiceError('cancelled', 'Import cancelled.');
      let n: number;
      try {
        n = (await input.read(buf, 0, CHUNK, copied)).bytesRead;
      } catch (err) {
        throw fsMessage(err, name, 'read');
      }
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      try {
        await sink.write(chunk);
      } catch (err) {
        throw fsMessage(err, name, 'copied into the library');
      }
      copied += n;
      options.onProgress?.(copied, before.size);
      await options.afterChunk?.(copied);
    }
    try {
      await sink.sync();
    } catch (err) {
      throw fsMessage(err, name, 'copied into the library');
    }
  } finally {
    await input.close().catch(() => undefined);
    await sink?.close().catch(() => undefined);
  }
  let after;
  try {
    after = await stat(src);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ServiceError(
        'not-found',
        `${name} disappeared while it was being copied (deleted, or its drive was unplugged). Nothing was imported.`,
      );
    }
    throw fsMessage(err, name, 'read');
  }
  if (copied !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
    throw new ServiceError(
      'io',
      `${name} changed while it was being copied (it is still being written, or the camera is still saving it). Wait until it is finished and import again.`,
    );
  }
  return { sha256: hash.digest('hex'), size: copied };
}

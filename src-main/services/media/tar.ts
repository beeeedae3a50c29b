import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { ServiceError } from '../errors';

/**
 * A minimal POSIX ustar (POSIX.1-1988 "ustar" interchange format) writer and reader, enough for
 * StrideLab's session archives and library backups, with no dependency: regular files only, ASCII
 * names up to 100 bytes, sizes below 8 GiB (11 octal digits). Any `tar` reads what we write
 * (`tar -tvf x.stridelab-backup`). Modification times are written as 0 so the same content gives
 * the same archive bytes.
 */
const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1;
const CHUNK = 1 << 20;

function header(name: string, size: number): Buffer {
  if (!/^[\x21-\x7e]{1,100}$/.test(name))
    throw new Error(`tar: unsupported entry name ${JSON.stringify(name)}`);
  if (size > MAX_SIZE)
    throw new ServiceError(
      'unsupported',
      `A file of ${size} bytes is too large for an archive entry (8 GiB at most).`,
    );
  const h = Buffer.alloc(BLOCK);
  const field = (value: string, at: number, len: number): void => void h.write(value, at, len, 'latin1');
  const octal = (n: number, at: number, len: number): void =>
    field(`${n.toString(8).padStart(len - 1, '0')}\0`, at, len);
  field(name, 0, 100);
  octal(0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(0, 136, 12);
  field('        ', 148, 8); // checksum counts its own field as spaces
  field('0', 156, 1);
  field('ustar\0', 257, 6);
  field('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  field(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

export class TarWriter {
  private position = 0;
  private constructor(private readonly fh: FileHandle) {}

  static async create(path: string): Promise<TarWriter> {
    return new TarWriter(await open(path, 'wx'));
  }

  private async put(buf: Uint8Array): Promise<void> {
    let off = 0;
    while (off < buf.length)
      off += (await this.fh.write(buf, off, buf.length - off, this.position + off)).bytesWritten;
    this.position += buf.length;
  }

  private async pad(size: number): Promise<void> {
    const rest = (BLOCK - (size % BLOCK)) % BLOCK;
    if (rest) await this.put(Buffer.alloc(rest));
  }

  async addBuffer(name: string, data: Uint8Array): Promise<void> {
    await this.put(header(name, data.length));
    await this.put(data);
    await this.pad(data.length);
  }

  /** Stream a file in; returns its SHA-256 as written. */
  async addFile(name: string, path: string, signal?: AbortSignal): Promise<string> {
    const src = await open(path, 'r');
    try {
      const { size } = await src.stat();
      await this.put(header(name, size));
      const hash = createHash('sha256');
      const buf = Buffer.alloc(CHUNK);
      let done = 0;
      while (done < size) {
        if (signal?.aborted) throw new ServiceError('cancelled', 'Cancelled.');
        const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, size - done), done);
        if (bytesRead === 0)
          throw new ServiceError('io', `A file changed while it was being archived (${name}).`);
        hash.update(buf.subarray(0, bytesRead));
        await this.put(buf.subarray(0, bytesRead));
        done += bytesRead;
      }
      await this.pad(size);
      return hash.digest('hex');
    } finally {
      await src.close();
    }
  }

  /** End-of-archive marker (two zero blocks), fsync, close. */
  async finish(): Promise<number> {
    await this.put(Buffer.alloc(BLOCK * 2));
    await this.fh.sync();
    await this.fh.close();
    return this.position;
  }

  async abandon(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

export interface TarEntry {
  readonly name: string;
  readonly size: number;
  /** Read the whole entry (small entries: manifests). */
  buffer(): Promise<Buffer>;
  /** Stream the entry into a new file; returns its SHA-256. */
  extractTo(path: string): Promise<string>;
}

/** Walk the entries of a tar file. `archiveName` names it in error messages. */
export async function* readTar(path: string, archiveName: string): AsyncGenerator<TarEntry> {
  const fh = await open(path, 'r');
  try {
    const { size: total } = await fh.stat();
    let at = 0;
    const bad = (why: string): ServiceError =>
      new ServiceError(
        'invalid-input',
        `"${archiveName}" is not a StrideLab archive or is damaged (${why}).`,
      );
    for (;;) {
      if (at + BLOCK > total) throw bad('it ends early');
      const h = Buffer.alloc(BLOCK);
      await fh.read(h, 0, BLOCK, at);
      if (h.every((b) => b === 0)) return;
      const text = (from: number, len: number): string =>
        h.toString('latin1', from, from + len).replace(/\0.*$/s, '');
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      if (parseInt(text(148, 8).trim(), 8) !== sum) throw bad('a header checksum is wrong');
      const name = text(0, 100);
      const size = parseInt(text(124, 12).trim() || '0', 8);
      const type = text(156, 1) || '0';
      if (!Number.isSafeInteger(size) || size < 0) throw bad('an entry size is wrong');
      const dataAt = at + BLOCK;
      if (dataAt + size > total) throw bad(`"${name}" is cut short`);
      at = dataAt + Math.ceil(size / BLOCK) * BLOCK;
      if (type !== '0') continue;
      yield {
        name,
        size,
        async buffer() {
          const b = Buffer.alloc(size);
          await fh.read(b, 0, size, dataAt);
          return b;
        },
        async extractTo(dest) {
          const out = await open(dest, 'wx');
          const hash = createHash('sha256');
          try {
            const buf = Buffer.alloc(CHUNK);
            for (let done = 0; done < size;) {
              const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, size - done), dataAt + done);
              const part = buf.subarray(0, bytesRead);
              hash.update(part);
              let off = 0;
              while (off < part.length) off += (await out.write(part, off, part.length - off)).bytesWritten;
              done += bytesRead;
            }
            await out.sync();
          } finally {
            await out.close();
          }
          return hash.digest('hex');
        },
      };
    }
  } finally {
    await fh.close();
  }
}

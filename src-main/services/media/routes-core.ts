import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { exportsDir } from './archive';
import { getRecordingRow, mediaPath, type MediaKind } from './recordings-db';
import { newToken, registerSource } from './sources';

/**
 * What the media routes do, independent of the transport: browser mode adapts it to node:http
 * (http-routes.ts), Electron to its `app://` protocol handler (fetch-routes.ts).
 *   POST /api/upload?name=<file name>     the file's bytes as the body → { uploadId }
 *   GET  /api/media/<recordingId>/<kind>  kind = proxy | original | thumb | timestamps, with Range
 *   GET  /api/exports/<file name>         a session archive written by sessions:export, or a gait
 *                                         report PDF or its data (report:exportPdf, report:exportData)
 * Only ids cross: a recording id is looked up and the file the database names is served, so no
 * request can reach any other file.
 */
export const MAX_UPLOAD_BYTES = 16 * 1024 ** 3;

const CONTENT_TYPE: Record<MediaKind, string> = {
  proxy: 'video/mp4',
  original: 'application/octet-stream',
  thumb: 'image/jpeg',
  timestamps: 'application/octet-stream',
};

/** A ServiceError with the HTTP status a route should answer with. */
export class RouteError extends ServiceError {
  constructor(
    readonly status: number,
    code: ServiceError['code'],
    message: string,
  ) {
    super(code, message);
  }
}

/** Parse one `Range: bytes=…` (RFC 9110 §14.1.2); undefined = whole file, null = unsatisfiable. */
export function parseRange(
  header: string | null | undefined,
  size: number,
): { start: number; end: number } | undefined | null {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined; // multi-range or junk: send the whole file
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return null;
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
}

export interface ServedFile {
  readonly file: string;
  readonly headers: Record<string, string>;
}

/** The file behind a GET /api/media/… or /api/exports/… path, or a RouteError. */
export async function resolveGet(library: Library, pathname: string): Promise<ServedFile> {
  const media = /^\/api\/media\/([\w-]{1,64})\/(proxy|original|thumb|timestamps)$/.exec(pathname);
  if (media) {
    const kind = media[2] as MediaKind;
    let row;
    try {
      row = await getRecordingRow(library.data, media[1]!, { includeDeleted: true });
    } catch (err) {
      throw new RouteError(404, 'not-found', (err as Error).message);
    }
    return {
      file: join(library.paths.mediaDir, mediaPath(row, kind)),
      headers: {
        'content-type': CONTENT_TYPE[kind],
        // A recording's files never change under the same id.
        'cache-control': 'private, max-age=31536000, immutable',
        'cross-origin-resource-policy': 'same-origin',
        ...(kind === 'original'
          ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(row.originalName)}` }
          : {}),
      },
    };
  }
  if (pathname.startsWith('/api/exports/')) {
    let fileName: string;
    try {
      fileName = decodeURIComponent(pathname.slice('/api/exports/'.length));
    } catch {
      throw new RouteError(400, 'invalid-input', 'Malformed address (a bad %-escape).');
    }
    if (/^[\w.-]{1,200}\.stridelab-session$/.test(fileName)) {
      return {
        file: join(exportsDir(library), fileName),
        headers: {
          'content-type': 'application/x-tar',
          'content-disposition': `attachment; filename="${fileName}"`,
          'cache-control': 'no-store',
        },
      };
    }
    // Gait reports and their data, written by report:exportPdf / report:exportData
    // (src-main/services/report/handlers.ts).
    const report =
      /^[\w.-]{1,200}-gait-(report\.pdf|analysis\.json|steps\.csv|summary\.csv|annotated-[\w-]+\.mp4)$/.exec(
        fileName,
      );
    if (report) {
      const type = report[1]!.endsWith('.pdf')
        ? 'application/pdf'
        : report[1]!.endsWith('.json')
          ? 'application/json'
          : report[1]!.endsWith('.mp4')
            ? 'video/mp4'
            : 'text/csv; charset=utf-8';
      return {
        file: join(exportsDir(library), fileName),
        headers: {
          'content-type': type,
          'content-disposition': `${type === 'application/pdf' ? 'inline' : 'attachment'}; filename="${fileName}"`,
          'cache-control': 'no-store',
        },
      };
    }
  }
  throw new RouteError(404, 'not-found', `No media at ${pathname}.`);
}

export function safeUploadName(raw: string | null): string {
  const name = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 255);
  return name || 'upload';
}

/** Stream an upload body into the library's tmp/, size-limited; register it as an import source. */
export async function storeUpload(
  library: Library,
  rawName: string | null,
  declaredLength: number,
  body: AsyncIterable<Uint8Array>,
): Promise<{ uploadId: string; name: string; sizeBytes: number }> {
  const name = safeUploadName(rawName);
  if (declaredLength > MAX_UPLOAD_BYTES) {
    throw new RouteError(
      413,
      'invalid-input',
      `"${name}" is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB; StrideLab does not take clips that large.`,
    );
  }
  const path = join(library.paths.tmpDir, `upload-${newToken()}.part`);
  let received = 0;
  try {
    await pipeline(
      Readable.from(body),
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          received += chunk.length;
          if (received > MAX_UPLOAD_BYTES)
            throw new RouteError(413, 'invalid-input', `"${name}" is too large to import.`);
          yield chunk;
        }
      },
      createWriteStream(path, { flags: 'wx' }),
    );
  } catch (err) {
    await unlink(path).catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new RouteError(
        507,
        'io',
        `The disk is full: "${name}" could not be received. Free some space and try again.`,
      );
    }
    if (err instanceof RouteError) throw err;
    throw new RouteError(400, 'io', `The upload of "${name}" was interrupted. Try again.`);
  }
  if (received === 0) {
    await unlink(path).catch(() => undefined);
    throw new RouteError(
      400,
      'invalid-input',
      `"${name}" is empty (0 bytes): the recording was not saved. Record or copy it again.`,
    );
  }
  return {
    uploadId: registerSource({ path, name, sizeBytes: received, kind: 'upload' }),
    name,
    sizeBytes: received,
  };
}

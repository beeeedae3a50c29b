import { createReadStream, createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Library } from '../library/db';
import { ServiceError } from '../errors';
import { toWireError } from '../errors';
import { exportsDir } from './archive';
import { getRecordingRow, mediaPath, type MediaKind } from './recordings-db';
import { newToken, registerSource, sweepTmp } from './sources';

/**
 * Browser-mode routes for media, added to the local server (which has already checked the token,
 * Host and Origin of every /api request):
 *   POST /api/upload?name=<file name>     the file's bytes as the body → { uploadId }
 *   GET  /api/media/<recordingId>/<kind>  kind = proxy | original | thumb | timestamps, with Range
 *   GET  /api/exports/<file name>         a session archive written by sessions:export
 * Only ids cross: the route looks the recording up and serves the file the database names, so no
 * request can reach any other file.
 */
export const MAX_UPLOAD_BYTES = 16 * 1024 ** 3;

const CONTENT_TYPE: Record<MediaKind, string> = {
  proxy: 'video/mp4',
  original: 'application/octet-stream',
  thumb: 'image/jpeg',
  timestamps: 'application/octet-stream',
};

interface RouteHost {
  addRoute(
    prefix: string,
    handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>,
  ): void;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}
const sendError = (res: ServerResponse, status: number, err: unknown): void =>
  sendJson(res, status, { ok: false, error: toWireError(err) });

/** Parse one `Range: bytes=…` (RFC 9110 §14.1.2); undefined = whole file, null = unsatisfiable. */
export function parseRange(
  header: string | undefined,
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

/** Serve a file with Range support; shared by the media and export routes. */
export async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
): Promise<void> {
  const { size } = await stat(file);
  const range = parseRange(req.headers.range, size);
  const base = { ...headers, 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff' };
  if (range === null) {
    res.writeHead(416, { ...base, 'content-range': `bytes */${size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...base,
    'content-length': String(size === 0 ? 0 : end - start + 1),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(file, { start, end }), res).catch(() => undefined);
}

function safeName(raw: string | null): string {
  const name = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 255);
  return name || 'upload';
}

export function registerMediaRoutes(server: RouteHost, library: Library): void {
  void sweepTmp(library.paths.tmpDir);

  server.addRoute('/api/upload', async (req, res, url) => {
    if (req.method !== 'POST')
      return sendJson(res, 405, {
        ok: false,
        error: { code: 'invalid-input', message: 'Upload with POST.' },
      });
    const name = safeName(url.searchParams.get('name'));
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > MAX_UPLOAD_BYTES) {
      req.resume();
      return sendError(
        res,
        413,
        new ServiceError(
          'invalid-input',
          `"${name}" is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB; StrideLab does not take clips that large.`,
        ),
      );
    }
    const path = join(library.paths.tmpDir, `upload-${newToken()}.part`);
    let received = 0;
    try {
      await pipeline(
        req,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            received += chunk.length;
            if (received > MAX_UPLOAD_BYTES)
              throw new ServiceError('invalid-input', `"${name}" is too large to import.`);
            yield chunk;
          }
        },
        createWriteStream(path, { flags: 'wx' }),
      );
    } catch (err) {
      await unlink(path).catch(() => undefined);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC')
        return sendError(
          res,
          507,
          new ServiceError(
            'io',
            `The disk is full: "${name}" could not be received. Free some space and try again.`,
          ),
        );
      return sendError(
        res,
        400,
        err instanceof ServiceError
          ? err
          : new ServiceError('io', `The upload of "${name}" was interrupted. Try again.`),
      );
    }
    if (received === 0) {
      await unlink(path).catch(() => undefined);
      return sendError(
        res,
        400,
        new ServiceError(
          'invalid-input',
          `"${name}" is empty (0 bytes): the recording was not saved. Record or copy it again.`,
        ),
      );
    }
    const uploadId = registerSource({ path, name, sizeBytes: received, kind: 'upload' });
    sendJson(res, 200, { ok: true, result: { uploadId, name, sizeBytes: received } });
  });

  server.addRoute('/api/media/', async (req, res, url) => {
    const m = /^\/api\/media\/([\w-]{1,64})\/(proxy|original|thumb|timestamps)$/.exec(url.pathname);
    if (!m || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendError(res, 404, new ServiceError('not-found', `No media at ${url.pathname}.`));
    }
    const kind = m[2] as MediaKind;
    let file: string;
    let name: string;
    try {
      const row = getRecordingRow(library.db, m[1]!, { includeDeleted: true });
      file = join(library.paths.mediaDir, mediaPath(row, kind));
      name = row.original_name;
    } catch (err) {
      return sendError(res, 404, err);
    }
    await serveFile(req, res, file, {
      'content-type': CONTENT_TYPE[kind],
      // A recording's files never change under the same id.
      'cache-control': 'private, max-age=31536000, immutable',
      ...(kind === 'original'
        ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` }
        : {}),
      'cross-origin-resource-policy': 'same-origin',
    }).catch((err: unknown) =>
      sendError(
        res,
        404,
        new ServiceError(
          'not-found',
          `The ${kind} file of this recording is missing (${(err as Error).message}).`,
        ),
      ),
    );
  });

  server.addRoute('/api/exports/', async (req, res, url) => {
    const fileName = decodeURIComponent(url.pathname.slice('/api/exports/'.length));
    if (!/^[\w.-]{1,200}\.stridelab-session$/.test(fileName) || req.method !== 'GET') {
      return sendError(res, 404, new ServiceError('not-found', 'No such export.'));
    }
    await serveFile(req, res, join(exportsDir(library), fileName), {
      'content-type': 'application/x-tar',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    }).catch((err: unknown) =>
      sendError(res, 404, new ServiceError('not-found', `No such export (${(err as Error).message}).`)),
    );
  });
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { toWireError } from '../errors';
import type { Library } from '../library/db';
import { parseRange, resolveGet, RouteError, storeUpload, type ServedFile } from './routes-core';
import { sweepTmp } from './sources';

/** Browser mode: the media routes (routes-core.ts) on the local node:http server. */
interface RouteHost {
  addRoute(
    prefix: string,
    handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>,
  ): void;
}

function sendError(res: ServerResponse, err: unknown): void {
  const status = err instanceof RouteError ? err.status : 500;
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify({ ok: false, error: toWireError(err) }));
}

async function serveFile(req: IncomingMessage, res: ServerResponse, served: ServedFile): Promise<void> {
  let size: number;
  try {
    size = (await stat(served.file)).size;
  } catch {
    sendError(res, new RouteError(404, 'not-found', 'That file is missing from the library.'));
    return;
  }
  const range = parseRange(req.headers.range, size);
  const base = { ...served.headers, 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff' };
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
  await pipeline(createReadStream(served.file, { start, end }), res).catch(() => undefined);
}

export function registerMediaRoutes(server: RouteHost, library: Library): void {
  void sweepTmp(library.paths.tmpDir);

  server.addRoute('/api/upload', async (req, res, url) => {
    if (req.method !== 'POST')
      return sendError(res, new RouteError(405, 'invalid-input', 'Upload with POST.'));
    try {
      const result = await storeUpload(
        library,
        url.searchParams.get('name'),
        Number(req.headers['content-length'] ?? NaN),
        req,
      );
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ ok: true, result }));
    } catch (err) {
      req.resume();
      sendError(res, err);
    }
  });

  const get = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, new RouteError(405, 'invalid-input', 'Use GET.'));
    let served: ServedFile;
    try {
      served = resolveGet(library, url.pathname);
    } catch (err) {
      return sendError(res, err);
    }
    await serveFile(req, res, served);
  };
  server.addRoute('/api/media/', get);
  server.addRoute('/api/exports/', get);
}

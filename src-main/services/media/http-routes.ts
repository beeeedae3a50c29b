import type { IncomingMessage, ServerResponse } from 'node:http';
import { toWireError } from '../errors';
import type { Library } from '../library/db';
import { fileResponse, sendResponse } from './file-response';
import { resolveGet, RouteError, storeUpload, type ServedFile } from './routes-core';

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
  const response = await fileResponse(
    { method: req.method, range: req.headers.range },
    served.file,
    served.headers,
  );
  if (!response)
    return sendError(res, new RouteError(404, 'not-found', 'That file is missing from the library.'));
  await sendResponse(res, response);
}

export function registerMediaRoutes(server: RouteHost, library: Library): void {
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
      served = await resolveGet(library, url.pathname);
    } catch (err) {
      return sendError(res, err);
    }
    await serveFile(req, res, served);
  };
  server.addRoute('/api/media/', get);
  server.addRoute('/api/exports/', get);
}

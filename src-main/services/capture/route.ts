import { sendResponse } from '../media/file-response';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError, toWireError } from '../errors';
import {
  CAPTURE_CHUNK_PATH,
  CAPTURE_ROUTE_PREFIX,
  LIVE_POSE_MODEL_PATH,
  liveModelResponse,
  parseChunkAddress,
} from './routes-core';
import { appendChunk, MAX_CHUNK_BYTES } from './store';

/**
 * Browser mode's capture routes (routes-core.ts) on the local HTTP server, which has already
 * checked the token, Host and Origin. Answers in the contract's wire shape.
 */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_CHUNK_BYTES)
      throw new ServiceError('invalid-input', 'A recorded chunk is larger than 64 MB.');
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function captureRoute() {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      if (req.method === 'GET' && url.pathname === LIVE_POSE_MODEL_PATH)
        return await sendResponse(
          res,
          await liveModelResponse({ method: req.method, range: req.headers.range }),
        );
      if (req.method !== 'POST' || url.pathname !== CAPTURE_CHUNK_PATH)
        throw new ServiceError('not-found', `No route ${req.method ?? ''} ${url.pathname}.`);
      const at = parseChunkAddress(url);
      const body = await readBody(req);
      reply(res, 200, {
        ok: true,
        result: await appendChunk(at.takeId, at.view, at.seq, body, at.startOffsetMs),
      });
    } catch (err) {
      const wire = toWireError(err);
      reply(res, wire.code === 'not-found' && !res.headersSent ? 404 : 200, { ok: false, error: wire });
    }
  };
}

/**
 * Browser mode's part of capture: the routes, and recovery of takes a crash left behind, run once
 * when the app starts (in the background: the PT can work while it imports).
 */
export function startCaptureInBrowserMode(
  server: { addRoute(prefix: string, handler: ReturnType<typeof captureRoute>): void },
  services: { dispatch(channel: string, input: unknown): Promise<unknown> },
): void {
  server.addRoute(CAPTURE_ROUTE_PREFIX, captureRoute());
  void services.dispatch('capture:recover', {});
}

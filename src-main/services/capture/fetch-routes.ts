import { fromFetch } from '../media/file-response';
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
 * Electron: the capture routes (routes-core.ts) for the app:// protocol handler, in fetch terms
 * (Request → Response), so the renderer uses the same URLs in both shells. Returns undefined for
 * paths that are not capture routes.
 */
const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

export async function handleCaptureFetch(request: Request): Promise<Response | undefined> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(CAPTURE_ROUTE_PREFIX)) return undefined;
  try {
    if (request.method === 'GET' && url.pathname === LIVE_POSE_MODEL_PATH)
      return await liveModelResponse(fromFetch(request));
    if (request.method !== 'POST' || url.pathname !== CAPTURE_CHUNK_PATH)
      throw new ServiceError('not-found', `No route ${request.method} ${url.pathname}.`);
    const at = parseChunkAddress(url);
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > MAX_CHUNK_BYTES)
      throw new ServiceError('invalid-input', 'A recorded chunk is larger than 64 MB.');
    return json(200, {
      ok: true,
      result: await appendChunk(at.takeId, at.view, at.seq, body, at.startOffsetMs),
    });
  } catch (err) {
    const wire = toWireError(err);
    return json(wire.code === 'not-found' ? 404 : 200, { ok: false, error: wire });
  }
}

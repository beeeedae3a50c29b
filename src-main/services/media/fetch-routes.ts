import { Readable } from 'node:stream';
import { toWireError } from '../errors';
import type { Library } from '../library/db';
import { fileResponse, fromFetch } from './file-response';
import { resolveGet, RouteError, storeUpload } from './routes-core';

/**
 * Electron: the same media routes for the `app://stridelab/api/…` protocol handler, in fetch terms
 * (Request → Response). The renderer's URLs are the same in both shells; only ids cross.
 * Returns undefined for paths that are not media routes.
 */
const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
const fail = (err: unknown): Response =>
  json(err instanceof RouteError ? err.status : 500, { ok: false, error: toWireError(err) });

export async function handleMediaFetch(library: Library, request: Request): Promise<Response | undefined> {
  const url = new URL(request.url);
  if (url.pathname === '/api/upload') {
    if (request.method !== 'POST' || !request.body)
      return fail(new RouteError(405, 'invalid-input', 'Upload with POST.'));
    try {
      const declared = Number(request.headers.get('content-length') ?? NaN);
      const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>);
      return json(200, {
        ok: true,
        result: await storeUpload(library, url.searchParams.get('name'), declared, body),
      });
    } catch (err) {
      return fail(err);
    }
  }
  if (!url.pathname.startsWith('/api/media/') && !url.pathname.startsWith('/api/exports/')) return undefined;
  try {
    const served = await resolveGet(library, url.pathname);
    return (
      (await fileResponse(fromFetch(request), served.file, served.headers)) ??
      fail(new RouteError(404, 'not-found', 'That file is missing from the library.'))
    );
  } catch (err) {
    return fail(err);
  }
}

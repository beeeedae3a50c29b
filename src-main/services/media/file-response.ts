import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { parseRange } from './routes-core';

/** What a file response depends on in the request: a fetch Request, or the same from node:http. */
export interface FileRequest {
  readonly method?: string;
  readonly range?: string | null;
}
export const fromFetch = (r: Request): FileRequest => ({ method: r.method, range: r.headers.get('range') });

/**
 * A file as a fetch Response, honouring one `Range: bytes=a-b` as media elements and mediabunny ask
 * for (RFC 9110 §14): Electron's protocol handler, the media routes of both shells and the pose
 * engine's routes in both hosts (node:http writes it back with sendResponse). Undefined when `file`
 * is not a readable regular file, so each caller words its own 404.
 */
export async function fileResponse(
  request: FileRequest,
  file: string,
  headers: Record<string, string>,
): Promise<Response | undefined> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) return undefined;
    size = st.size;
  } catch {
    return undefined;
  }
  const range = parseRange(request.range, size);
  const base = { ...headers, 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff' };
  if (range === null)
    return new Response(null, { status: 416, headers: { ...base, 'content-range': `bytes */${size}` } });
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const body =
    request.method === 'HEAD' || size === 0
      ? null
      : (Readable.toWeb(createReadStream(file, { start, end })) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, {
    status: range ? 206 : 200,
    headers: {
      ...base,
      'content-length': String(size === 0 ? 0 : end - start + 1),
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    },
  });
}

/** Write a fetch Response to a node:http response, streaming the body. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res).catch(
    () => undefined,
  );
}

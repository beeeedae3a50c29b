import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parseRange } from './routes-core';

/**
 * A file as a fetch Response (Request → Response: Electron's protocol handler, and the pose engine's
 * routes in both hosts), honouring one `Range: bytes=a-b` as media elements and mediabunny ask for
 * (RFC 9110 §14). Undefined when `file` is not a readable regular file, so each caller words its
 * own 404.
 */
export async function fileResponse(
  request: Request,
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
  const range = parseRange(request.headers.get('range'), size);
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

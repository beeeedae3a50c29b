import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { VIEWS, type View } from '../../../src-shared/contract/recordings';
import { ServiceError, toWireError } from '../errors';
import { defaultModelDir, modelFile } from '../pose/paths';
import { appendChunk, MAX_CHUNK_BYTES } from './store';

/**
 * Browser mode's capture routes: the lite pose model for the live skeleton (GET
 * /api/capture/pose-model.task), and the chunk route: `POST /api/capture/chunk?take=<id>&view=side&seq=<n>[&startOffsetMs=<ms>]`
 * with the chunk's raw bytes as the body (no base64: a second of 1080p60 is a few MB). The HTTP
 * server has already checked the token, Host and Origin. Answers in the contract's wire shape.
 */
export const CAPTURE_CHUNK_PATH = '/api/capture/chunk';

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

/** The lite pose model for the live skeleton (the same file the pose engine runs). */
export const LIVE_POSE_MODEL_PATH = '/api/capture/pose-model.task';

function sendModel(res: ServerResponse): void {
  const file = join(defaultModelDir(), modelFile('lite'));
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    reply(res, 404, {
      ok: false,
      error: { code: 'not-found', message: 'The pose model is missing; reinstall StrideLab.' },
    });
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(res);
}

export function captureChunkRoute() {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method === 'GET' && url.pathname === LIVE_POSE_MODEL_PATH) {
      sendModel(res);
      return;
    }
    try {
      if (req.method !== 'POST' || url.pathname !== CAPTURE_CHUNK_PATH)
        throw new ServiceError('not-found', `No route ${req.method ?? ''} ${url.pathname}.`);
      const takeId = url.searchParams.get('take') ?? '';
      const view = url.searchParams.get('view') ?? '';
      const seq = Number(url.searchParams.get('seq'));
      const offset = url.searchParams.get('startOffsetMs');
      if (!/^[A-Za-z0-9_-]{8,64}$/.test(takeId))
        throw new ServiceError('invalid-input', 'take: is not a valid take id.', 'take');
      if (!(VIEWS as readonly string[]).includes(view))
        throw new ServiceError('invalid-input', 'view: must be side or rear.', 'view');
      if (!Number.isInteger(seq) || seq < 0)
        throw new ServiceError('invalid-input', 'seq: must be a whole number from 0.', 'seq');
      const startOffsetMs = offset === null ? undefined : Number(offset);
      if (startOffsetMs !== undefined && !Number.isFinite(startOffsetMs))
        throw new ServiceError('invalid-input', 'startOffsetMs: must be a number.', 'startOffsetMs');
      const body = await readBody(req);
      reply(res, 200, {
        ok: true,
        result: await appendChunk(takeId, view as View, seq, body, startOffsetMs),
      });
    } catch (err) {
      reply(res, 200, { ok: false, error: toWireError(err) });
    }
  };
}

/**
 * Browser mode's part of capture: the chunk route, and recovery of takes a crash left behind, run
 * once when the app starts (in the background: the PT can work while it imports).
 */
export function startCaptureInBrowserMode(
  server: { addRoute(prefix: string, handler: ReturnType<typeof captureChunkRoute>): void },
  services: { dispatch(channel: string, input: unknown): Promise<unknown> },
): void {
  server.addRoute('/api/capture/', captureChunkRoute());
  void services.dispatch('capture:recover', {});
}

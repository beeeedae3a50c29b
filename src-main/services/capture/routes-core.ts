import { join } from 'node:path';
import { VIEWS, type View } from '../../../src-shared/contract/recordings';
import { ServiceError } from '../errors';
import { fileResponse, type FileRequest } from '../media/file-response';
import { defaultModelDir, modelFile } from '../pose/paths';

/**
 * The capture routes, independent of the transport (browser mode's HTTP server in route.ts, the
 * Electron app:// protocol in fetch-routes.ts):
 *   GET  /api/capture/pose-model.task   the lite pose model for the live skeleton
 *   POST /api/capture/chunk?take=<id>&view=side|rear&seq=<n>[&startOffsetMs=<ms>]   raw chunk bytes
 * Raw bytes, not base64 in a JSON call: a second of 1080p60 is a few MB.
 */
export const CAPTURE_ROUTE_PREFIX = '/api/capture/';
export const CAPTURE_CHUNK_PATH = '/api/capture/chunk';
export const LIVE_POSE_MODEL_PATH = '/api/capture/pose-model.task';

export interface ChunkAddress {
  readonly takeId: string;
  readonly view: View;
  readonly seq: number;
  readonly startOffsetMs?: number;
}

export function parseChunkAddress(url: URL): ChunkAddress {
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
  return { takeId, view: view as View, seq, ...(startOffsetMs !== undefined ? { startOffsetMs } : {}) };
}

/** The lite model file and its size; a missing model is a broken install. */
/** The live model as a response (the shared file responder: HEAD and Range too), in both shells. */
export async function liveModelResponse(request: FileRequest): Promise<Response> {
  const response = await fileResponse(request, join(defaultModelDir(), modelFile('lite')), {
    'content-type': 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  if (!response) throw new ServiceError('not-found', 'The pose model is missing; reinstall StrideLab.');
  return response;
}

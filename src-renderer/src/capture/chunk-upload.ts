/**
 * Sends one recorded chunk to main. Browser mode: raw bytes to the chunk route (base64 through a
 * JSON call would cost a third more and a copy). Electron: the `capture:chunk` call. A chunk that
 * failed to send is retried (the server acknowledges a repeat without writing it twice), because
 * a missing chunk breaks the clip from that second on.
 */
import type { CaptureClip } from '../../../src-shared/contract/capture';
import type { WireResult } from '../../../src-shared/contract';
import { api } from '../api/client';
import { transport } from '../api/transport';

const RETRIES = 3;

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function sendOnce(
  takeId: string,
  view: CaptureClip['view'],
  seq: number,
  blob: Blob,
  startOffsetMs: number | undefined,
): Promise<void> {
  if (transport.kind === 'electron') {
    await api('capture:chunk', { takeId, view, seq, data: await blobToBase64(blob), startOffsetMs });
    return;
  }
  const query = new URLSearchParams({ take: takeId, view, seq: String(seq) });
  if (startOffsetMs !== undefined) query.set('startOffsetMs', startOffsetMs.toFixed(3));
  const res = await fetch(transport.apiUrl(`/api/capture/chunk?${query.toString()}`), {
    method: 'POST',
    body: blob,
  });
  const answer = (await res.json()) as WireResult<unknown>;
  if (!answer.ok) throw new Error(answer.error.message);
}

export async function sendChunk(
  takeId: string,
  view: CaptureClip['view'],
  seq: number,
  blob: Blob,
  startOffsetMs?: number,
): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    try {
      await sendOnce(takeId, view, seq, blob, startOffsetMs);
      return;
    } catch (err) {
      last = err;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

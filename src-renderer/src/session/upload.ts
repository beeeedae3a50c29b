/**
 * Browser mode cannot know a file's path, so a dropped or picked file is streamed to main
 * (`POST /api/upload`, into the library's tmp/) and imported by the upload id main returns.
 * XMLHttpRequest rather than fetch: only it reports upload progress.
 */
import type { WireError } from '../../../src-shared/contract';
import { ApiError } from '../api/client';
import { transport } from '../api/transport';

export interface Uploaded {
  readonly uploadId: string;
  readonly name: string;
  readonly sizeBytes: number;
}

export function uploadFile(
  file: File,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', transport.apiUrl(`/api/upload?name=${encodeURIComponent(file.name)}`));
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = xhr.response as { ok: boolean; result?: Uploaded; error?: WireError } | null;
      if (body?.ok && body.result) resolve(body.result);
      else
        reject(
          new ApiError(
            body?.error ?? {
              code: 'io',
              message: `The upload of "${file.name}" failed (HTTP ${xhr.status}).`,
            },
          ),
        );
    };
    xhr.onerror = () =>
      reject(new ApiError({ code: 'io', message: `The upload of "${file.name}" was interrupted.` }));
    xhr.onabort = () => reject(new ApiError({ code: 'cancelled', message: 'Import cancelled.' }));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

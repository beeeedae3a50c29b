import { randomBytes } from 'node:crypto';
import { stat, unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { ServiceError } from '../errors';

/**
 * Files the renderer may import, known only by opaque ids it was given: uploads (browser mode: the
 * bytes were streamed into the library's tmp/ by the upload route) and handles (Electron: main opened
 * the native dialog and remembers what the user chose). The renderer never sends a path; whatever id
 * it sends is looked up here, and an unknown id is refused.
 */
export interface SourceFile {
  readonly path: string;
  readonly name: string;
  readonly sizeBytes: number;
  readonly kind: 'upload' | 'handle';
}

const sources = new Map<string, SourceFile>();

export const newToken = (): string => randomBytes(18).toString('base64url');

export function registerSource(file: SourceFile): string {
  const id = newToken();
  sources.set(id, file);
  return id;
}

export function resolveSource(
  source: { kind: 'upload'; uploadId: string } | { kind: 'handle'; handle: string },
): SourceFile & { id: string } {
  const id = source.kind === 'upload' ? source.uploadId : source.handle;
  const file = sources.get(id);
  if (!file || file.kind !== source.kind) {
    throw new ServiceError(
      'not-found',
      source.kind === 'upload'
        ? 'That upload is gone (the app restarted, or it was already imported). Add the file again.'
        : 'That file choice has expired. Choose the file again.',
      'source',
    );
  }
  return { ...file, id };
}

/** Forget a source once it is used; an upload's temporary file goes with it. */
export async function releaseSource(id: string): Promise<void> {
  const file = sources.get(id);
  sources.delete(id);
  if (file?.kind === 'upload') await unlink(file.path).catch(() => undefined);
}

/**
 * The native file dialog, set by the Electron shell (services never import electron). Returns the
 * chosen paths, or an empty list when the user cancels.
 */
export type FilePicker = (options: { multiple: boolean; accept: 'video' | 'archive' }) => Promise<string[]>;
let picker: FilePicker | undefined;
export function setFilePicker(fn: FilePicker | undefined): void {
  picker = fn;
}

export async function pickFiles(
  multiple: boolean,
  accept: 'video' | 'archive' = 'video',
): Promise<{ handle: string; name: string; sizeBytes: number }[]> {
  if (!picker) {
    throw new ServiceError(
      'unsupported',
      'There is no file dialog in browser mode: drop the file on the slot or use the upload button.',
    );
  }
  const chosen = await picker({ multiple, accept });
  const out = [];
  for (const path of chosen) {
    const st = await stat(path);
    if (!st.isFile()) throw new ServiceError('invalid-input', `"${basename(path)}" is not a file.`);
    const handle = registerSource({ path, name: basename(path), sizeBytes: st.size, kind: 'handle' });
    out.push({ handle, name: basename(path), sizeBytes: st.size });
  }
  return out;
}

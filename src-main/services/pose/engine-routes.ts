import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';
import { fileResponse, fromFetch } from '../media/file-response';

/**
 * What the pose engine fetches besides the app's own files: the clip and the `.task` model. Both
 * hosts serve them through this one table, in fetch terms (Request → Response): Electron's
 * `app://` protocol handler and the Node host's loopback server. A run is granted a random token;
 * only `/pose/<token>/clip` and `/pose/<token>/model/<name>.task` answer, and only until the run
 * revokes it, so no page can name a file on disk, and a finished run's URLs go dead.
 */
export const ENGINE_ROUTE_PREFIX = '/pose/';

export interface EngineGrant {
  /** Path (no origin) of the clip: the host prefixes its own origin. */
  readonly clipPath: string;
  modelPath(file: string): string;
  revoke(): void;
}

interface Granted {
  readonly clipFile: string;
  readonly modelDir: string;
}

const MODEL_NAME = /^[\w.-]+\.task$/;

export class EngineRoutes {
  readonly #grants = new Map<string, Granted>();

  grant(clipFile: string, modelDir: string): EngineGrant {
    const token = randomBytes(16).toString('hex');
    this.#grants.set(token, { clipFile, modelDir });
    const base = `${ENGINE_ROUTE_PREFIX}${token}/`;
    return {
      clipPath: `${base}clip`,
      modelPath: (file) => `${base}model/${encodeURIComponent(file)}`,
      revoke: () => void this.#grants.delete(token),
    };
  }

  /** Grants still open (a finished run must leave none). */
  get size(): number {
    return this.#grants.size;
  }

  /** The response for an engine route; undefined for any other path (the caller serves those). */
  async handle(request: Request): Promise<Response | undefined> {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith(ENGINE_ROUTE_PREFIX)) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') return status(405);
    const [token = '', kind, name, ...rest] = pathname.slice(ENGINE_ROUTE_PREFIX.length).split('/');
    const granted = this.#grants.get(token);
    if (!granted) return status(403);
    const headers = {
      'cache-control': 'no-store',
      'content-type': 'application/octet-stream',
      // The engine's worker takes its CSP from the responses it loads; keep every one strict.
      'content-security-policy': CONTENT_SECURITY_POLICY,
    };
    let file: string | undefined;
    if (kind === 'clip' && name === undefined) file = granted.clipFile;
    else if (kind === 'model' && name !== undefined && !rest.length) {
      const decoded = safeDecode(name);
      if (decoded && MODEL_NAME.test(decoded)) file = join(granted.modelDir, decoded);
    }
    if (!file) return status(404);
    return (await fileResponse(fromFetch(request), file, headers)) ?? status(404);
  }
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

const status = (code: number): Response =>
  new Response(null, { status: code, headers: { 'cache-control': 'no-store' } });

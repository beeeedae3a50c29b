import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';

/**
 * The pose engine's own loopback server, one per run: the built engine page (out/renderer), the
 * clip and the model. Why not the app's transport server (src-main/transport/http-server.ts): that
 * one needs an open library and the contract services, while the engine also runs from the CLI and
 * the bench on a bare file, with no library; this one is ~100 lines and knows nothing else.
 *
 * Bound to 127.0.0.1 only. The clip and the model sit behind a per-run random token in the path;
 * the engine page itself is app code and holds no secret. Every response carries the app's CSP so
 * the worker (whose CSP comes from its own response) cannot reach an outside host either.
 */
export interface EngineServer {
  readonly origin: string;
  readonly engineUrl: string;
  readonly clipUrl: string;
  modelUrl(file: string): string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.task': 'application/octet-stream',
};

/** Serve `file`, honouring a single `Range: bytes=a-b` (mediabunny reads the clip in ranges). */
function sendFile(req: IncomingMessage, res: ServerResponse, file: string, type: string): void {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    res.writeHead(404).end();
    return;
  }
  const headers: Record<string, string | number> = {
    'content-type': type,
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  };
  const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (m && (m[1] || m[2])) {
    const start = m[1] ? Number(m[1]) : Math.max(0, size - Number(m[2]));
    const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(206, {
      ...headers,
      'content-range': `bytes ${start}-${end}/${size}`,
      'content-length': end - start + 1,
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

export async function startEngineServer(opts: {
  /** Built renderer folder holding pose-engine.html. */
  readonly staticRoot: string;
  readonly clipPath: string;
  readonly modelDir: string;
}): Promise<EngineServer> {
  const token = randomBytes(16).toString('hex');
  const staticRoot = resolve(opts.staticRoot);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const secret = `/t/${token}/`;
    if (url.pathname === `${secret}clip`)
      return sendFile(req, res, opts.clipPath, 'application/octet-stream');
    if (url.pathname.startsWith(`${secret}model/`)) {
      const name = url.pathname.slice(`${secret}model/`.length);
      if (!/^[\w.-]+\.task$/.test(name)) return void res.writeHead(404).end();
      return sendFile(req, res, join(opts.modelDir, name), MIME['.task']!);
    }
    if (url.pathname.startsWith('/t/')) return void res.writeHead(403).end();
    const file = resolve(staticRoot, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(staticRoot + sep)) return void res.writeHead(404).end();
    sendFile(req, res, file, MIME[extname(file)] ?? 'application/octet-stream');
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    engineUrl: `${origin}/pose-engine.html`,
    clipUrl: `${origin}/t/${token}/clip`,
    modelUrl: (file) => `${origin}/t/${token}/model/${file}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

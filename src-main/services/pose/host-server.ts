import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';
import { fileResponse, fromFetch, sendResponse } from '../media/file-response';
import type { EngineRoutes } from './engine-routes';

/**
 * The Node host's loopback server, one per run: the built engine page (out/renderer), and the clip
 * and the model through the same engine routes Electron's app:// handler uses (engine-routes.ts).
 * Why not the app's transport server (src-main/transport/http-server.ts): that one needs an open
 * library and the contract services, while the engine also runs from the CLI and the bench on a
 * bare file, with no library; this one knows nothing else.
 *
 * Bound to 127.0.0.1 only. The engine page itself is app code and holds no secret. Every response
 * carries the app's CSP so the worker (whose CSP comes from its own response) cannot reach an
 * outside host either.
 */
export interface EngineServer {
  readonly origin: string;
  readonly engineUrl: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The engine page and its assets from `staticRoot`; nothing outside it. */
async function staticResponse(request: Request, staticRoot: string): Promise<Response> {
  const file = resolve(staticRoot, `.${decodeURIComponent(new URL(request.url).pathname)}`);
  const notFound = new Response(null, { status: 404 });
  if (!file.startsWith(staticRoot + sep)) return notFound;
  const headers = {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  };
  return (await fileResponse(fromFetch(request), file, headers)) ?? notFound;
}

/** node:http in, fetch Request out; the Response written back (streamed). */
function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (typeof v === 'string') headers.set(k, v);
    else if (Array.isArray(v)) headers.set(k, v.join(', '));
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers });
}

export async function startEngineServer(opts: {
  /** Built renderer folder holding pose-engine.html. */
  readonly staticRoot: string;
  /** The clips and models granted to runs (engine-routes.ts). */
  readonly routes: EngineRoutes;
}): Promise<EngineServer> {
  const staticRoot = resolve(opts.staticRoot);
  let origin = '';
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const request = toRequest(req, origin);
    void (async () => {
      let response: Response;
      try {
        response = (await opts.routes.handle(request)) ?? (await staticResponse(request, staticRoot));
      } catch {
        response = new Response(null, { status: 400 }); // e.g. a malformed %-escape in the path
      }
      await sendResponse(res, response);
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    engineUrl: `${origin}/pose-engine.html`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

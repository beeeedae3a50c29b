import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { HTTP_CALL_PREFIX, HTTP_EVENTS_PATH, HTTP_TOKEN_HEADER } from '../../src-shared/contract/transport';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import type { Services } from '../services';

/**
 * Browser mode: the same renderer and the same contract as in Electron, carried over HTTP on the
 * loopback interface. Calls are `POST /api/call/<channel>` with a JSON body; events are a
 * Server-Sent-Events stream at `/api/events`. Every /api request must carry the per-launch random
 * token (header `x-stridelab-token`, or `?token=` where a header cannot be set: EventSource, <video>).
 * Host and Origin are checked so a web page elsewhere cannot reach it through DNS rebinding.
 */
export interface LocalServer {
  readonly url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to a server. */
  readonly appUrl: string;
  readonly token: string;
  readonly port: number;
  readonly server: Server;
  /** Extra GET routes under /api/ (e.g. media files), checked for the token like every /api route. */
  addRoute(prefix: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface LocalServerOptions {
  readonly services: Services;
  /** Folder of the built renderer (out/renderer). */
  readonly staticRoot: string;
  readonly port?: number;
  readonly token?: string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.task': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

const MAX_BODY_BYTES = 1024 * 1024;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const root = resolve(options.staticRoot);
  const routes = new Map<string, RouteHandler>();
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = options.services.onEvent((message) => {
    const frame = `data: ${JSON.stringify(message)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const hostAllowed = (host: string | undefined): boolean =>
    host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const originAllowed = (origin: string | undefined): boolean =>
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  const serveStatic = (res: ServerResponse, pathname: string): void => {
    const rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    const file = resolve(join(root, rel));
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      'cross-origin-resource-policy': 'same-origin',
    });
    createReadStream(file).pipe(res);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host)) {
      send(res, 403, { ok: false, error: { code: 'invalid-input', message: 'Wrong host.' } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      serveStatic(res, url.pathname);
      return;
    }
    const given =
      (req.headers[HTTP_TOKEN_HEADER] as string | undefined) ?? url.searchParams.get('token') ?? '';
    if (!sameToken(given, token) || !originAllowed(req.headers.origin)) {
      send(res, 401, {
        ok: false,
        error: { code: 'invalid-input', message: 'Missing or wrong StrideLab token.' },
      });
      return;
    }
    if (url.pathname === HTTP_EVENTS_PATH && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (url.pathname.startsWith(HTTP_CALL_PREFIX) && req.method === 'POST') {
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (err) {
        send(res, 400, { ok: false, error: { code: 'invalid-input', message: (err as Error).message } });
        return;
      }
      const channel = decodeURIComponent(url.pathname.slice(HTTP_CALL_PREFIX.length));
      const result = await options.services.dispatch(channel, body);
      send(res, 200, result);
      return;
    }
    for (const [prefix, route] of routes) {
      if (url.pathname.startsWith(prefix)) {
        await route(req, res, url);
        return;
      }
    }
    send(res, 404, { ok: false, error: { code: 'not-found', message: `No route ${url.pathname}.` } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A malformed %-escape in the path (decodeURIComponent throws URIError) is the client's mistake.
      if (res.headersSent) res.end();
      else if (err instanceof URIError)
        send(res, 400, {
          ok: false,
          error: { code: 'invalid-input', message: 'Malformed address (a bad %-escape).' },
        });
      else
        send(res, 500, { ok: false, error: { code: 'internal', message: 'Unexpected error in StrideLab.' } });
    });
  });
  // Idle keep-alive sockets outlive any client's reuse window, so a request is never written into a
  // socket the server is closing at that moment (seen as ECONNRESET under heavy load).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    // Loopback only: nothing on the clinic's network can reach the patient library.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    appUrl: `${base}/#token=${token}`,
    token,
    port,
    server,
    addRoute(prefix, handler) {
      if (!prefix.startsWith('/api/'))
        throw new Error('Extra routes live under /api/ so they need the token.');
      routes.set(prefix, handler);
    },
    async close() {
      unsubscribe();
      for (const client of sseClients) client.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

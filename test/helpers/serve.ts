import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/stridelab.js', import.meta.url));

export interface Served {
  readonly url: string;
  readonly appUrl: string;
  readonly token: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Start browser mode as a user would (`stridelab serve --home DIR`, a real process on the built
 * app) and wait for its STRIDELAB_READY line: an event the app emits, not a sleep.
 */
export function serve(home: string, extraArgs: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--home', home, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DISPLAY: '' },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('STRIDELAB_READY ')) return;
      const info = JSON.parse(line.slice('STRIDELAB_READY '.length)) as {
        url: string;
        appUrl: string;
        token: string;
      };
      resolve({
        ...info,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`stridelab serve exited with ${code}: ${stderr}`)));
  });
}

/** One contract call over the running server's HTTP API, as the renderer makes it; throws its message. */
export async function callServed<T>(
  app: Pick<Served, 'url' | 'token'>,
  channel: string,
  input: unknown,
): Promise<T> {
  const res = await fetch(new URL(`/api/call/${channel}`, app.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-stridelab-token': app.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; result: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.result;
}

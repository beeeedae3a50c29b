import { createInterface } from 'node:readline';
import { createServices, type Services } from '../../../src-main/services';
import { parseServerAddress } from '../../../src-main/services/library/postgres/config';
import { openServerMode } from '../../../src-main/services/library/server-mode';
import { createServerServices } from '../../../src-main/services/server';
import { pageCalls, queries, type ChildResult } from './plan';

/**
 * One workstation of the benchmark (../workstations.ts), a process of its own: opens the library as
 * the app does (a clinic server's through server mode, with its change relay and shared queue; or
 * the embedded one), says READY, waits for GO on stdin so every workstation starts its loop at once,
 * then times the calls the renderer makes and prints `RESULT <json>`.
 *
 * argv: `pg <url> <media> <home> <name>` or `sqlite <home> <name>`, then iterations, seed,
 * sessions. Each iteration is one patient search (PatientList.tsx: patients:search, limit 100) and
 * one session page load (SessionPage.tsx then ClipSlots.tsx: sessions:get, patients:get of its
 * patient, recordings:list), each timed end to end through services.dispatch.
 */
const args = process.argv.slice(2);
const mode = args[0];
let services: Services;
let rest: string[];
if (mode === 'pg') {
  const [url, media, home, name] = args.slice(1, 5) as [string, string, string, string];
  const library = await openServerMode({
    target: parseServerAddress(url, {}),
    mediaDir: media,
    home,
    workstation: name,
  });
  services = await createServerServices({ home, library, transport: 'cli' });
  rest = args.slice(5);
} else {
  const home = args[1]!;
  services = createServices({ home, transport: 'cli' });
  rest = args.slice(3);
}
const [iterations, seed, sessions] = rest.map(Number) as [number, number, number];

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

process.stdout.write('READY\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));

const result: ChildResult = { search: [], sessionPage: [], searchHits: 0 };
const qs = queries(seed, iterations);
const pages = pageCalls(seed, iterations, sessions);
for (let i = 0; i < iterations; i++) {
  let t0 = performance.now();
  const found = await call<unknown[]>('patients:search', { query: qs[i], limit: 100 });
  result.search.push(performance.now() - t0);
  result.searchHits += found.length;
  t0 = performance.now();
  const session = await call<{ patientId: string }>('sessions:get', { id: pages[i] });
  await call('patients:get', { id: session.patientId });
  await call('recordings:list', { sessionId: pages[i] });
  result.sessionPage.push(performance.now() - t0);
}
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
lines.close();
services.close();
await services.idle();
process.exit(0);

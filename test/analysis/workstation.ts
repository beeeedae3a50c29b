import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerMode } from '../../src-main/services/library/server-mode';
import { registerSource } from '../../src-main/services/media/sources';
import { createServerServices } from '../../src-main/services/server';

/**
 * One workstation of a clinic server, as a process of its own, for workstations.pg.test.ts: the real
 * services on the server's library (server mode, the shared analysis queue, the news between
 * workstations), driven over stdin/stdout so the test can run two at once and kill one with SIGKILL.
 *
 * argv: server address, shared media folder, this workstation's home, its name, lease in ms.
 * Prints `READY` once it listens for other workstations' news; every event it gets as
 * `EVENT <json>`; for each command line (JSON) `RESULT <id> <wire result json>`. Commands:
 * `{id, call, input}` a contract call; `{id, importClip, sessionId, view}` an import of that file
 * (the file handle the desktop's dialog would give); `{id, exit: true}` closes and exits.
 */
const [url, mediaDir, home, room, lease] = process.argv.slice(2) as [string, string, string, string, string];
const leaseMs = Number(lease);
const out = (line: string): void => void process.stdout.write(`${line}\n`);

const library = await openServerMode({
  target: parseServerAddress(url, {}),
  mediaDir,
  home,
  workstation: room,
});
const services = await createServerServices({
  home,
  library,
  transport: 'cli',
  analyseOnArrival: false,
  analysisConcurrency: 1,
  // Short, so a test sees a dead workstation's job taken over in seconds rather than a minute.
  sharedQueue: { leaseMs, heartbeatMs: Math.round(leaseMs / 4), pollMs: 500 },
});
services.onEvent((m) => out(`EVENT ${JSON.stringify(m)}`));
out('READY');

interface Command {
  readonly id: string;
  readonly call?: string;
  readonly input?: unknown;
  readonly importClip?: string;
  readonly sessionId?: string;
  readonly view?: string;
  readonly exit?: boolean;
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const c = JSON.parse(line) as Command;
  if (c.exit) break;
  // Each command runs by itself, so a long import does not hold up the next call.
  void (async () => {
    let result;
    if (c.importClip) {
      const path = c.importClip;
      const handle = registerSource({
        path,
        name: basename(path),
        sizeBytes: statSync(path).size,
        kind: 'handle',
      });
      result = await services.dispatch('recordings:import', {
        sessionId: c.sessionId,
        source: { kind: 'handle', handle },
        view: c.view ?? 'side',
        condition: { label: 'flat' },
        allowDuplicate: true,
        jobId: `job${Date.now()}${c.id}`,
      });
    } else {
      result = await services.dispatch(c.call!, c.input ?? {});
    }
    out(`RESULT ${c.id} ${JSON.stringify(result)}`);
  })();
}
services.close();
await services.idle();
process.exit(0);

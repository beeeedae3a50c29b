import { createInterface } from 'node:readline';
import { postgresDataLayer } from '../../src-main/data/postgres';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerLibrary } from '../../src-main/services/library/postgres/open';

/**
 * One workstation for edit-conflict.pg.test.ts, as a process of its own: argv = server address,
 * patient id, the name this PT types, the room. Reads the patient (prints READ), waits for "go" on
 * stdin so that both workstations save at the same moment, saves with its version, prints the outcome.
 */
const [url, id, name, room] = process.argv.slice(2) as [string, string, string, string];
const lib = await openServerLibrary(parseServerAddress(url, {}));
const data = postgresDataLayer(lib.pool);
const seen = await data.patients.stamp(id);
process.stdout.write(`READ ${JSON.stringify(seen)}\n`);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
const outcome = await data.patients.updateChecked(
  id,
  { name, sex: 'female' },
  new Date().toISOString(),
  seen!.version,
  room,
);
process.stdout.write(`SAVED ${JSON.stringify(outcome)}\n`);
await lib.close();
process.exit(0);

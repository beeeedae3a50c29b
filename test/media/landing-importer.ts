import { createInterface } from 'node:readline';
import { beginAllOrNothing } from '../../src-main/services/library/all-or-nothing';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerMode } from '../../src-main/services/library/server-mode';
import { importRecording } from '../../src-main/services/media/import';

/**
 * One workstation importing a clip on the shared media folder, as a process of its own, for
 * landing-race.pg.test.ts: argv = server address, shared folder, this workstation's home and name,
 * session id, clip. Imports inside an all-or-nothing job (as `stridelab import` and `analyze --db`
 * do), prints LANDED <recording id> once the clip's folder is in media/ but its row is not committed,
 * then waits for "commit" on stdin (or to be killed).
 */
const [url, media, home, room, sessionId, clip] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const library = await openServerMode({
  target: parseServerAddress(url, {}),
  mediaDir: media,
  home,
  workstation: room,
});
const job = await beginAllOrNothing(library);
const rec = await importRecording(job.library, {
  sessionId,
  sourcePath: clip,
  view: 'side',
  condition: { label: 'flat' },
  allowDuplicate: true,
});
process.stdout.write(`LANDED ${rec.id}\n`);
for await (const line of createInterface({ input: process.stdin })) if (line === 'commit') break;
await job.commit();
process.stdout.write('COMMITTED\n');
await library.server.close();
process.exit(0);

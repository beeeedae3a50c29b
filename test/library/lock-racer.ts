/**
 * A child program for lock-race.test.ts: one process trying to open a library's lock. It waits for
 * "go <epoch ms>" on stdin, spins until that instant (so all racers call at once), tries, and says
 * "owner <pid>" or "refused <pid> <message>". An owner keeps the lock until it is killed.
 */
import { createInterface } from 'node:readline';
import { acquireLock, type LibraryLock } from '../../src-main/services/library/lock';

const [lockFile, noteFile] = process.argv.slice(2) as [string, string];
let held: LibraryLock | undefined;
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [cmd, at] = line.split(' ');
  if (cmd === 'exit') process.exit(0);
  if (cmd !== 'go' || held) return;
  while (Date.now() < Number(at)) {
    // spin: every racer leaves this loop within the same millisecond
  }
  try {
    held = acquireLock(lockFile, noteFile);
    process.stdout.write(`owner ${process.pid}\n`);
  } catch (err) {
    process.stdout.write(`refused ${process.pid} ${(err as Error).message}\n`);
  }
});
process.stdout.write(`ready ${process.pid}\n`);

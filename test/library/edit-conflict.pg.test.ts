import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresDataLayer } from '../../src-main/data/postgres';
import type { CheckedSave } from '../../src-main/data/versions';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerLibrary } from '../../src-main/services/library/postgres/open';
import { bundleForNode } from '../helpers/bundle';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';

/**
 * Two workstation processes edit the same patient on one server and save at the same moment
 * (issue 17): exactly one save lands, the other is refused and told which room saved, the loser can
 * keep theirs by saving again from the newer version. Repeated, so a race that lets both win shows.
 */
const dbs: TestDatabase[] = [];
let bundle: string | undefined;
afterAll(async () => {
  for (const d of dbs) await d.drop();
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
});

function start(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  line: (prefix: string) => Promise<string>;
  exited: Promise<unknown>;
} {
  const child = spawn(process.execPath, [bundle!, ...args]);
  // Listened for from the start: a workstation that prints its answer and exits before the test
  // gets round to waiting for it must not leave the test waiting for an exit that already happened.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let out = '';
  const waiters: { prefix: string; resolve: (s: string) => void }[] = [];
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    for (const w of [...waiters]) {
      const l = out.split('\n').find((x) => x.startsWith(w.prefix));
      if (l) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(l.slice(w.prefix.length));
      }
    }
  });
  child.stderr.on('data', (b: Buffer) => process.stderr.write(b));
  return {
    child,
    exited,
    line: (prefix) =>
      new Promise((resolve) => {
        // A line that came before anyone asked for it is answered at once.
        const l = out.split('\n').find((x) => x.startsWith(prefix));
        if (l) resolve(l.slice(prefix.length));
        else waiters.push({ prefix, resolve });
      }),
  };
}

describe('two workstations saving one patient at once', () => {
  it('one save lands, the other is refused with who saved; never both', async () => {
    bundle = await bundleForNode('test/library/workstation.ts');
    const db = await createTestDatabase('lib', { migrated: true });
    dbs.push(db);
    const url = `${db.url}?sslmode=disable`;
    const lib = await openServerLibrary(parseServerAddress(url, {}));
    const data = postgresDataLayer(lib.pool);
    try {
      for (let round = 0; round < 3; round++) {
        const id = `p${round}`;
        await data.patients.insert(id, { name: 'Ann', sex: 'female' }, new Date().toISOString());
        const rooms = ['room 1', 'room 2'].map((room) => ({
          room,
          ...start([url, id, `Ann (${room})`, room]),
        }));
        await Promise.all(rooms.map((r) => r.line('READ ')));
        for (const r of rooms) r.child.stdin.write('go\n');
        const outcomes = await Promise.all(
          rooms.map(async (r) => JSON.parse(await r.line('SAVED ')) as CheckedSave),
        );
        await Promise.all(rooms.map((r) => r.exited));
        const winners = outcomes.filter((o) => o.saved);
        expect(winners, `round ${round}`).toEqual([{ saved: true, version: 2 }]);
        const winner = rooms[outcomes.findIndex((o) => o.saved)]!.room;
        const loser = outcomes.find((o) => !o.saved)!;
        expect(loser).toMatchObject({ saved: false, current: { version: 2, updatedBy: winner } });
        expect((await data.patients.get(id))?.name).toBe(`Ann (${winner})`);
      }
    } finally {
      await lib.close();
    }
  }, 120_000);
});

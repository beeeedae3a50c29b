import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src-main/services';
import { parseServerAddress } from '../../src-main/services/library/postgres/config';
import { openServerMode } from '../../src-main/services/library/server-mode';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/tmp';

/**
 * Backup and restore on a workstation of a clinic server: refused in words that say what the clinic
 * does instead (docs/clinic-server.md, "Backups"), the list of backups empty, nothing written.
 */
const tmp = tempDir('stridelab-backup-server-');
let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
  tmp.cleanup();
});

describe('backups on a clinic server', () => {
  it('are refused plainly, list none and leave the share and the workstation folder as they were', async () => {
    db = await createTestDatabase('backup', { migrated: true });
    const share = join(tmp.path, 'share');
    const home = join(tmp.path, 'room1');
    mkdirSync(share);
    const library = await openServerMode({
      target: parseServerAddress(db.url, {}),
      mediaDir: share,
      home,
      workstation: 'room 1',
    });
    const services = createServices({ home, transport: 'browser', library });
    try {
      const before = readdirSync(share, { recursive: true }).map(String).sort();
      const made = await services.dispatch('library:backup', {});
      expect(made).toMatchObject({ ok: false, error: { code: 'unsupported' } });
      expect(made.ok ? '' : made.error.message).toContain(
        'backed up there rather than from a workstation: whoever looks after the server backs up its database (pg_dump) and the shared media folder',
      );
      const restored = await services.dispatch('library:restore', { name: 'library-x.stridelab-backup' });
      expect(restored.ok ? '' : restored.error.message).toContain(
        'restored there rather than from a workstation',
      );
      expect(await services.dispatch('library:backups', {})).toEqual({ ok: true, result: [] });
      expect(readdirSync(share, { recursive: true }).map(String).sort()).toEqual(before);
      expect(readdirSync(home)).not.toContain('backups');
    } finally {
      services.close();
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SETTINGS_FILE, shellLibraryConfig } from '../../src-main/electron/startup-config';
import { createServerServices } from '../../src-main/services/server';
import { LATEST_SCHEMA_VERSION } from '../../src-main/services/library/migrations';
import { isServerMode } from '../../src-main/services/library/server-mode';
import { openConfiguredLibrary } from '../../src-main/services/library/target';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/tmp';

/**
 * The shell's start-up on a real clinic server, as main.ts does it: the address and the share from
 * the clinic settings file, the password from the environment (never in StrideLab's folders), the
 * workstation's services on the server. Nothing in the user-data folder holds the password after.
 */
const tmp = tempDir('stridelab-shell-pg-');
let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
  tmp.cleanup();
});

describe('the shell on a clinic server', () => {
  it('opens the server library from the settings file with the password from the environment', async () => {
    db = await createTestDatabase('shell', { migrated: true });
    const url = new URL(db.url);
    const password = decodeURIComponent(url.password);
    url.password = '';
    const userData = join(tmp.path, 'user');
    const share = join(tmp.path, 'share');
    mkdirSync(userData);
    mkdirSync(share);
    writeFileSync(
      join(userData, SETTINGS_FILE),
      JSON.stringify({ db: url.toString(), media: share, workstation: 'room 2' }),
    );
    const config = shellLibraryConfig({ argv: [], env: { STRIDELAB_DB_PASSWORD: password }, userData });
    // The password is read when connecting, from the environment the config was resolved with.
    const library = await openConfiguredLibrary(config);
    if (!isServerMode(library)) throw new Error('not the server library');
    expect(library.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const services = await createServerServices({
      home: config.home,
      transport: 'electron',
      library,
    });
    const made = await services.dispatch('patients:create', { name: 'Ana López', sex: 'female' });
    expect(made.ok).toBe(true);
    services.close();
    await new Promise((r) => setTimeout(r, 200));
    const files = readdirSync(userData, { recursive: true }).map(String);
    for (const f of files.filter((f) => !f.includes('.stridelab-tmp'))) {
      try {
        expect(readFileSync(join(userData, f), 'utf8')).not.toContain(password);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
      }
    }
  });
});

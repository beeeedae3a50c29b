import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { LATEST_SCHEMA_VERSION } from '../../src-main/services/library/migrations';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { captureStdio } from '../helpers/stdio';

/** `stridelab db check|upgrade` against a real server (docs/clinic-server.md). */
const io = captureStdio();
const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

describe('stridelab db', () => {
  it('checks without changing, upgrades, and then checks current', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const url = new URL(db.url);
    const password = decodeURIComponent(url.password);
    url.password = '';
    const env = process.env;
    process.env = { ...env, STRIDELAB_DB: url.toString(), STRIDELAB_DB_PASSWORD: password };
    try {
      expect(await main(['db', 'check'])).toBe(1);
      expect(io.out).toMatch(/connected, encrypted \(TLS\)/);
      expect(io.out).toContain(
        `Schema 0: this StrideLab uses ${LATEST_SCHEMA_VERSION}; run "stridelab db upgrade"`,
      );
      expect(await main(['db', 'upgrade'])).toBe(0);
      expect(await main(['db', 'check', '--db', `${url.toString()}?sslmode=disable`])).toBe(0);
      expect(io.out).toMatch(/connected, NOT encrypted\./);
      expect(io.out).toContain(`Schema ${LATEST_SCHEMA_VERSION}: current for this StrideLab.`);
      expect(io.out + io.err).not.toContain(password);
    } finally {
      process.env = env;
    }
  });

  it('refuses wrong usage (2) and an unreachable server (1), in words', async () => {
    expect(await main(['db', 'drop'])).toBe(2);
    expect(io.err).toContain('say check or upgrade');
    expect(await main(['db', 'check', '--db', 'mysql://h/x'])).toBe(2);
    expect(io.err).toContain('must start with postgres://');
    expect(await main(['db', 'check', '--db', 'postgres://ws:secret@127.0.0.1:1/stridelab'])).toBe(1);
    expect(io.err).toContain(
      "cannot reach the clinic's database server (postgres://ws@127.0.0.1:1/stridelab)",
    );
    expect(io.err).not.toContain('secret');
  });
});

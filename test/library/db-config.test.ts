import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  matchPgpass,
  resolveDatabaseTarget,
  type ServerTarget,
} from '../../src-main/services/library/postgres/config';
import { tempDir } from '../helpers/tmp';

/** Choosing the backend and reading the server's address, password and TLS mode (docs/clinic-server.md). */
const server = (argv: string[], env: NodeJS.ProcessEnv = {}): ServerTarget => {
  const t = resolveDatabaseTarget(argv, env);
  if (t.backend !== 'postgres') throw new Error('expected the server backend');
  return t;
};
const password = async (t: ServerTarget): Promise<string> => (t.config.password as () => Promise<string>)();

describe('the database target', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const noFiles = (): NodeJS.ProcessEnv => {
    const d = tempDir();
    dirs.push(d);
    return { STRIDELAB_DB_PASSFILE: join(d.path, 'none') };
  };

  it('is the embedded library unless --db or STRIDELAB_DB names a server; the flag wins', () => {
    expect(resolveDatabaseTarget([], {})).toEqual({ backend: 'sqlite' });
    expect(resolveDatabaseTarget([], { STRIDELAB_DB: 'sqlite' })).toEqual({ backend: 'sqlite' });
    expect(server([], { STRIDELAB_DB: 'postgres://a@h1/x' }).display).toBe('postgres://a@h1/x');
    expect(
      server(['--db', 'postgres://b@h2:6543/y'], { STRIDELAB_DB: 'postgres://a@h1/x' }).config,
    ).toMatchObject({
      host: 'h2',
      port: 6543,
      database: 'y',
      user: 'b',
    });
    expect(server(['--db=postgresql://c@h3/z']).config).toMatchObject({ host: 'h3', port: 5432, user: 'c' });
  });

  it('refuses addresses it cannot use, in words', () => {
    expect(() => resolveDatabaseTarget(['--db', 'mysql://x@h/db'], {})).toThrow(
      /must start with postgres:\/\//,
    );
    expect(() => resolveDatabaseTarget(['--db', 'postgres://x@h'], {})).toThrow(/names no database/);
    expect(() => resolveDatabaseTarget(['--db', 'postgres://x@h/d?sslmode=maybe'], {})).toThrow(
      /sslmode must be one of/,
    );
    expect(() => resolveDatabaseTarget(['--db', 'postgres://x@h/d?sslmode=verify-ca'], {})).toThrow(
      /needs sslrootcert/,
    );
    expect(() => resolveDatabaseTarget(['--db', 'postgres://x@h/d?sslrootcert=/nope/ca.pem'], {})).toThrow(
      /cannot be read/,
    );
  });

  it('never shows the password, takes it from the address, the environment or a private file', async () => {
    const inUrl = server(['--db', 'postgres://u:s%3Acret@h/d'], noFiles());
    expect(inUrl.display).toBe('postgres://u@h/d');
    expect(await password(inUrl)).toBe('s:cret');
    expect(
      await password(server(['--db', 'postgres://u@h/d'], { ...noFiles(), STRIDELAB_DB_PASSWORD: 'e1' })),
    ).toBe('e1');
    expect(await password(server(['--db', 'postgres://u@h/d'], { ...noFiles(), PGPASSWORD: 'e2' }))).toBe(
      'e2',
    );

    const d = tempDir();
    dirs.push(d);
    const file = join(d.path, 'pgpass');
    writeFileSync(file, '# clinic\nother:5432:d:u:wrong\nh:5432:d:u:from-file\n', { mode: 0o600 });
    const env = { STRIDELAB_DB_PASSFILE: file };
    expect(await password(server(['--db', 'postgres://u@h/d'], env))).toBe('from-file');
    chmodSync(file, 0o644);
    await expect(password(server(['--db', 'postgres://u@h/d'], env))).rejects.toThrow(
      /can be read by other users.*chmod 600/,
    );
    // The user's config folder is looked in when no file is named.
    const config = join(d.path, 'config');
    mkdirSync(join(config, 'stridelab'), { recursive: true });
    writeFileSync(join(config, 'stridelab', 'pgpass'), '*:*:*:u:cfg\n', { mode: 0o600 });
    if (process.platform === 'linux')
      expect(await password(server(['--db', 'postgres://u@h/d'], { XDG_CONFIG_HOME: config }))).toBe('cfg');
  });

  it('reads .pgpass lines as libpq does: wildcards, escapes, first match', () => {
    const want = { host: 'db.clinic', port: '5432', database: 'stridelab', user: 'ws' };
    expect(matchPgpass('db.clinic:5432:stridelab:ws:a\\:b\\\\c\n', want)).toBe('a:b\\c');
    expect(matchPgpass('*:*:stridelab:*:first\n*:*:*:*:second\n', want)).toBe('first');
    expect(matchPgpass('db.clinic:5433:stridelab:ws:x\n', want)).toBeUndefined();
    expect(matchPgpass('malformed line\n', want)).toBeUndefined();
  });

  it('maps sslmode to TLS settings; prefer keeps a plain fallback', () => {
    expect(server(['--db', 'postgres://u@h/d?sslmode=disable']).config.ssl).toBe(false);
    const prefer = server(['--db', 'postgres://u@h/d']);
    expect(prefer.sslMode).toBe('prefer');
    expect(prefer.config.ssl).toEqual({ rejectUnauthorized: false });
    expect(prefer.plainFallback?.ssl).toBe(false);
    expect(server(['--db', 'postgres://u@h/d?sslmode=require']).plainFallback).toBeUndefined();
    expect(server(['--db', 'postgres://u@h/d?sslmode=verify-full']).config.ssl).toEqual({});
  });
});

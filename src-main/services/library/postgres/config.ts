import { readFileSync, statSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { ServiceError } from '../../errors';

/**
 * Which database a StrideLab process uses: the embedded library (SQLite in the library folder, the
 * default) or a clinic's PostgreSQL server, chosen by `--db postgres://…` or $STRIDELAB_DB
 * (docs/clinic-server.md). The server's address names the user, host, port and database; the
 * password is never needed in it and never stored in the library folder:
 *
 * 1. $STRIDELAB_DB_PASSWORD, or libpq's $PGPASSWORD;
 * 2. a password file in libpq's `.pgpass` format (`host:port:database:user:password`, `*` matches
 *    anything; https://www.postgresql.org/docs/current/libpq-pgpass.html): $STRIDELAB_DB_PASSFILE,
 *    else `stridelab/pgpass` in the user's config folder, else $PGPASSFILE or ~/.pgpass. Like libpq,
 *    a file others can read is not used (on POSIX it must be 0600); unlike libpq, StrideLab says so;
 * 3. in the address itself (tests, one-off commands): it then shows in the process list, so avoid.
 *
 * TLS follows libpq's `sslmode` (https://www.postgresql.org/docs/current/libpq-ssl.html), default
 * `prefer`: encrypted whenever the server offers it, which it must when its pg_hba.conf says
 * `hostssl`. `verify-full` with `sslrootcert=<clinic CA>` also proves the server is the clinic's.
 * node-postgres has no `prefer` (it treats the modes as verify-full or nothing), so the modes are
 * mapped here; `prefer` falls back to plain only when the server answers that it has no TLS.
 */
export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'];

export interface ServerTarget {
  readonly backend: 'postgres';
  /** postgres://user@host:port/database: the address without secrets, for messages and logs. */
  readonly display: string;
  readonly sslMode: SslMode;
  /** The pool's settings; `ssl` is what to try first (see `plainFallback`). */
  readonly config: pg.PoolConfig;
  /** sslmode=prefer: the settings to use when the server has no TLS. */
  readonly plainFallback?: pg.PoolConfig;
}

export type DatabaseTarget = { readonly backend: 'sqlite' } | ServerTarget;

const invalid = (message: string): ServiceError => new ServiceError('invalid-input', message, 'db');

/** `--db X` / `--db=X` in argv, else $STRIDELAB_DB, else the embedded library. */
export function resolveDatabaseTarget(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): DatabaseTarget {
  const i = argv.indexOf('--db');
  const flag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--db='))?.slice('--db='.length);
  const value = (flag ?? env.STRIDELAB_DB ?? '').trim();
  if (!value || value === 'sqlite' || value === 'embedded') return { backend: 'sqlite' };
  return parseServerAddress(value, env);
}

export function parseServerAddress(address: string, env: NodeJS.ProcessEnv = process.env): ServerTarget {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw invalid(
      'The database address is not a postgres:// address (for example postgres://stridelab@clinic-server/stridelab).',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw invalid(`The database address must start with postgres://, not ${url.protocol}//.`);
  const host = decodeURIComponent(url.hostname) || url.searchParams.get('host') || 'localhost';
  const port = url.port ? Number(url.port) : 5432;
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw invalid('The database address names no database (…/stridelab at its end).');
  const user = decodeURIComponent(url.username) || env.PGUSER || 'stridelab';
  const rawMode = url.searchParams.get('sslmode') ?? env.PGSSLMODE ?? 'prefer';
  if (!SSL_MODES.includes(rawMode as SslMode))
    throw invalid(`sslmode must be one of ${SSL_MODES.join(', ')}, not "${rawMode}".`);
  const sslMode = rawMode as SslMode;
  const rootCertFile = url.searchParams.get('sslrootcert') ?? env.PGSSLROOTCERT;
  const ca = rootCertFile ? readCa(rootCertFile) : undefined;
  if (sslMode === 'verify-ca' && !ca)
    throw invalid('sslmode=verify-ca needs sslrootcert=<the clinic certificate authority file>.');
  const inUrl = url.password ? decodeURIComponent(url.password) : undefined;
  const password = async (): Promise<string> =>
    inUrl ??
    env.STRIDELAB_DB_PASSWORD ??
    env.PGPASSWORD ??
    passwordFromFiles(env, host, port, database, user) ??
    '';
  const base: pg.PoolConfig = {
    host,
    port,
    database,
    user,
    password,
    connectionTimeoutMillis: 10_000,
  };
  const ssl = sslOptions(sslMode, ca);
  const display = `postgres://${encodeURIComponent(user)}@${url.host || host}/${encodeURIComponent(database)}`;
  return {
    backend: 'postgres',
    display,
    sslMode,
    config: { ...base, ssl },
    ...(sslMode === 'prefer' ? { plainFallback: { ...base, ssl: false } } : {}),
  };
}

/** libpq's modes as Node's TLS options. */
function sslOptions(mode: SslMode, ca: string | undefined): pg.PoolConfig['ssl'] {
  switch (mode) {
    case 'disable':
      return false;
    case 'prefer':
    case 'require':
      // Encrypted, the certificate unchecked (libpq: with a root certificate, require acts as verify-ca).
      return ca ? { ca, checkServerIdentity: () => undefined } : { rejectUnauthorized: false };
    case 'verify-ca':
      return { ca, checkServerIdentity: () => undefined };
    case 'verify-full':
      return ca ? { ca } : {};
  }
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw invalid(`The certificate authority file "${file}" (sslrootcert) cannot be read.`);
  }
}

/** The user's config folder, as home.ts places StrideLab's user data. */
function configDir(env: NodeJS.ProcessEnv): string {
  switch (platform()) {
    case 'win32':
      return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  }
}

export function passwordFileCandidates(env: NodeJS.ProcessEnv): string[] {
  if (env.STRIDELAB_DB_PASSFILE) return [env.STRIDELAB_DB_PASSFILE];
  return [
    join(configDir(env), 'stridelab', 'pgpass'),
    env.PGPASSFILE ??
      (platform() === 'win32'
        ? join(configDir(env), 'postgresql', 'pgpass.conf')
        : join(homedir(), '.pgpass')),
  ];
}

function passwordFromFiles(
  env: NodeJS.ProcessEnv,
  host: string,
  port: number,
  database: string,
  user: string,
): string | undefined {
  for (const file of passwordFileCandidates(env)) {
    let text: string;
    try {
      if (platform() !== 'win32' && (statSync(file).mode & 0o077) !== 0)
        throw new ServiceError(
          'invalid-input',
          `The password file "${file}" can be read by other users of this computer, so StrideLab does not use it. Make it private (chmod 600 "${file}").`,
          'db',
        );
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if (err instanceof ServiceError) throw err;
      continue; // no such file
    }
    const found = matchPgpass(text, { host, port: String(port), database, user });
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The password of the first line of a `.pgpass` text that matches: fields split on unescaped `:`,
 * `\:` and `\\` are a literal colon and backslash, `*` matches anything, `#` starts a comment.
 */
export function matchPgpass(
  text: string,
  want: { host: string; port: string; database: string; user: string },
): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const fields: string[] = [];
    let cur = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '\\' && i + 1 < line.length) cur += line[++i];
      else if (c === ':' && fields.length < 4) {
        fields.push(cur);
        cur = '';
      } else cur += c;
    }
    fields.push(cur);
    if (fields.length !== 5) continue;
    const [h, p, d, u, pw] = fields as [string, string, string, string, string];
    const ok = (pattern: string, value: string): boolean => pattern === '*' || pattern === value;
    if (ok(h, want.host) && ok(p, want.port) && ok(d, want.database) && ok(u, want.user)) return pw;
  }
  return undefined;
}
